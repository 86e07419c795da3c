// MS-NLMP §4.2.2: NTLM v1 authentication without extended session security.
import { describe, expect, it } from 'vitest';
import { encodeSignature, readNtlmSignature } from '../../codec/ntlm';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { rc4 } from '../rc4';
import { NTLMSSP_NEGOTIATE_LM_KEY, NTLMSSP_REQUEST_NON_NT_SESSION_KEY } from '../../data/ntlm';
import {
  clientExportedSessionKey,
  kxkey,
  sealKey,
  serverExportedSessionKey,
  signKey,
} from './keys';
import { lmowfv1, ntowfv1 } from './owf';
import { computeNtlmv1Response, desl } from './responses';
import { createDirectionState, seal, sign, unseal, verify } from './session';
import { encodeUtf16le } from '../../bytes';

const hex = (s: string) => hexToBytes(s.replace(/\s+/g, ''));

// The signature's 16-byte layout is the NTLM codec's; the crypto computes its fields.
const sigBytes = encodeSignature;
function sigFields(bytes: Uint8Array) {
  const read = readNtlmSignature(bytes, { extendedSessionSecurity: false });
  if (!read.ok) throw new Error(read.error);
  return read.value;
}
const toHex = bytesToHex;

// §4.2.1 common values.
const password = 'Password';
const randomSessionKey = new Uint8Array(16).fill(0x55);
const serverChallenge = hex('0123456789abcdef');
const plaintext = encodeUtf16le('Plaintext');
const flags = 0xe2028233; // CHALLENGE flags of §4.2.2

// §4.2.2.3 AUTHENTICATE_MESSAGE (flags 0xe2808235).
const authenticate = hex(`
  4e544c4d5353500003000000180018006c00000018001800840000000c000c00
  480000000800080054000000100010005c000000100010009c000000358280e2
  0501280a0000000f44006f006d00610069006e00550073006500720043004f00
  4d005000550054004500520098def7b87f88aa5dafe2df779688a172def11c7d
  5ccdef1367c43011f30298a2ad35ece64f16331c44bdbed927841f94518822b1
  b3f350c8958682ecbb3e3cb7`);

