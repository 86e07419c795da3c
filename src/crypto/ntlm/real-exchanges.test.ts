// Real NTLM-over-SPNEGO exchanges between MIT krb5 1.20.1 + gss-ntlmssp 1.2.0 peers in a lab
// realm (EXAMPLE, user alice / Alice-Pa55w0rd), copied from the project's shared real vectors
// (spnego-ntlm-01, -02, -03, -04, -06). The tokens are inlined; nothing is read at run time.
import { describe, expect, it } from 'vitest';
import { encodeSignature, readNtlmSignature } from '../../codec/ntlm';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
  NTLMSSP_NEGOTIATE_LM_KEY,
  hasFlag,
} from '../../data/ntlm';
import { kxkey, serverExportedSessionKey } from './keys';
import { computeMic } from './mic';
import { lmowfv1, ntowfv1, ntowfv2 } from './owf';
import { computeNtlmv1Response, computeNtlmv2Response, computeNtProofStr } from './responses';
import {
  createNtlmSessionSecurity,
  resetHandle,
  seal,
  sign,
  unseal,
  verify,
  withRewoundHandle,
} from './session';

// The signature's 16-byte layout is the NTLM codec's; the crypto computes its fields.
const sigBytes = encodeSignature;
function sigFields(bytes: Uint8Array, extendedSessionSecurity = true) {
  const read = readNtlmSignature(bytes, { extendedSessionSecurity });
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

const PASSWORD = 'Alice-Pa55w0rd';
const toHex = bytesToHex;
const b64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

// --- Minimal DER walking, enough to pull the pieces out of NegTokenInit / NegTokenResp. ---

interface Tlv {
  tag: number;
  content: Uint8Array;
  end: number;
}

function readTlv(bytes: Uint8Array, offset: number): Tlv {
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    length = 0;
    for (let i = 0; i < n; i++) length = (length << 8) | bytes[start + i];
    start += n;
  }
  return { tag, content: bytes.subarray(start, start + length), end: start + length };
}

function children(content: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = 0; offset < content.length; offset = out[out.length - 1].end) {
    out.push(readTlv(content, offset));
  }
  return out;
}

/** The [n] field of a NegTokenInit/NegTokenResp SEQUENCE, unwrapped. */
function field(sequence: Tlv, n: number): Uint8Array | undefined {
  const f = children(sequence.content).find((c) => c.tag === (0xa0 | n));
  return f && readTlv(f.content, 0).content;
}

interface Exchange {
  negotiate: Uint8Array;
  /** DER(MechTypeList), the bytes the mechListMIC covers (spnego.md §3.1). */
  mechTypeList: Uint8Array;
  challenge: Uint8Array;
  authenticate: Uint8Array;
  initiatorMic?: Uint8Array;
  acceptorMic?: Uint8Array;
}

function parseExchange(tokens: string[]): Exchange {
  const [t1, t2, t3, t4] = tokens.map(b64);
  // 60 { OID spnego, [0] NegTokenInit SEQUENCE { [0] mechTypes, [2] mechToken } }
  const init = readTlv(children(readTlv(t1, 0).content)[1].content, 0);
  const mechTypes = children(init.content).find((c) => c.tag === 0xa0)!;
  const resp = (t: Uint8Array) => readTlv(readTlv(t, 0).content, 0); // a1 { SEQUENCE }
  return {
    negotiate: field(init, 2)!,
    mechTypeList: mechTypes.content, // the [0] wraps the SEQUENCE, taken verbatim
    challenge: field(resp(t2), 2)!,
    authenticate: field(resp(t3), 2)!,
    initiatorMic: field(resp(t3), 3),
    acceptorMic: field(resp(t4), 3),
  };
}

