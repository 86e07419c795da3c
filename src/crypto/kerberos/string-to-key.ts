import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { dk } from './derive';
import { AES_ETYPES, type AesEtype } from './etypes';

/** RFC 3962 §4: the default s2kparams, 0x00001000. */
export const DEFAULT_ITERATIONS = 4096;

const KERBEROS = new TextEncoder().encode('kerberos');

/**
 * string-to-key for AES (RFC 3962 §4): tkey = random-to-key(PBKDF2-HMAC-SHA1(password, salt,
 * iterations, key length)), key = DK(tkey, "kerberos"). Password and salt are UTF-8.
 */
export function stringToKey(
  etype: AesEtype,
  password: string,
  salt: string | Uint8Array,
  iterations = DEFAULT_ITERATIONS,
): Uint8Array {
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new RangeError(`iteration count must be a positive integer, got ${iterations}`);
  }
  const encoder = new TextEncoder();
  const tkey = pbkdf2(
    sha1,
    encoder.encode(password),
    typeof salt === 'string' ? encoder.encode(salt) : salt,
    {
      c: iterations,
      dkLen: AES_ETYPES[etype].keyLength,
    },
  );
  return dk(tkey, KERBEROS);
}

/** The default salt: the realm followed by every component of the principal name (RFC 4120 §4). */
export function principalSalt(realm: string, components: readonly string[]): string {
  return realm + components.join('');
}
