// MS-NLMP §4.2.4: NTLM v2, plus the mechListMIC vectors derived from it in ntlm.md §11.5.
import { describe, expect, it } from 'vitest';
import { encodeSignature, readNtlmSignature } from '../../codec/ntlm';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { createRc4 } from '../rc4';
import {
  NTLMSSP_NEGOTIATE_128,
  NTLMSSP_NEGOTIATE_56,
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
  NTLMSSP_NEGOTIATE_KEY_EXCH,
  NTLMSSP_NEGOTIATE_SIGN,
} from '../../data/ntlm';
import {
  clientExportedSessionKey,
  kxkey,
  sealKey,
  serverExportedSessionKey,
  signKey,
} from './keys';
import { computeMic } from './mic';
import { lmowfv2, ntowfv2, ntowfv2FromNtHash, ntowfv1, upcaseNtlm } from './owf';
import { computeNtlmv2Response, computeNtProofStr } from './responses';
import {
  createDirectionState,
  createNtlmSessionSecurity,
  seal,
  sign,
  unseal,
  verify,
  withRewoundHandle,
} from './session';
import { macWithEss } from './signature';
import { encodeUtf16le } from '../../bytes';

const hex = (s: string) => hexToBytes(s.replace(/\s+/g, ''));
const toHex = bytesToHex;