describe('MS-NLMP §4.2.2 NTLM v1', () => {
  const ntowf = ntowfv1(password);
  const lmowf = lmowfv1(password);
  const response = computeNtlmv1Response({
    responseKeyNT: ntowf,
    responseKeyLM: lmowf,
    serverChallenge,
    extendedSessionSecurity: false,
  });

  it('LMOWFv1 and NTOWFv1 (§4.2.2.1.1, §4.2.2.1.2)', () => {
    expect(toHex(lmowf)).toBe('e52cac67419a9a224a3b108f3fa6cb6d');
    expect(toHex(ntowf)).toBe('a4f49c406510bdcab6824ee7c30fd852');
  });

  it('session base key (§4.2.2.1.3)', () => {
    expect(toHex(response.sessionBaseKey)).toBe('d87262b0cde4b1cb7499becccdf10784');
  });

  it('NTLMv1 and LMv1 responses (§4.2.2.2.1, §4.2.2.2.2), as in the AUTHENTICATE message', () => {
    expect(toHex(response.ntChallengeResponse)).toBe(
      '67c43011f30298a2ad35ece64f16331c44bdbed927841f94',
    );
    expect(toHex(response.lmChallengeResponse)).toBe(
      '98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13',
    );
    expect(toHex(authenticate.subarray(0x6c, 0x84))).toBe(toHex(response.lmChallengeResponse));
    expect(toHex(authenticate.subarray(0x84, 0x9c))).toBe(toHex(response.ntChallengeResponse));
  });

  it('NoLMResponseNTLMv1 copies the NT response', () => {
    const r = computeNtlmv1Response({
      responseKeyNT: ntowf,
      serverChallenge,
      extendedSessionSecurity: false,
      noLmResponse: true,
    });
    expect(toHex(r.lmChallengeResponse)).toBe(toHex(r.ntChallengeResponse));
  });

  it('DESL is three DES blocks', () => {
    expect(toHex(desl(ntowf, serverChallenge))).toBe(toHex(response.ntChallengeResponse));
  });

  const v1Kxkey = (f: number) =>
    kxkey({
      version: 1,
      flags: f,
      sessionBaseKey: response.sessionBaseKey,
      serverChallenge,
      lmChallengeResponse: response.lmChallengeResponse,
      lmowf,
    });

  it('key exchange keys and encrypted session keys (§4.2.2.1.3, §4.2.2.2.3)', () => {
    expect(toHex(v1Kxkey(flags))).toBe(toHex(response.sessionBaseKey));
    expect(toHex(v1Kxkey(flags | NTLMSSP_NEGOTIATE_LM_KEY))).toBe(
      'b09e379f7fbecb1eaf0afdcb0383c8a0',
    );

    const encrypted = (f: number) =>
      clientExportedSessionKey(f, v1Kxkey(f), randomSessionKey).encryptedRandomSessionKey;
    expect(toHex(encrypted(flags)!)).toBe('518822b1b3f350c8958682ecbb3e3cb7');
    expect(toHex(encrypted(flags | NTLMSSP_REQUEST_NON_NT_SESSION_KEY)!)).toBe(
      '7452ca55c225a1ca04b48fae32cf56fc',
    );
    expect(toHex(encrypted(flags | NTLMSSP_NEGOTIATE_LM_KEY)!)).toBe(
      '4cd7bb57d697ef9b549f02b8f9b37864',
    );
    expect(toHex(authenticate.subarray(0x9c, 0xac))).toBe('518822b1b3f350c8958682ecbb3e3cb7');
  });

  it('the server recovers the exported session key', () => {
    const encrypted = authenticate.subarray(0x9c, 0xac);
    expect(toHex(serverExportedSessionKey(flags, v1Kxkey(flags), encrypted))).toBe(
      toHex(randomSessionKey),
    );
  });

  it('no signing key without ESS; sealing key is the exported key (§3.4.5.3)', () => {
    expect(signKey(flags, randomSessionKey, 'client')).toBeUndefined();
    expect(toHex(sealKey(flags, randomSessionKey, 'client'))).toBe(toHex(randomSessionKey));
  });

  it('seals "Plaintext" and signs it with CRC32 (§4.2.2.4)', () => {
    const state = createDirectionState(flags, randomSessionKey, 'client');
    const { sealed, signature } = seal(state, plaintext);
    expect(toHex(sealed)).toBe('56fe04d861f9319af0d7238a2e3b4d457fb8');
    // The spec prints 01000000 45c844e5 09dcd1df 2e459d36: the RandomPad field shown
    // encrypted. §3.4.4.1 ends by zeroing RandomPad, which is what goes on the wire.
    expect(toHex(sigBytes(signature))).toBe('01000000' + '00000000' + '09dcd1df2e459d36');
    expect(state.seqNum).toBe(1);

    // The printed pad is indeed the keystream right after the sealed message.
    const keystream = rc4(randomSessionKey, new Uint8Array(plaintext.length + 12));
    expect(toHex(keystream.subarray(plaintext.length, plaintext.length + 4))).toBe('45c844e5');
    // And the clear checksum is CRC32("Plaintext") = 7d84aa93 (little-endian on the wire).
    const clearChecksum = keystream
      .subarray(plaintext.length + 4, plaintext.length + 8)
      .map((k, i) => k ^ signature.checksum[i]);
    expect(toHex(clearChecksum)).toBe('7d84aa93');
  });

  it('the receiver unseals and accepts either pad encoding', () => {
    const unsealWith = (signature: Uint8Array) =>
      unseal(
        createDirectionState(flags, randomSessionKey, 'client'),
        hex('56fe04d861f9319af0d7238a2e3b4d457fb8'),
        sigFields(signature),
      );
    const printed = unsealWith(hex('0100000045c844e509dcd1df2e459d36'));
    expect(printed.valid).toBe(true);
    expect(toHex(printed.message)).toBe(toHex(plaintext));
    expect(unsealWith(hex('010000000000000009dcd1df2e459d36')).valid).toBe(true);
    expect(unsealWith(hex('010000000000000009dcd1df2e459d37')).valid).toBe(false);
  });

  it('sign and verify agree across several messages', () => {
    const sender = createDirectionState(flags, randomSessionKey, 'client');
    const receiver = createDirectionState(flags, randomSessionKey, 'client');
    for (const text of ['one', 'two', 'three']) {
      const message = encodeUtf16le(text);
      expect(verify(receiver, message, sign(sender, message))).toBe(true);
    }
    expect(receiver.seqNum).toBe(3);
  });
});

describe('lmowfv1 input handling', () => {
  it('upper-cases, pads and truncates to 14 characters', () => {
    expect(toHex(lmowfv1('password'))).toBe('e52cac67419a9a224a3b108f3fa6cb6d');
    expect(toHex(lmowfv1(''))).toBe('aad3b435b51404eeaad3b435b51404ee');
    expect(toHex(lmowfv1('Password123456xyz'))).toBe(toHex(lmowfv1('PASSWORD123456')));
  });

  it('rejects characters without a host-independent OEM encoding', () => {
    expect(() => lmowfv1('pässword')).toThrow(RangeError);
  });
});