// --- NTLM fields by offset (ntlm.md §3, §4). ---

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;
const payload = (b: Uint8Array, fieldsOffset: number) => {
  const offset = u32(b, fieldsOffset + 4);
  return b.subarray(offset, offset + u16(b, fieldsOffset));
};
const utf16 = (b: Uint8Array) => String.fromCharCode(...new Uint16Array(b.slice().buffer));

function authenticateFields(auth: Uint8Array) {
  return {
    lmResponse: payload(auth, 12),
    ntResponse: payload(auth, 20),
    domain: utf16(payload(auth, 28)),
    user: utf16(payload(auth, 36)),
    encryptedRandomSessionKey: payload(auth, 52),
    flags: u32(auth, 60),
  };
}

/** Value of AV pair `id` in an AV_PAIR list (ntlm.md §6). */
function avPair(list: Uint8Array, id: number): Uint8Array | undefined {
  for (let o = 0; o + 4 <= list.length; o += 4 + u16(list, o + 2)) {
    if (u16(list, o) === id) return list.subarray(o + 4, o + 4 + u16(list, o + 2));
    if (u16(list, o) === 0) break;
  }
  return undefined;
}

const MSV_AV_FLAGS = 6;
const MSV_AV_TIMESTAMP = 7;
const PER_MESSAGE_PLAINTEXT = new TextEncoder().encode('SPNEGO corpus per-message test data');

