import { describe, expect, it } from 'vitest';
import { bytesOfBase64, bytesOfHex } from '../../testing/input/bytes';
import { hexdumpC, tcpdumpX, tsharkX, wiresharkCopy, xxd } from '../../testing/input/dump-layouts';
import {
  HEX_LOOKING_ASCII_HEXDUMP_C,
  HEX_LOOKING_ASCII_XXD,
  SAMBA_INIT_B64,
  SAMBA_INIT_HEXDUMP_C,
  SAMBA_INIT_TCPDUMP_X,
  SAMBA_INIT_TSHARK_X,
  SAMBA_INIT_WIRESHARK,
  SAMBA_INIT_XXD,
  ZEROS_XYZ_HEXDUMP_C,
  ZEROS_XYZ_XXD_AUTOSKIP,
} from '../../testing/input/samples';

// The dump tests generate layouts with these mimics; here they are pinned to real tool output,
// byte for byte, so a generated dump is as faithful as a pasted one.
const samba = bytesOfBase64(SAMBA_INIT_B64);
const zerosXyz = new Uint8Array([...new Uint8Array(64), 0x78, 0x79, 0x7a]);
const hexLooking = new TextEncoder().encode('deadbeefcafebabeface');

describe('tool mimics reproduce real output exactly', () => {
  it('xxd', () => {
    expect(xxd(samba)).toBe(SAMBA_INIT_XXD);
    expect(xxd(hexLooking)).toBe(HEX_LOOKING_ASCII_XXD);
    expect(xxd(zerosXyz, { autoskip: true })).toBe(ZEROS_XYZ_XXD_AUTOSKIP);
  });

  it('xxd -g1 and -c8', () => {
    const digits = new TextEncoder().encode('0123456789abcdefXY');
    expect(xxd(digits, { groupSize: 1 })).toBe(
      '00000000: 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66  0123456789abcdef\n' +
        '00000010: 58 59                                            XY\n',
    );
    expect(xxd(digits, { columns: 8 })).toBe(
      '00000000: 3031 3233 3435 3637  01234567\n' +
        '00000008: 3839 6162 6364 6566  89abcdef\n' +
        '00000010: 5859                 XY\n',
    );
  });

  it('hexdump -C, including squeezed repeats and a short line', () => {
    expect(hexdumpC(samba)).toBe(SAMBA_INIT_HEXDUMP_C);
    expect(hexdumpC(zerosXyz)).toBe(ZEROS_XYZ_HEXDUMP_C);
    expect(hexdumpC(hexLooking)).toBe(HEX_LOOKING_ASCII_HEXDUMP_C);
    expect(hexdumpC(new TextEncoder().encode('abc'))).toBe(
      '00000000  61 62 63                                          |abc|\n00000003\n',
    );
  });

  it('tshark -x', () => {
    expect(tsharkX(samba) + '\n').toBe(SAMBA_INIT_TSHARK_X);
  });

  it('tcpdump -X', () => {
    const summary = SAMBA_INIT_TCPDUMP_X.slice(0, SAMBA_INIT_TCPDUMP_X.indexOf('\n'));
    expect(tcpdumpX(samba, summary)).toBe(SAMBA_INIT_TCPDUMP_X);
    // Odd length: the last 16-bit group is a single byte; spaces print as '.' (isgraph).
    // The hex area is padded to 40 columns (8 groups of ' xxxx'), then two spaces.
    expect(tcpdumpX(bytesOfHex('2041'))).toBe(`\t0x0000:  2041${' '.repeat(35)}  .A\n`);
    expect(tcpdumpX(bytesOfHex('414243'))).toBe(`\t0x0000:  4142 43${' '.repeat(32)}  ABC\n`);
  });

  it("Wireshark's Copy as Hex + ASCII Dump and as Hex Dump", () => {
    expect(wiresharkCopy(samba)).toBe(SAMBA_INIT_WIRESHARK);
    expect(wiresharkCopy(bytesOfHex('6162'), false)).toBe('0000   61 62\n');
    expect(wiresharkCopy(bytesOfHex('6162'))).toBe(`0000   61 62   ${'   '.repeat(14)}ab\n`);
  });
});
