// MS-NLMP §4.2.3: NTLM v1 with client challenge (extended session security).
import { describe, expect, it } from 'vitest';
import { encodeSignature } from '../../codec/ntlm';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { clientExportedSessionKey, kxkey, sealKey, signKey } from './keys';
import { ntowfv1 } from './owf';
import { computeNtlmv1Response } from './responses';
import { createDirectionState, seal, unseal } from './session';
import { encodeUtf16le } from '../../bytes';

const hex = (s: string) => hexToBytes(s.replace(/\s+/g, ''));
const toHex = bytesToHex;

const serverChallenge = hex('0123456789abcdef');
const clientChallenge = new Uint8Array(8).fill(0xaa);
const randomSessionKey = new Uint8Array(16).fill(0x55);
const flags = 0x820a8233; // ESS | 56 | SIGN | SEAL …, no KEY_EXCH, no 128

// §4.2.3.3 AUTHENTICATE_MESSAGE (flags 0x82088235).
const authenticate = hex(`
  4e544c4d5353500003000000180018006c00000018001800840000000c000c00
  480000000800080054000000100010005c000000000000009c00000035820882
  0501280a0000000f44006f006d00610069006e00550073006500720043004f00
  4d0050005500540045005200aaaaaaaaaaaaaaaa000000000000000000000000
  000000007537f803ae367128ca458204bde7caf81e97ed2683267232`);

describe('MS-NLMP §4.2.3 NTLM v1 with ESS', () => {
  const response = computeNtlmv1Response({
    responseKeyNT: ntowfv1('Password'),
    serverChallenge,
    clientChallenge,
    extendedSessionSecurity: true,
  });
  const keyExchangeKey = kxkey({
    version: 1,
    flags,
    sessionBaseKey: response.sessionBaseKey,
    serverChallenge,
    lmChallengeResponse: response.lmChallengeResponse,
  });
  // No KEY_EXCH: the exported key is the key exchange key and nothing is sent (§3.1.5.1.2).
  const exported = clientExportedSessionKey(flags, keyExchangeKey, randomSessionKey);

  it('responses (§4.2.3.2.1, §4.2.3.2.2), as in the AUTHENTICATE message', () => {
    expect(toHex(response.lmChallengeResponse)).toBe('aa'.repeat(8) + '00'.repeat(16));
    expect(toHex(response.ntChallengeResponse)).toBe(
      '7537f803ae367128ca458204bde7caf81e97ed2683267232',
    );
    expect(toHex(authenticate.subarray(0x6c, 0x84))).toBe(toHex(response.lmChallengeResponse));
    expect(toHex(authenticate.subarray(0x84, 0x9c))).toBe(toHex(response.ntChallengeResponse));
  });

  it('session base key and key exchange key (§4.2.3.1.2)', () => {
    expect(toHex(response.sessionBaseKey)).toBe('d87262b0cde4b1cb7499becccdf10784');
    expect(toHex(keyExchangeKey)).toBe('eb93429a8bd952f8b89c55b87f475edc');
    expect(exported.encryptedRandomSessionKey).toBeUndefined();
    expect(toHex(exported.exportedSessionKey)).toBe(toHex(keyExchangeKey));
  });

  it('56-bit sealing key and signing key (§4.2.3.4)', () => {
    expect(toHex(sealKey(flags, exported.exportedSessionKey, 'client'))).toBe(
      '04dd7f014d8504d265a25cc86a3a7c06',
    );
    expect(toHex(signKey(flags, exported.exportedSessionKey, 'client')!)).toBe(
      '60e799be5c72fc92922ae8ebe961fb8d',
    );
  });

  it('seals "Plaintext"; the checksum stays clear without KEY_EXCH (§4.2.3.4)', () => {
    const state = createDirectionState(flags, exported.exportedSessionKey, 'client');
    const { sealed, signature } = seal(state, encodeUtf16le('Plaintext'));
    expect(toHex(sealed)).toBe('a02372f6530273f3aa1eb90190ce5200c99d');
    expect(toHex(encodeSignature(signature))).toBe('01000000ff2aeb52f681793a00000000');

    const receiver = createDirectionState(flags, exported.exportedSessionKey, 'client');
    const opened = unseal(receiver, sealed, signature);
    expect(opened.valid).toBe(true);
    expect(toHex(opened.message)).toBe(toHex(encodeUtf16le('Plaintext')));
  });
});
