import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesOfBase64, bytesOfHex, hexOf } from '../../testing/input/bytes';
import { hexdumpC, tcpdumpX, tsharkX, wiresharkCopy, xxd } from '../../testing/input/dump-layouts';
import { detectFormat, extractTokens } from './index';
import {
  HEX_LOOKING_ASCII_HEXDUMP_C,
  HEX_LOOKING_ASCII_XXD,
  REJECT_HEX,
  SAMBA_INIT_B64,
  SAMBA_INIT_HEX,
  SAMBA_INIT_HEXDUMP_C,
  SAMBA_INIT_TCPDUMP_X,
  SAMBA_INIT_TSHARK_X,
  SAMBA_INIT_WIRESHARK,
  SAMBA_INIT_XXD,
  ZEROS_XYZ_HEXDUMP_C,
  ZEROS_XYZ_XXD_AUTOSKIP,
} from '../../testing/input/samples';

const samba = bytesOfBase64(SAMBA_INIT_B64);

/** Decodes a dump and insists on exactly one clean token. */
function decodeOne(dump: string): { hex: string; source: string; line?: number } {
  const result = extractTokens(dump);
  expect(result.errors).toEqual([]);
  expect(result.tokens).toHaveLength(1);
  const [token] = result.tokens;
  expect(token.format).toBe('hexdump');
  expect(token.direction).toBeNull();
  return { hex: hexOf(token.bytes), source: token.source, line: token.line };
}

