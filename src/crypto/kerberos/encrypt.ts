import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { aesCtsDecrypt, aesCtsEncrypt } from './aes-cts';
import { usageKey } from './derive';
import { CONFOUNDER_LENGTH, etypeOfKey, HMAC_LENGTH } from './etypes';
import { equalBytes } from '../../bytes';

/**
 * The simplified profile's encryption (RFC 3961 §5.3, RFC 3962 §6): E(Ke, confounder ‖ plaintext)
 * by AES-CTS, followed by HMAC-SHA1-96(Ki, confounder ‖ plaintext). Ke and Ki are derived from
 * the base key and the key usage, so a ciphertext made for one usage fails under any other.
 */
export function encrypt(
  key: Uint8Array,
  usage: number,
  plaintext: Uint8Array,
  confounder: Uint8Array,
): Uint8Array {
  etypeOfKey(key); // throws unless the key is 16 or 32 bytes
  if (confounder.length !== CONFOUNDER_LENGTH) {
    throw new RangeError(`confounder must be ${CONFOUNDER_LENGTH} bytes, got ${confounder.length}`);
  }
  const data = new Uint8Array(CONFOUNDER_LENGTH + plaintext.length);
  data.set(confounder);
  data.set(plaintext, CONFOUNDER_LENGTH);
  const cipher = aesCtsEncrypt(usageKey(key, usage, 'encryption'), data);
  const mac = hmac(sha1, usageKey(key, usage, 'integrity'), data).subarray(0, HMAC_LENGTH);
  const out = new Uint8Array(cipher.length + HMAC_LENGTH);
  out.set(cipher);
  out.set(mac, cipher.length);
  return out;
}

export type DecryptResult =
  | { ok: true; plaintext: Uint8Array }
  | { ok: false; error: 'integrity' | 'too-short'; message: string };

/** Decrypts and checks the HMAC; a wrong key, wrong usage or any changed byte is an integrity failure. */
export function decrypt(key: Uint8Array, usage: number, ciphertext: Uint8Array): DecryptResult {
  etypeOfKey(key); // throws unless the key is 16 or 32 bytes
  if (ciphertext.length < CONFOUNDER_LENGTH + HMAC_LENGTH) {
    return {
      ok: false,
      error: 'too-short',
      message: `ciphertext of ${ciphertext.length} bytes is shorter than confounder and HMAC`,
    };
  }
  const body = ciphertext.subarray(0, ciphertext.length - HMAC_LENGTH);
  const mac = ciphertext.subarray(ciphertext.length - HMAC_LENGTH);
  const data = aesCtsDecrypt(usageKey(key, usage, 'encryption'), body);
  const expected = hmac(sha1, usageKey(key, usage, 'integrity'), data).subarray(0, HMAC_LENGTH);
  if (!equalBytes(mac, expected)) {
    return {
      ok: false,
      error: 'integrity',
      message: 'HMAC mismatch: wrong key, wrong usage or modified ciphertext',
    };
  }
  return { ok: true, plaintext: data.slice(CONFOUNDER_LENGTH) };
}