describe('spnego-ntlm-01: NTLMv2 with MIC and mechListMIC (gss-ntlmssp both sides)', () => {
  const x = parseExchange([
    'YEgGBisGAQUFAqA+MDygDjAMBgorBgEEAYI3AgIKoioEKE5UTE1TU1AAAQAAADeCCOIAAAAAAAAAAAAAAAAAAAAABgIAAAAAAA8=',
    'oYGmMIGjoAMKAQGhDAYKKwYBBAGCNwICCqKBjQSBik5UTE1TU1AAAgAAAA4ADgA4AAAANYKJ4laxhxlz2cLNAAAAAAAAAABEAEQARgAAAAYCAAAAAAAPRQBYAEEATQBQAEwARQABAA4AUwBFAFIAVgBFAFIAMQACAA4ARQBYAEEATQBQAEwARQADAAQAdgBtAAYABAAAAAAABwAIAFRSS/V/fd0BAAAAAA==',
    'oYIBRzCCAUOgAwoBAaKCASYEggEiTlRMTVNTUAADAAAAAAAAAFgAAACUAJQAWAAAAA4ADgDsAAAACgAKAPoAAAAOAA4ABAEAABAAEAASAQAANYKJ4gYCAAAAAAAPyrSrTFmrWzjp/r6e/tvljvDf7UcGrFONftc1L5KikMUBAQAAAAAAAFRSS/V/fd0Br+LWCt0iIUUAAAAAAQAOAFMARQBSAFYARQBSADEAAgAOAEUAWABBAE0AUABMAEUAAwAEAHYAbQAGAAQAAgAAAAcACABUUkv1f33dAQkAHABIAFQAVABQAC8AbABvAGMAYQBsAGgAbwBzAHQAAAAAAAAAAABFAFgAQQBNAFAATABFAGEAbABpAGMAZQBDAEwASQBFAE4AVAAxAMQvbsmpzOFuHx6MEB195WajEgQQAQAAAC7gri+HPRyiAAAAAA==',
    'oRswGaADCgEAoxIEEAEAAADEDklExGq3XQAAAAA=',
  ]);
  // GSS per-message tokens exchanged after establishment (pm01..pm03).
  const getMicFromInitiator = b64('AQAAAHnFl6eVILCjAQAAAA==');
  const wrapFromAcceptor = b64(
    'AQAAALVljWk6vp79AQAAAPMDPX4Vaze98kdxGIjsHzWW6GIb2kcF69yNiikkAIwg5/UX',
  );
  const wrapFromInitiator = b64(
    'AQAAAKOb0FDtog/fAgAAAFsqr3VKtdHcW3wgRN1290GCjhsn0wuNpyaFIYiJ3BNTmo8Q',
  );

  const auth = authenticateFields(x.authenticate);
  const serverChallenge = x.challenge.subarray(24, 32);
  const challengeTargetInfo = payload(x.challenge, 40);
  const responseKey = ntowfv2(PASSWORD, auth.user, auth.domain);
  const ntProofStr = auth.ntResponse.subarray(0, 16);
  const blob = auth.ntResponse.subarray(16);
  const keyExchangeKey = kxkey({
    version: 2,
    sessionBaseKey: computeNtlmv2Response({
      responseKeyNT: responseKey,
      serverChallenge,
      clientChallenge: blob.subarray(16, 24),
      temp: blob,
    }).sessionBaseKey,
  });
  const exportedSessionKey = serverExportedSessionKey(
    auth.flags,
    keyExchangeKey,
    auth.encryptedRandomSessionKey,
  );
  const context = (mode: 'client' | 'server') =>
    createNtlmSessionSecurity({ flags: auth.flags, exportedSessionKey, mode });

  it('has the shape gss-ntlmssp produced', () => {
    expect(toHex(x.mechTypeList)).toBe('300c060a2b06010401823702020a');
    expect([x.negotiate.length, x.challenge.length, x.authenticate.length]).toEqual([40, 138, 290]);
    expect(auth.flags.toString(16)).toBe('e2898235'); // KEY_EXCH, 128, 56, ESS, SEAL, SIGN …
    // The user name in the message carries no NUL (only gss-ntlmssp's GSS name does).
    expect([auth.user, auth.domain]).toEqual(['alice', 'EXAMPLE']);
    expect(auth.lmResponse.length).toBe(0); // gss-ntlmssp sends no LMv2 response
  });

  it('the client took the time stamp from the CHALLENGE (MsvAvTimestamp)', () => {
    expect(toHex(blob.subarray(8, 16))).toBe(toHex(avPair(challengeTargetInfo, MSV_AV_TIMESTAMP)!));
    // …and announced the MIC with MsvAvFlags 0x2 in its own AV list.
    expect(toHex(avPair(blob.subarray(28), MSV_AV_FLAGS)!)).toBe('02000000');
  });

  it('NTProofStr recomputed from the password equals the one sent', () => {
    expect(toHex(computeNtProofStr(responseKey, serverChallenge, blob))).toBe(toHex(ntProofStr));
  });

  it('the whole NTLMv2 response is rebuilt from its parts', () => {
    const rebuilt = computeNtlmv2Response({
      responseKeyNT: responseKey,
      serverChallenge,
      clientChallenge: blob.subarray(16, 24),
      temp: blob,
    });
    expect(toHex(rebuilt.ntChallengeResponse)).toBe(toHex(auth.ntResponse));
  });

  it('the exported session key matches the one gss-ntlmssp reported', () => {
    expect(toHex(exportedSessionKey)).toBe('3d94593705f7a614775adcbcfa5211e3');
  });

  it('the MIC in the AUTHENTICATE message verifies (Version present, MIC at 72)', () => {
    expect(u32(x.authenticate, 24)).toBe(88); // payload starts at 88 → MIC at 72
    const mic = computeMic({
      exportedSessionKey,
      negotiate: x.negotiate,
      challenge: x.challenge,
      authenticate: x.authenticate,
      micOffset: 72,
    });
    expect(toHex(mic)).toBe(toHex(x.authenticate.subarray(72, 88)));
    expect(toHex(mic)).toBe('cab4ab4c59ab5b38e9febe9efedbe58e');
  });

  it('both mechListMICs verify, and the per-message tokens after them (SeqNum 1, 2)', () => {
    const client = context('client');
    const server = context('server');

    // Token 03: initiator's mechListMIC, SeqNum 0, RC4 rewound afterwards.
    expect(
      toHex(sigBytes(withRewoundHandle(client.outbound, (s) => sign(s, x.mechTypeList)))),
    ).toBe(toHex(x.initiatorMic!));
    expect(
      withRewoundHandle(server.inbound, (s) =>
        verify(s, x.mechTypeList, sigFields(x.initiatorMic!)),
      ),
    ).toBe(true);
    // Token 04: acceptor's mechListMIC over the list as it received it.
    expect(
      toHex(sigBytes(withRewoundHandle(server.outbound, (s) => sign(s, x.mechTypeList)))),
    ).toBe(toHex(x.acceptorMic!));
    expect(
      withRewoundHandle(client.inbound, (s) =>
        verify(s, x.mechTypeList, sigFields(x.acceptorMic!)),
      ),
    ).toBe(true);

    // pm01: initiator GetMIC with SeqNum 1 but the keystream from the start.
    expect(toHex(sigBytes(sign(client.outbound, PER_MESSAGE_PLAINTEXT)))).toBe(
      toHex(getMicFromInitiator),
    );
    expect(verify(server.inbound, PER_MESSAGE_PLAINTEXT, sigFields(getMicFromInitiator))).toBe(
      true,
    );

    // pm02: acceptor Wrap (conf) = signature ‖ sealed data, SeqNum 1.
    const w2 = seal(server.outbound, PER_MESSAGE_PLAINTEXT);
    expect(toHex(sigBytes(w2.signature)) + toHex(w2.sealed)).toBe(toHex(wrapFromAcceptor));
    const u2 = unseal(
      client.inbound,
      wrapFromAcceptor.subarray(16),
      sigFields(wrapFromAcceptor.subarray(0, 16)),
    );
    expect(u2.valid).toBe(true);
    expect(toHex(u2.message)).toBe(toHex(PER_MESSAGE_PLAINTEXT));

    // pm03: initiator Wrap, SeqNum 2.
    const w3 = seal(client.outbound, PER_MESSAGE_PLAINTEXT);
    expect(toHex(sigBytes(w3.signature)) + toHex(w3.sealed)).toBe(toHex(wrapFromInitiator));
    const u3 = unseal(
      server.inbound,
      wrapFromInitiator.subarray(16),
      sigFields(wrapFromInitiator.subarray(0, 16)),
    );
    expect(u3.valid).toBe(true);
  });

  it('without the RC4 rewind the first per-message token would not match', () => {
    const client = context('client');
    sign(client.outbound, x.mechTypeList);
    expect(toHex(sigBytes(sign(client.outbound, PER_MESSAGE_PLAINTEXT)))).not.toBe(
      toHex(getMicFromInitiator),
    );
  });

  it('resetHandle (Samba style) is equivalent to the rewind here', () => {
    const client = context('client');
    sign(client.outbound, x.mechTypeList);
    resetHandle(client.outbound);
    expect(toHex(sigBytes(sign(client.outbound, PER_MESSAGE_PLAINTEXT)))).toBe(
      toHex(getMicFromInitiator),
    );
  });

  it('a wrong password or a tampered list fails', () => {
    const wrongKey = ntowfv2('Alice-Pa55w0rd!', auth.user, auth.domain);
    expect(toHex(computeNtProofStr(wrongKey, serverChallenge, blob))).not.toBe(toHex(ntProofStr));
    const tampered = x.mechTypeList.slice();
    tampered[tampered.length - 1] ^= 1;
    const server = context('server');
    expect(verify(server.inbound, tampered, sigFields(x.initiatorMic!))).toBe(false);
  });
});