describe('hex dumps copied from real tools', () => {
  it.each([
    ['xxd', SAMBA_INIT_XXD],
    ['hexdump -C', SAMBA_INIT_HEXDUMP_C],
    ['tcpdump -X', SAMBA_INIT_TCPDUMP_X],
    ['Wireshark', SAMBA_INIT_WIRESHARK],
    ['Wireshark', SAMBA_INIT_TSHARK_X],
  ])('%s', (tool, dump) => {
    expect(detectFormat(dump)).toBe('hexdump');
    const token = decodeOne(dump);
    expect(token.hex).toBe(SAMBA_INIT_HEX);
    expect(token.source).toBe(`hex dump (${tool})`);
  });

  it('reports the line where the dump starts', () => {
    // tcpdump's summary line comes first; the bytes start on line 2.
    expect(decodeOne(SAMBA_INIT_TCPDUMP_X).line).toBe(2);
    expect(decodeOne(`Frame bytes:\n\n${SAMBA_INIT_XXD}`).line).toBe(3);
  });

  it('expands hexdump -C and xxd -a repeat markers (*)', () => {
    const expected = '00'.repeat(64) + '78797a';
    expect(decodeOne(ZEROS_XYZ_HEXDUMP_C).hex).toBe(expected);
    expect(decodeOne(ZEROS_XYZ_XXD_AUTOSKIP).hex).toBe(expected);
  });

  it('never takes a hex-looking ASCII column for bytes', () => {
    const expected = hexOf(new TextEncoder().encode('deadbeefcafebabeface'));
    expect(decodeOne(HEX_LOOKING_ASCII_XXD).hex).toBe(expected);
    expect(decodeOne(HEX_LOOKING_ASCII_HEXDUMP_C).hex).toBe(expected);
    // Single lines: no earlier line shows where the byte columns end.
    expect(decodeOne('00000000: 6661 6365                                face\n').hex).toBe(
      '66616365',
    );
    expect(decodeOne('00000000: 61 62  ab').hex).toBe('6162');
    expect(decodeOne('0000   ab cd   ..').hex).toBe('abcd');
    expect(decodeOne('0000  ca fe   ..').hex).toBe('cafe');
    expect(decodeOne('\t0x0000:  6665 6564                                feed').hex).toBe(
      '66656564',
    );
  });

  it('reads xxd with other column counts and group sizes', () => {
    const digits = new TextEncoder().encode('0123456789abcdefXY');
    for (const options of [{ columns: 8 }, { groupSize: 1 }, { columns: 32, groupSize: 4 }]) {
      expect(decodeOne(xxd(digits, options)).hex).toBe(hexOf(digits));
    }
  });

  it('accepts CRLF line ends and indentation added by a mail client', () => {
    expect(decodeOne(SAMBA_INIT_XXD.replace(/\n/g, '\r\n')).hex).toBe(SAMBA_INIT_HEX);
    const indented = SAMBA_INIT_WIRESHARK.split('\n')
      .map((line) => (line === '' ? line : `    ${line}`))
      .join('\n');
    expect(decodeOne(indented).hex).toBe(SAMBA_INIT_HEX);
  });

  it("reads Wireshark's hex-only copy and offsets past 0xffff", () => {
    expect(decodeOne(wiresharkCopy(samba, false)).hex).toBe(SAMBA_INIT_HEX);
    const large = new Uint8Array(0x10010).map((_, i) => (i * 7) & 0xff);
    const dump = wiresharkCopy(large);
    expect(dump).toContain('\n10000   ');
    expect(decodeOne(dump).hex).toBe(hexOf(large));
    expect(decodeOne(tsharkX(large)).hex).toBe(hexOf(large));
  });

  it('splits several packets into several tokens (offsets restart at 0)', () => {
    const reject = bytesOfHex(REJECT_HEX);
    const text =
      tcpdumpX(samba, '09:41:07.318244 IP 127.0.0.1.445 > 127.0.0.1.51234: length 120') +
      tcpdumpX(reject, '09:41:07.319011 IP 127.0.0.1.51234 > 127.0.0.1.445: length 9');
    const result = extractTokens(text);
    expect(result.errors).toEqual([]);
    expect(result.tokens.map((t) => hexOf(t.bytes))).toEqual([SAMBA_INIT_HEX, REJECT_HEX]);
    expect(result.tokens.map((t) => t.source)).toEqual([
      'hex dump (tcpdump -X, line 2)',
      'hex dump (tcpdump -X, line 11)',
    ]);
    expect(result.tokens.map((t) => t.line)).toEqual([2, 11]);
  });

  it('decodes whatever each tool prints for arbitrary bytes', () => {
    const layouts: [string, (bytes: Uint8Array) => string][] = [
      ['xxd', (b) => xxd(b)],
      ['xxd -g1', (b) => xxd(b, { groupSize: 1 })],
      ['xxd -c 12 -g 4', (b) => xxd(b, { columns: 12, groupSize: 4 })],
      ['xxd -a', (b) => xxd(b, { autoskip: true })],
      ['hexdump -C', hexdumpC],
      ['tcpdump -X', (b) => tcpdumpX(b, '10:00:00.000000 IP a > b: length 1')],
      ['Wireshark', (b) => wiresharkCopy(b)],
      ['Wireshark hex only', (b) => wiresharkCopy(b, false)],
      ['tshark -x', tsharkX],
    ];
    // Printable-heavy bytes put hex digits and spaces into the ASCII columns.
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x20, 0x30, 0x41, 0x61),
    );
    fc.assert(
      fc.property(fc.array(byte, { minLength: 1, maxLength: 80 }), (values) => {
        const bytes = Uint8Array.from(values);
        for (const [name, render] of layouts) {
          const result = extractTokens(render(bytes), 'hexdump');
          expect({ name, errors: result.errors }).toEqual({ name, errors: [] });
          expect({ name, hex: hexOf(result.tokens[0].bytes) }).toEqual({ name, hex: hexOf(bytes) });
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('hex dump errors', () => {
  it('detects a missing line from the offsets', () => {
    const lines = SAMBA_INIT_XXD.split('\n');
    const withoutThird = [...lines.slice(0, 2), ...lines.slice(3)].join('\n');
    const result = extractTokens(withoutThird);
    expect(result.tokens).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toContain('line 2 holds 16 bytes');
    expect(result.errors[0].message).toContain('0x30');
    expect(result.errors[0].offset).toBe(withoutThird.indexOf('00000010:'));
  });

  it('detects a line with a byte too few', () => {
    const damaged = SAMBA_INIT_HEXDUMP_C.replace(' 1e 06 09  |', ' 1e 06     |');
    const result = extractTokens(damaged);
    expect(result.tokens).toEqual([]);
    expect(result.errors[0].message).toContain('line 2 holds 15 bytes');
  });

  it('detects a line with more bytes than the offsets allow', () => {
    const lines = xxd(samba, { groupSize: 1 }).split('\n');
    lines[0] = lines[0].replace(' a0 3c  ', ' a0 3c ff  ');
    const result = extractTokens(lines.join('\n'));
    expect(result.tokens).toEqual([]);
    expect(result.errors[0].message).toBe(
      'line 1 holds 17 bytes but the next offset (0x10) says 16',
    );
  });

  it("refuses to expand a '*' into an absurd number of bytes", () => {
    const dump = `${hexdumpC(new Uint8Array(16)).split('\n')[0]}\n*\nffffff00\n`;
    const result = extractTokens(dump);
    expect(result.tokens).toEqual([]);
    expect(result.errors[0].message).toContain('too many to expand');
  });

  it("rejects a '*' that is not followed by an offset", () => {
    const cut = ZEROS_XYZ_HEXDUMP_C.slice(0, ZEROS_XYZ_HEXDUMP_C.indexOf('*') + 2);
    const result = extractTokens(cut);
    expect(result.tokens).toEqual([]);
    expect(result.errors[0].message).toContain("'*' on line 2 is not followed by an offset");
  });

  it('refuses 16-bit word dumps whose byte order is unknown', () => {
    const wordDump = '0000000 7660 0606 062b 0501\n0000008\n';
    expect(detectFormat(wordDump)).toBe('hexdump');
    const result = extractTokens(wordDump);
    expect(result.tokens).toEqual([]);
    expect(result.errors[0].message).toContain('use hexdump -C or xxd');
  });

  it('reports an odd digit group inside a dump line', () => {
    const result = extractTokens('00000000: 6076 060 2b06  `v..+.\n', 'hexdump');
    expect(result.tokens).toEqual([]);
    expect(result.errors[0].message).toContain('odd number of hex digits on line 1');
  });

  it('says so when forced on text without dump lines', () => {
    const result = extractTokens(SAMBA_INIT_B64, 'hexdump');
    expect(result.tokens).toEqual([]);
    expect(result.errors).toEqual([
      {
        offset: 0,
        message: "no hex dump lines found (expected lines like '00000000: 6082 0595 ...')",
      },
    ]);
  });

  it('keeps good blocks when another block is broken', () => {
    const broken = tcpdumpX(bytesOfHex(REJECT_HEX)).replace('0x0000:', '0x0000:  zz');
    const result = extractTokens(SAMBA_INIT_XXD + '\n' + broken, 'hexdump');
    expect(result.tokens.map((t) => hexOf(t.bytes))).toEqual([SAMBA_INIT_HEX]);
  });
});
