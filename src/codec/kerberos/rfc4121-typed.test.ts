import { describe, expect, it } from 'vitest';
import { realTokens } from '../../testing/fixtures';
import { encodeGssChecksum, readGssChecksum } from './gss-checksum';
import {
  encodeMicToken,
  encodeRfc1964Token,
  encodeWrapToken,
  readMicToken,
  readRfc1964Token,
  readWrapToken,
  type MicToken,
} from './per-message';
import { fromHex } from '../../bytes';

/**
 * The RFC 4121 binary structures described once: the typed readers give back what the encoders
 * take, byte for byte, and bad input is a positioned error, never an exception.
 */

describe('GSS checksum (RFC 4121 §4.1.1) typed', () => {
  const plain = fromHex('10000000' + '00'.repeat(16) + '3e010000');
  const deleg = fromHex(
    '10000000' +
      '11'.repeat(16) +
      '3f010000' +
      '01000500' +
      '7603020100' +
      '000000020000000401020304',
  );

  it('reads the fields and encodes them back', () => {
    const r = readGssChecksum(plain);
    expect(r).toMatchObject({ ok: true, value: { lgth: 16, flags: 0x13e } });
    if (!r.ok) return;
    expect(r.value.krbCred).toBeUndefined();
    expect(encodeGssChecksum(r.value)).toEqual(plain);
  });

  it('delegation: DlgOpt, the KRB-CRED bytes, MIT extensions; Dlgth computed on write', () => {
    const r = readGssChecksum(deleg);
    // The 5-byte "KRB-CRED" is not one: the typed reader says so, with the offset.
    expect(r).toMatchObject({ ok: false, offset: 30 });
    const value = {
      lgth: 16,
      bnd: new Uint8Array(16).fill(0x11),
      flags: 0x13f,
      dlgOpt: 1,
      krbCred: fromHex('7603020100'),
      exts: [{ type: 2, data: fromHex('01020304') }],
    };
    expect(encodeGssChecksum(value)).toEqual(deleg);
  });

  it('truncations are errors with offsets', () => {
    for (let n = 0; n < plain.length; n++) {
      const r = readGssChecksum(plain.slice(0, n));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.offset).toBeLessThanOrEqual(n);
    }
  });
});

describe('RFC 4121 per-message tokens typed', () => {
  it('MIC: header fields and checksum; the header alone without the checksum', () => {
    const token = fromHex('040401ffffffffff0000000000000005' + 'aa'.repeat(12));
    const r = readMicToken(token);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ tokId: 0x0404, flags: 1, sndSeq: 5n });
    expect(encodeMicToken(r.value)).toEqual(token);
    const header: MicToken = { tokId: 0x0404, flags: 1, sndSeq: 5n };
    expect(encodeMicToken(header)).toEqual(token.subarray(0, 16));
  });

  it('Wrap: EC, RRC, the data as sent', () => {
    const token = fromHex('050400ff000c000c0000000000000001' + 'bb'.repeat(40));
    const r = readWrapToken(token);
    expect(r).toMatchObject({ ok: true, value: { flags: 0, ec: 12, rrc: 12, sndSeq: 1n } });
    if (r.ok) expect(encodeWrapToken(r.value)).toEqual(token);
  });

  it('every per-message token of the real exchanges reads and encodes back', () => {
    const tokens = realTokens().filter((t) => t.perMessage);
    let checked = 0;
    for (const t of tokens) {
      const wrap = t.bytes[0] === 0x05;
      const r = wrap ? readWrapToken(t.bytes) : readMicToken(t.bytes);
      if (!r.ok) continue; // RFC 1964 tokens and framed ones are not these structures
      const again = wrap
        ? encodeWrapToken(r.value as Parameters<typeof encodeWrapToken>[0])
        : encodeMicToken(r.value as MicToken);
      expect(again, t.name).toEqual(t.bytes);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a short header is an error at its offset', () => {
    expect(readMicToken(fromHex('040401ffff'))).toMatchObject({ ok: false, offset: 2 });
  });
});

describe('RFC 1964 / RFC 4757 tokens typed', () => {
  it('MIC (01 01) with HMAC-MD5: SGN_CKSUM sized by SGN_ALG, written back', () => {
    const fields = fromHex('1100' + 'ffffffff' + '0102030405060708' + 'aa'.repeat(8));
    const r = readRfc1964Token('0101', fields);
    expect(r).toMatchObject({ ok: true, value: { sgnAlg: 0x0011 } });
    if (r.ok) expect(encodeRfc1964Token('0101', r.value)).toEqual(fields);
  });

  it('Wrap (02 01) with RC4: SEAL_ALG, confounder and data', () => {
    const fields = fromHex(
      '1100' +
        '1000' +
        'ffff' +
        '0102030405060708' +
        'aa'.repeat(8) +
        'cc'.repeat(8) +
        'dd'.repeat(5),
    );
    const r = readRfc1964Token('0201', fields);
    expect(r).toMatchObject({ ok: true, value: { sgnAlg: 0x0011, sealAlg: 0x0010 } });
    if (r.ok) expect(encodeRfc1964Token('0201', r.value)).toEqual(fields);
    expect(readRfc1964Token('0201', fields.slice(0, 20))).toMatchObject({ ok: false });
  });
});