describe('other real gss-ntlmssp exchanges', () => {
  /** Exported session key recomputed from the password, for NTLMv1 or v2 responses. */
  function exportedKeyOf(x: Exchange): { flags: number; key: Uint8Array; responsesOk: boolean } {
    const auth = authenticateFields(x.authenticate);
    const serverChallenge = x.challenge.subarray(24, 32);
    let sessionBaseKey: Uint8Array;
    let responsesOk: boolean;
    let keyExchangeKey: Uint8Array;
    if (auth.ntResponse.length === 24) {
      const lmowf = lmowfv1(PASSWORD);
      const r = computeNtlmv1Response({
        responseKeyNT: ntowfv1(PASSWORD),
        responseKeyLM: lmowf,
        serverChallenge,
        extendedSessionSecurity: hasFlag(auth.flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY),
        clientChallenge: auth.lmResponse.subarray(0, 8),
      });
      responsesOk =
        toHex(r.ntChallengeResponse) === toHex(auth.ntResponse) &&
        toHex(r.lmChallengeResponse) === toHex(auth.lmResponse);
      sessionBaseKey = r.sessionBaseKey;
      keyExchangeKey = kxkey({
        version: 1,
        flags: auth.flags,
        sessionBaseKey,
        serverChallenge,
        lmChallengeResponse: auth.lmResponse,
        lmowf,
      });
    } else {
      const key = ntowfv2(PASSWORD, auth.user, auth.domain);
      const blob = auth.ntResponse.subarray(16);
      responsesOk =
        toHex(computeNtProofStr(key, serverChallenge, blob)) ===
        toHex(auth.ntResponse.subarray(0, 16));
      keyExchangeKey = kxkey({
        version: 2,
        sessionBaseKey: computeNtlmv2Response({
          responseKeyNT: key,
          serverChallenge,
          clientChallenge: blob.subarray(16, 24),
          temp: blob,
        }).sessionBaseKey,
      });
    }
    const key = serverExportedSessionKey(
      auth.flags,
      keyExchangeKey,
      auth.encryptedRandomSessionKey,
    );
    return { flags: auth.flags, key, responsesOk };
  }

  function mechListMicsVerify(x: Exchange, flags: number, exportedSessionKey: Uint8Array) {
    const client = createNtlmSessionSecurity({ flags, exportedSessionKey, mode: 'client' });
    const server = createNtlmSessionSecurity({ flags, exportedSessionKey, mode: 'server' });
    const mine = withRewoundHandle(client.outbound, (s) => sign(s, x.mechTypeList));
    const theirs = withRewoundHandle(server.outbound, (s) => sign(s, x.mechTypeList));
    return (
      toHex(sigBytes(mine)) === toHex(x.initiatorMic!) &&
      toHex(sigBytes(theirs)) === toHex(x.acceptorMic!)
    );
  }

  it('spnego-ntlm-02: integrity only (SIGN, no SEAL), with KEY_EXCH', () => {
    const x = parseExchange([
      'YEgGBisGAQUFAqA+MDygDjAMBgorBgEEAYI3AgIKoioEKE5UTE1TU1AAAQAAABeCCOIAAAAAAAAAAAAAAAAAAAAABgIAAAAAAA8=',
      'oYGmMIGjoAMKAQGhDAYKKwYBBAGCNwICCqKBjQSBik5UTE1TU1AAAgAAAA4ADgA4AAAAFYKJ4tsSXhDryqXBAAAAAAAAAABEAEQARgAAAAYCAAAAAAAPRQBYAEEATQBQAEwARQABAA4AUwBFAFIAVgBFAFIAMQACAA4ARQBYAEEATQBQAEwARQADAAQAdgBtAAYABAAAAAAABwAIANorZPV/fd0BAAAAAA==',
      'oYIBRzCCAUOgAwoBAaKCASYEggEiTlRMTVNTUAADAAAAAAAAAFgAAACUAJQAWAAAAA4ADgDsAAAACgAKAPoAAAAOAA4ABAEAABAAEAASAQAAFYKJ4gYCAAAAAAAPCouWythSA77Ir3lKy1xIsHNwRyLURHn6/a7ePjQ6NTsBAQAAAAAAANorZPV/fd0BZiP0TJoHNWcAAAAAAQAOAFMARQBSAFYARQBSADEAAgAOAEUAWABBAE0AUABMAEUAAwAEAHYAbQAGAAQAAgAAAAcACADaK2T1f33dAQkAHABIAFQAVABQAC8AbABvAGMAYQBsAGgAbwBzAHQAAAAAAAAAAABFAFgAQQBNAFAATABFAGEAbABpAGMAZQBDAEwASQBFAE4AVAAxADypXivzOrBVR+/oQGI0uSyjEgQQAQAAAADvlu1mcXbuAAAAAA==',
      'oRswGaADCgEAoxIEEAEAAAAfOQvQHjQh5QAAAAA=',
    ]);
    const { flags, key, responsesOk } = exportedKeyOf(x);
    expect(flags.toString(16)).toBe('e2898215');
    expect(responsesOk).toBe(true);
    expect(toHex(key)).toBe('d585c592d4bfd9179f1d5320ca177d4d');
    const mic = computeMic({
      exportedSessionKey: key,
      negotiate: x.negotiate,
      challenge: x.challenge,
      authenticate: x.authenticate,
      micOffset: 72,
    });
    expect(toHex(mic)).toBe(toHex(x.authenticate.subarray(72, 88)));
    expect(mechListMicsVerify(x, flags, key)).toBe(true);
  });

  it('spnego-ntlm-03: NTLMv1 with ESS and KEY_EXCH', () => {
    const x = parseExchange([
      'YEgGBisGAQUFAqA+MDygDjAMBgorBgEEAYI3AgIKoioEKE5UTE1TU1AAAQAAADeCCOIAAAAAAAAAAAAAAAAAAAAABgIAAAAAAA8=',
      'oYGmMIGjoAMKAQGhDAYKKwYBBAGCNwICCqKBjQSBik5UTE1TU1AAAgAAAA4ADgA4AAAANYKJ4mEdWVn/zNC+AAAAAAAAAABEAEQARgAAAAYCAAAAAAAPRQBYAEEATQBQAEwARQABAA4AUwBFAFIAVgBFAFIAMQACAA4ARQBYAEEATQBQAEwARQADAAQAdgBtAAYABAAAAAAABwAIAAKnf/V/fd0BAAAAAA==',
      'oYG8MIG5oAMKAQGigbEEga5OVExNU1NQAAMAAAAYABgASAAAABgAGABgAAAADgAOAHgAAAAKAAoAhgAAAA4ADgCQAAAAEAAQAJ4AAAA1goniBgIAAAAAAA9/irvWFcR2igAAAAAAAAAAAAAAAAAAAACIgaYTsjz/JR5dLwevlgM2S3981YhHdIpFAFgAQQBNAFAATABFAGEAbABpAGMAZQBDAEwASQBFAE4AVAAxAE959mRbmu9HbQxkgrMgVwk=',
      'oQcwBaADCgEA',
    ]);
    const { flags, key, responsesOk } = exportedKeyOf(x);
    expect(hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)).toBe(true);
    expect(responsesOk).toBe(true);
    expect(toHex(key)).toBe('9f6a566270e99b845b5977a3bf4d57c7');
  });

  it('spnego-ntlm-04: NTLMv1 without ESS, LM_KEY (LMv1 response and DES key exchange)', () => {
    const x = parseExchange([
      'YEgGBisGAQUFAqA+MDygDjAMBgorBgEEAYI3AgIKoioEKE5UTE1TU1AAAQAAALeCAOIAAAAAAAAAAAAAAAAAAAAABgIAAAAAAA8=',
      'oYGmMIGjoAMKAQGhDAYKKwYBBAGCNwICCqKBjQSBik5UTE1TU1AAAgAAAA4ADgA4AAAAtYKB4nfsRFu8H1mJAAAAAAAAAABEAEQARgAAAAYCAAAAAAAPRQBYAEEATQBQAEwARQABAA4AUwBFAFIAVgBFAFIAMQACAA4ARQBYAEEATQBQAEwARQADAAQAdgBtAAYABAAAAAAABwAIAFQGl/V/fd0BAAAAAA==',
      'oYG8MIG5oAMKAQGigbEEga5OVExNU1NQAAMAAAAYABgASAAAABgAGABgAAAADgAOAHgAAAAKAAoAhgAAAA4ADgCQAAAAEAAQAJ4AAAC1goHiBgIAAAAAAA9xjzWZa7y/M8XDgKnFnPT2JyZQBocTuSEM1cWmR0pDj8pTUb6iJIHMQarH7zUaWtxFAFgAQQBNAFAATABFAGEAbABpAGMAZQBDAEwASQBFAE4AVAAxANEDuoWNIKbWmVgrQx1wLNU=',
      'oQcwBaADCgEA',
    ]);
    const { flags, key, responsesOk } = exportedKeyOf(x);
    expect(flags.toString(16)).toBe('e28182b5');
    expect(hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)).toBe(false);
    expect(hasFlag(flags, NTLMSSP_NEGOTIATE_LM_KEY)).toBe(true);
    expect(responsesOk).toBe(true);
    expect(toHex(key)).toBe('cfab042c797883c46ee7e98d037bddbd');
  });

  it('spnego-ntlm-06: mechListMIC over a two-mechanism list [NTLMSSP, krb5]', () => {
    const x = parseExchange([
      'YFMGBisGAQUFAqBJMEegGTAXBgorBgEEAYI3AgIKBgkqhkiG9xIBAgKiKgQoTlRMTVNTUAABAAAAN4II4gAAAAAAAAAAAAAAAAAAAAAGAgAAAAAADw==',
      'oYGmMIGjoAMKAQGhDAYKKwYBBAGCNwICCqKBjQSBik5UTE1TU1AAAgAAAA4ADgA4AAAANYKJ4vrgrui9LFuDAAAAAAAAAABEAEQARgAAAAYCAAAAAAAPRQBYAEEATQBQAEwARQABAA4AUwBFAFIAVgBFAFIAMQACAA4ARQBYAEEATQBQAEwARQADAAQAdgBtAAYABAAAAAAABwAIACJ7x/V/fd0BAAAAAA==',
      'oYIBRzCCAUOgAwoBAaKCASYEggEiTlRMTVNTUAADAAAAAAAAAFgAAACUAJQAWAAAAA4ADgDsAAAACgAKAPoAAAAOAA4ABAEAABAAEAASAQAANYKJ4gYCAAAAAAAPeZ3dTHecJWuT49jp4y3uToIKOMx0ZeEGO0yvJStEjkoBAQAAAAAAACJ7x/V/fd0BoageiijI4BAAAAAAAQAOAFMARQBSAFYARQBSADEAAgAOAEUAWABBAE0AUABMAEUAAwAEAHYAbQAGAAQAAgAAAAcACAAie8f1f33dAQkAHABIAFQAVABQAC8AbABvAGMAYQBsAGgAbwBzAHQAAAAAAAAAAABFAFgAQQBNAFAATABFAGEAbABpAGMAZQBDAEwASQBFAE4AVAAxAH3AJ/YfAmXJsq8K6CWTbZCjEgQQAQAAAAw0iXIxWNqVAAAAAA==',
      'oRswGaADCgEAoxIEEAEAAAB7h8k+w3JNeQAAAAA=',
    ]);
    expect(toHex(x.mechTypeList)).toBe('3017060a2b06010401823702020a06092a864886f712010202');
    const { flags, key, responsesOk } = exportedKeyOf(x);
    expect(responsesOk).toBe(true);
    expect(toHex(key)).toBe('db5a088e624f8b1bdd892e6a1a8cee54');
    expect(mechListMicsVerify(x, flags, key)).toBe(true);
  });
});
