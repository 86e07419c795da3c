import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { usageKey } from './derive';
import { etypeOfKey, HMAC_LENGTH, type AesEtypeInfo } from './etypes';
import { equalBytes } from '../../bytes';

/**
 * hmac-sha1-96-aes128 / -aes256 (cksumtype 15 / 16, RFC 3962 §7): HMAC-SHA1 with Kc =
 * DK(key, usage | 0x99), truncated to 96 bits (RFC 3961 §5.4).
 */
export function checksum(key: Uint8Array, usage: number, data: Uint8Array): Uint8Array {
  etypeOfKey(key); // throws unless the key is 16 or 32 bytes
  return hmac(sha1, usageKey(key, usage, 'checksum'), data).slice(0, HMAC_LENGTH);
}

export function verifyChecksum(
  key: Uint8Array,
  usage: number,
  data: Uint8Array,
  mac: Uint8Array,
): boolean {
  return equalBytes(checksum(key, usage, data), mac);
}

/** The checksum type that goes with a key (15 for AES-128, 16 for AES-256). */
export function cksumtypeOfKey(key: Uint8Array): AesEtypeInfo['cksumtype'] {
  return etypeOfKey(key).cksumtype;
}
