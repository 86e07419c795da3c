import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OID } from '../../data/oids';
import { realTokens } from '../../testing/fixtures';
import { encodeInitialContextToken } from '../gss';
import {
  encodeKrbContextMessage,
  encodeKrbContextToken,
  readKrbContextToken,
  type KrbContextMessage,
} from './context-token';
import { concatBytes, toHex } from '../../bytes';

/** The bare-krb5 context tokens of the real MIT krb5 exchanges (AP-REQ, AP-REP, KRB-ERROR). */
const contextTokens = [
  'raw-krb5-01-mutual',
  'raw-krb5-03-krb-error-kvno',
  'raw-krb5-04-krb-error-skew',
]
  .flatMap((id) => realTokens(id))
  .filter((t) => !t.perMessage);

function read(bytes: Uint8Array) {
  const result = readKrbContextToken(bytes);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('Kerberos context tokens as typed values (RFC 4121 §4.1)', () => {
  it('reads every real MIT context token and encodes it back byte for byte', () => {
    const kinds = new Set<string>();
    for (const token of contextTokens) {
      const value = read(token.bytes);
      expect(value.thisMech).toBe(OID.krb5);
      expect(value.message).toBeDefined();
      kinds.add(value.message!.kind);
      expect(toHex(encodeKrbContextToken(value.message!, value.thisMech))).toBe(toHex(token.bytes));
    }
    expect([...kinds].sort()).toEqual(['AP-REP', 'AP-REQ', 'KRB-ERROR']);
  });

  it('gives the AP-REQ its fields: ticket, APOptions as a mask, the sealed Authenticator', () => {
    const apReq = contextTokens.map((t) => read(t.bytes)).find((v) => v.tokId === '0100')!;
    const message = apReq.message as Extract<KrbContextMessage, { kind: 'AP-REQ' }>;
    expect(message.value.pvno).toBe(5);
    expect(message.value['msg-type']).toBe(14);
    expect(message.value['ap-options']).toBe(0x20000000); // mutual-required (bit 2)
    expect(message.value.ticket.sname['name-string']).toEqual(['HTTP', 'localhost']);
    expect(message.value.authenticator.cipher).toBeInstanceOf(Uint8Array);
  });

  it('reads the KRB-ERROR a TOK_ID 03 00 carries', () => {
    const errors = contextTokens.map((t) => read(t.bytes)).filter((v) => v.tokId === '0300');
    expect(errors.map((e) => e.message?.kind)).toEqual(errors.map(() => 'KRB-ERROR'));
    const codes = errors.map(
      (e) => e.message?.kind === 'KRB-ERROR' && e.message.value['error-code'],
    );
    expect(codes.sort()).toEqual([37, 44]);
  });

  it("frames with the OID it is given (a reply echoes the AP-REQ's mech)", () => {
    const apRep = contextTokens.map((t) => read(t.bytes)).find((v) => v.tokId === '0200')!;
    const underMs = encodeKrbContextToken(apRep.message!, OID.msKrb5);
    expect(read(underMs).thisMech).toBe(OID.msKrb5);
    expect(read(underMs).message).toEqual(apRep.message);
  });

  it('returns errors with offsets, never throws', () => {
    const [apReq] = contextTokens;
    const truncated = readKrbContextToken(apReq.bytes.subarray(0, apReq.bytes.length - 10));
    expect(truncated.ok).toBe(false);
    const spnego = readKrbContextToken(encodeInitialContextToken(OID.spnego, Uint8Array.of(1, 0)));
    expect(spnego).toMatchObject({ ok: false, error: { message: /not Kerberos/ } });
    const noTokId = readKrbContextToken(encodeInitialContextToken(OID.krb5, Uint8Array.of(1)));
    expect(noTokId).toMatchObject({ ok: false, error: { offset: 13 } });
    const value = read(apReq.bytes);
    const mismatched = encodeInitialContextToken(
      OID.krb5,
      concatBytes(Uint8Array.of(1, 0), Uint8Array.of(0x30, 0x00)),
    );
    expect(readKrbContextToken(mismatched)).toMatchObject({
      ok: false,
      error: { offset: 15, message: /AP-REQ/ },
    });
    // A TOK_ID that announces no context message, with nothing after it, reads without one.
    const bare = read(encodeInitialContextToken(OID.krb5, Uint8Array.of(0xab, 0xcd)));
    expect(bare).toEqual({ thisMech: OID.krb5, tokId: 'abcd' });
    expect(encodeKrbContextMessage(value.message!)).toEqual(apReq.bytes.subarray(17));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(apReq.bytes.length - 1), (junk, at) => {
        const mutated = apReq.bytes.slice();
        mutated.set(junk.subarray(0, mutated.length - at), at);
        expect(() => readKrbContextToken(mutated)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