// The signature's 16-byte layout is the NTLM codec's; the crypto computes its fields.
const sigBytes = encodeSignature;
function sigFields(bytes: Uint8Array) {
  const read = readNtlmSignature(bytes, { extendedSessionSecurity: true });
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

const serverChallenge = hex('0123456789abcdef');
const clientChallenge = new Uint8Array(8).fill(0xaa);
const randomSessionKey = new Uint8Array(16).fill(0x55);
const flags = 0xe28a8233; // §4.2.4 CHALLENGE flags

// §4.2.4.3 CHALLENGE_MESSAGE; TargetInfo (36 bytes) at 0x44.
const challenge = hex(`
  4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef
  00000000000000002400240044000000060070170000000f5300650072007600
  6500720002000c0044006f006d00610069006e0001000c005300650072007600
  6500720000000000`);
const targetInfo = challenge.subarray(0x44, 0x44 + 36);
// temp = 01 01 Z(6) ‖ Time ‖ ClientChallenge ‖ Z(4) ‖ AvPairs ‖ Z(4) (§4.2.4.1.3, Time = 0); the
// NTLM codec encodes it, the crypto proves it.
const temp = hex(
  '0101000000000000' +
    '0000000000000000' +
    'aaaaaaaaaaaaaaaa' +
    '00000000' +
    toHex(targetInfo) +
    '00000000',
);

// §4.2.4.3 AUTHENTICATE_MESSAGE (flags 0xe2888235).
const authenticate = hex(`
  4e544c4d5353500003000000180018006c00000054005400840000000c000c00
  480000000800080054000000100010005c00000010001000d8000000358288e2
  0501280a0000000f44006f006d00610069006e00550073006500720043004f00
  4d005000550054004500520086c35097ac9cec102554764a57cccc19aaaaaaaa
  aaaaaaaa68cd0ab851e51c96aabc927bebef6a1c010100000000000000000000
  00000000aaaaaaaaaaaaaaaa0000000002000c0044006f006d00610069006e00
  01000c005300650072007600650072000000000000000000c5dad2544fc97990
  94ce1ce90bc9d03e`);

describe('MS-NLMP §4.2.4 NTLM v2', () => {
  const responseKey = ntowfv2('Password', 'User', 'Domain');
  const response = computeNtlmv2Response({
    responseKeyNT: responseKey,
    serverChallenge,
    clientChallenge,
    temp,
  });
  const keyExchangeKey = kxkey({ version: 2, sessionBaseKey: response.sessionBaseKey });
  const { exportedSessionKey, encryptedRandomSessionKey } = clientExportedSessionKey(
    flags,
    keyExchangeKey,
    randomSessionKey,
  );

  it('NTOWFv2 = LMOWFv2 (§4.2.4.1.1); only the user name is upper-cased', () => {
    expect(toHex(responseKey)).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
    expect(toHex(lmowfv2('Password', 'User', 'Domain'))).toBe(toHex(responseKey));
    expect(toHex(ntowfv2('Password', 'USER', 'Domain'))).toBe(toHex(responseKey));
    expect(toHex(ntowfv2('Password', 'User', 'DOMAIN'))).not.toBe(toHex(responseKey));
    expect(toHex(ntowfv2FromNtHash(ntowfv1('Password'), 'User', 'Domain'))).toBe(
      toHex(responseKey),
    );
  });

  it('temp, NTProofStr and the NTLMv2 response (§4.2.4.1.3, §4.2.4.2.2)', () => {
    expect(toHex(temp)).toBe(
      '0101000000000000' +
        '0000000000000000' +
        'aaaaaaaaaaaaaaaa' +
        '00000000' +
        '02000c0044006f006d00610069006e00' +
        '01000c00530065007200760065007200' +
        '00000000' +
        '00000000',
    );
    expect(toHex(response.ntProofStr)).toBe('68cd0ab851e51c96aabc927bebef6a1c');
    expect(response.ntChallengeResponse.length).toBe(84);
    expect(toHex(authenticate.subarray(0x84, 0x84 + 84))).toBe(toHex(response.ntChallengeResponse));
  });

  it('the response is NTProofStr ‖ temp', () => {
    expect(toHex(response.ntChallengeResponse)).toBe(toHex(response.ntProofStr) + toHex(temp));
  });

  it('a server verifies the NTProofStr from the received blob', () => {
    const nt = authenticate.subarray(0x84, 0x84 + 84);
    expect(toHex(computeNtProofStr(responseKey, serverChallenge, nt.subarray(16)))).toBe(
      toHex(nt.subarray(0, 16)),
    );
  });

  it('LMv2 response (§4.2.4.2.1)', () => {
    expect(toHex(response.lmChallengeResponse)).toBe(
      '86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa',
    );
    expect(toHex(authenticate.subarray(0x6c, 0x84))).toBe(toHex(response.lmChallengeResponse));
  });

  it('session base key and encrypted session key (§4.2.4.1.2, §4.2.4.2.3)', () => {
    expect(toHex(response.sessionBaseKey)).toBe('8de40ccadbc14a82f15cb0ad0de95ca3');
    expect(toHex(keyExchangeKey)).toBe(toHex(response.sessionBaseKey));
    expect(toHex(encryptedRandomSessionKey!)).toBe('c5dad2544fc9799094ce1ce90bc9d03e');
    expect(toHex(authenticate.subarray(0xd8, 0xe8))).toBe('c5dad2544fc9799094ce1ce90bc9d03e');
    expect(toHex(serverExportedSessionKey(flags, keyExchangeKey, encryptedRandomSessionKey))).toBe(
      toHex(randomSessionKey),
    );
  });

  it('client sealing and signing keys (§4.2.4.4)', () => {
    expect(toHex(sealKey(flags, exportedSessionKey, 'client'))).toBe(
      '59f600973cc4960a25480a7c196e4c58',
    );
    expect(toHex(signKey(flags, exportedSessionKey, 'client')!)).toBe(
      '4788dc861b4782f35d43fd98fe1a2d39',
    );
  });

  it('seals "Plaintext"; the checksum is RC4-encrypted under KEY_EXCH (§4.2.4.4)', () => {
    const state = createDirectionState(flags, exportedSessionKey, 'client');
    const { sealed, signature } = seal(state, encodeUtf16le('Plaintext'));
    expect(toHex(sealed)).toBe('54e50165bf1936dc996020c1811b0f06fb5f');
    expect(toHex(sigBytes(signature))).toBe('010000007fb38ec5c55d497600000000');

    // Before RC4 the checksum is HMAC_MD5(SigningKey, SeqNum ‖ Message)[0..7].
    const clear = macWithEss(state.signingKey!, 0, encodeUtf16le('Plaintext'));
    expect(toHex(clear.checksum)).toBe('70352851f2564309');

    const receiver = createDirectionState(flags, exportedSessionKey, 'client');
    const opened = unseal(receiver, sealed, signature);
    expect(opened.valid).toBe(true);
    expect(toHex(opened.message)).toBe(toHex(encodeUtf16le('Plaintext')));
  });

  it('56- and 40-bit ESS sealing keys depend only on the first 7 or 5 key bytes', () => {
    const f56 = flags & ~NTLMSSP_NEGOTIATE_128;
    const f40 = f56 & ~NTLMSSP_NEGOTIATE_56;
    const keep = (n: number) => exportedSessionKey.map((b, i) => (i < n ? b : 0xff));
    const full = (f: number, key = exportedSessionKey) => toHex(sealKey(f, key, 'client'));
    expect(full(f56, keep(7))).toBe(full(f56));
    expect(full(f56, keep(5))).not.toBe(full(f56));
    expect(full(f40, keep(5))).toBe(full(f40));
    expect(full(f40)).not.toBe(full(f56));
    expect(full(f56)).not.toBe(full(flags));
  });

  it('MIC over NEGOTIATE ‖ CHALLENGE ‖ AUTHENTICATE zeroes the MIC field', () => {
    const negotiate = hex('4e544c4d5353500001000000378208e2' + '00'.repeat(24));
    const a = computeMic({ exportedSessionKey, negotiate, challenge, authenticate, micOffset: 72 });
    const patched = authenticate.slice();
    patched.set(a, 72);
    const b = computeMic({
      exportedSessionKey,
      negotiate,
      challenge,
      authenticate: patched,
      micOffset: 72,
    });
    expect(toHex(b)).toBe(toHex(a));
    expect(a.length).toBe(16);
  });
});

describe('without ESS, the weakened sealing keys (§3.4.5.3)', () => {
  const key = hex('000102030405060708090a0b0c0d0e0f');
  it('LM_KEY with 56-bit appends a0; with 40-bit appends e5 38 b0', () => {
    expect(toHex(sealKey(0x80000080, key, 'client'))).toBe('000102030405' + '06a0');
    expect(toHex(sealKey(0x00000080, key, 'client'))).toBe('0001020304e538b0');
  });
  it('DATAGRAM weakens only from revision W2K3 on', () => {
    expect(toHex(sealKey(0x00000040, key, 'client'))).toBe('0001020304e538b0');
    expect(toHex(sealKey(0x00000040, key, 'client', 0x0a))).toBe(toHex(key));
  });
});

describe('mechListMIC with the §4.2.4 keys (ntlm.md §11.5, derived)', () => {
  const exportedSessionKey = randomSessionKey;
  const micFlags =
    NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY |
    NTLMSSP_NEGOTIATE_KEY_EXCH |
    NTLMSSP_NEGOTIATE_SIGN |
    NTLMSSP_NEGOTIATE_128;
  const ntlmssp = hex('300c060a2b06010401823702020a');
  const krb5Ntlmssp = hex('3017 06092a864886f712010202 060a2b06010401823702020a'.replace(/ /g, ''));

  it('server keys', () => {
    expect(toHex(signKey(micFlags, exportedSessionKey, 'server')!)).toBe(
      'd04d6f10741041d1d246d64188d7a8ad',
    );
    expect(toHex(sealKey(micFlags, exportedSessionKey, 'server'))).toBe(
      '9355f3a957c1583d25c4c2f11e40390e',
    );
  });

  it.each([
    ['NTLMSSP', ntlmssp, 'client', '2646f52a31a2c3ee', '0100000022a3984fefbb9c3200000000'],
    ['NTLMSSP', ntlmssp, 'server', '3bdec7b235306e47', '010000007dd6da05648a73ae00000000'],
    [
      'krb5, NTLMSSP',
      krb5Ntlmssp,
      'client',
      '2b26c9ffdd7d32ed',
      '010000002fc3a49a03646d3100000000',
    ],
    [
      'krb5, NTLMSSP',
      krb5Ntlmssp,
      'server',
      'cf26051dfb795cc1',
      '01000000892e18aaaac3412800000000',
    ],
  ] as const)('%s, %s', (_list, message, mode, raw, signature) => {
    const signingKey = signKey(micFlags, exportedSessionKey, mode)!;
    expect(toHex(macWithEss(signingKey, 0, message).checksum)).toBe(raw);

    const ctx = createNtlmSessionSecurity({ flags: micFlags, exportedSessionKey, mode });
    expect(toHex(sigBytes(withRewoundHandle(ctx.outbound, (s) => sign(s, message))))).toBe(
      signature,
    );

    const peer = createNtlmSessionSecurity({
      flags: micFlags,
      exportedSessionKey,
      mode: mode === 'client' ? 'server' : 'client',
    });
    expect(
      withRewoundHandle(peer.inbound, (s) => verify(s, message, sigFields(hex(signature)))),
    ).toBe(true);
  });

  it('rewinding restores the RC4 position but keeps the SeqNum increment', () => {
    const ctx = createNtlmSessionSecurity({ flags: micFlags, exportedSessionKey, mode: 'client' });
    withRewoundHandle(ctx.outbound, (s) => sign(s, ntlmssp));
    expect(ctx.outbound.seqNum).toBe(1);
    const fresh = createRc4(sealKey(micFlags, exportedSessionKey, 'client'));
    expect(toHex(ctx.outbound.handle.process(new Uint8Array(8)))).toBe(
      toHex(fresh.process(new Uint8Array(8))),
    );
  });
});

describe('upcaseNtlm', () => {
  it('upper-cases per UTF-16 unit and never changes the length', () => {
    expect(upcaseNtlm('User')).toBe('USER');
    expect(upcaseNtlm('straße')).toBe('STRAßE');
    expect(upcaseNtlm('élodie')).toBe('ÉLODIE');
  });
});
