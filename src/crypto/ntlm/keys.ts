// Key exchange key, exported session key and the signing/sealing keys
// [MS-NLMP §3.1.5.1.2, §3.2.5.1.2, §3.4.5.1–§3.4.5.3].
import { des } from '../des';
import { hmacMd5, md5 } from '../md5';
import { rc4 } from '../rc4';
import {
  NTLMSSP_REVISION_W2K3,
  NTLMSSP_NEGOTIATE_128,
  NTLMSSP_NEGOTIATE_56,
  NTLMSSP_NEGOTIATE_DATAGRAM,
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
  NTLMSSP_NEGOTIATE_KEY_EXCH,
  NTLMSSP_NEGOTIATE_LM_KEY,
  NTLMSSP_NEGOTIATE_SEAL,
  NTLMSSP_NEGOTIATE_SIGN,
  NTLMSSP_REQUEST_NON_NT_SESSION_KEY,
  hasFlag,
} from '../../data/ntlm';
import { concatBytes, requireLength } from '../../bytes';

export type KxkeyInput =
  | { version: 2; sessionBaseKey: Uint8Array }
  | {
      version: 1;
      flags: number;
      sessionBaseKey: Uint8Array;
      serverChallenge: Uint8Array;
      lmChallengeResponse: Uint8Array;
      /** LMOWFv1; needed only for LM_KEY or REQUEST_NON_NT_SESSION_KEY without ESS. */
      lmowf?: Uint8Array;
    };

/** KXKEY [§3.4.5.1]; for NTLM v2 the key exchange key is the session base key itself. */
export function kxkey(input: KxkeyInput): Uint8Array {
  const { sessionBaseKey } = input;
  requireLength('SessionBaseKey', sessionBaseKey, 16);
  if (input.version === 2) return sessionBaseKey.slice();

  const { flags, serverChallenge, lmChallengeResponse } = input;
  const lmResp8 = lmChallengeResponse.subarray(0, 8);
  if (hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
    return hmacMd5(sessionBaseKey, concatBytes(serverChallenge, lmResp8));
  }
  const needsLmowf =
    hasFlag(flags, NTLMSSP_NEGOTIATE_LM_KEY) || hasFlag(flags, NTLMSSP_REQUEST_NON_NT_SESSION_KEY);
  if (!needsLmowf) return sessionBaseKey.slice();
  const { lmowf } = input;
  if (!lmowf) throw new Error('KXKEY with LM_KEY or REQUEST_NON_NT_SESSION_KEY needs LMOWFv1');
  requireLength('LMOWF', lmowf, 16);
  if (hasFlag(flags, NTLMSSP_NEGOTIATE_LM_KEY)) {
    const second = new Uint8Array([lmowf[7], 0xbd, 0xbd, 0xbd, 0xbd, 0xbd, 0xbd]);
    return concatBytes(des(lmowf.subarray(0, 7), lmResp8), des(second, lmResp8));
  }
  return concatBytes(lmowf.subarray(0, 8), new Uint8Array(8));
}

/** Whether an EncryptedRandomSessionKey is exchanged: KEY_EXCH and (SIGN or SEAL) [§3.1.5.1.2]. */
export function usesKeyExchange(flags: number): boolean {
  return (
    hasFlag(flags, NTLMSSP_NEGOTIATE_KEY_EXCH) &&
    (hasFlag(flags, NTLMSSP_NEGOTIATE_SIGN) || hasFlag(flags, NTLMSSP_NEGOTIATE_SEAL))
  );
}

export interface ExportedSessionKey {
  exportedSessionKey: Uint8Array;
  /** Present only when usesKeyExchange(flags). */
  encryptedRandomSessionKey?: Uint8Array;
}

/**
 * Client side [§3.1.5.1.2]: with key exchange the exported key is the client's random key,
 * sent as RC4K(KeyExchangeKey, ExportedSessionKey); otherwise it is the key exchange key.
 */
export function clientExportedSessionKey(
  flags: number,
  keyExchangeKey: Uint8Array,
  randomSessionKey: Uint8Array,
): ExportedSessionKey {
  requireLength('KeyExchangeKey', keyExchangeKey, 16);
  if (!usesKeyExchange(flags)) return { exportedSessionKey: keyExchangeKey.slice() };
  requireLength('RandomSessionKey', randomSessionKey, 16);
  return {
    exportedSessionKey: randomSessionKey.slice(),
    encryptedRandomSessionKey: rc4(keyExchangeKey, randomSessionKey),
  };
}

/** Server side [§3.2.5.1.2]: recovers the exported key from the AUTHENTICATE message. */
export function serverExportedSessionKey(
  flags: number,
  keyExchangeKey: Uint8Array,
  encryptedRandomSessionKey: Uint8Array | undefined,
): Uint8Array {
  requireLength('KeyExchangeKey', keyExchangeKey, 16);
  if (!usesKeyExchange(flags)) return keyExchangeKey.slice();
  if (!encryptedRandomSessionKey) throw new Error('KEY_EXCH negotiated but no encrypted key');
  requireLength('EncryptedRandomSessionKey', encryptedRandomSessionKey, 16);
  return rc4(keyExchangeKey, encryptedRandomSessionKey);
}

export type NtlmMode = 'client' | 'server';

// Magic constants include their terminating NUL [§3.4.5.2, §3.4.5.3].
const magic = (s: string): Uint8Array => new TextEncoder().encode(`${s}\0`);
const SIGN_MAGIC: Record<NtlmMode, Uint8Array> = {
  client: magic('session key to client-to-server signing key magic constant'),
  server: magic('session key to server-to-client signing key magic constant'),
};
const SEAL_MAGIC: Record<NtlmMode, Uint8Array> = {
  client: magic('session key to client-to-server sealing key magic constant'),
  server: magic('session key to server-to-client sealing key magic constant'),
};

/** SIGNKEY [§3.4.5.2]; undefined without ESS, where signatures use CRC32 and no key. */
export function signKey(
  flags: number,
  exportedSessionKey: Uint8Array,
  mode: NtlmMode,
): Uint8Array | undefined {
  if (!hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) return undefined;
  return md5(concatBytes(exportedSessionKey, SIGN_MAGIC[mode]));
}

/**
 * SEALKEY [§3.4.5.3]. With ESS the key strength (128/56/40 bits) selects how much of the
 * exported key is hashed with the magic; without ESS, LM_KEY (or DATAGRAM at revision ≥ W2K3)
 * weakens the key to 56 or 40 bits by appending fixed bytes, else the exported key is used as is.
 */
export function sealKey(
  flags: number,
  exportedSessionKey: Uint8Array,
  mode: NtlmMode,
  ntlmRevision: number = NTLMSSP_REVISION_W2K3,
): Uint8Array {
  requireLength('ExportedSessionKey', exportedSessionKey, 16);
  if (hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
    let key = exportedSessionKey;
    if (!hasFlag(flags, NTLMSSP_NEGOTIATE_128)) {
      key = exportedSessionKey.subarray(0, hasFlag(flags, NTLMSSP_NEGOTIATE_56) ? 7 : 5);
    }
    return md5(concatBytes(key, SEAL_MAGIC[mode]));
  }
  const weakened =
    hasFlag(flags, NTLMSSP_NEGOTIATE_LM_KEY) ||
    (hasFlag(flags, NTLMSSP_NEGOTIATE_DATAGRAM) && ntlmRevision >= NTLMSSP_REVISION_W2K3);
  if (!weakened) return exportedSessionKey.slice();
  if (hasFlag(flags, NTLMSSP_NEGOTIATE_56)) {
    return concatBytes(exportedSessionKey.subarray(0, 7), new Uint8Array([0xa0]));
  }
  return concatBytes(exportedSessionKey.subarray(0, 5), new Uint8Array([0xe5, 0x38, 0xb0]));
}
