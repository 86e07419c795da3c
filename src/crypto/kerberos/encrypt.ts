import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { aesCtsDecrypt, aesCtsEncrypt } from './aes-cts';
import { usageKey } from './derive';
import { checkedProfile, CONFOUNDER_LENGTH, etypeOfKey, HMAC_LENGTH } from './etypes';
import { rc4Decrypt, rc4Encrypt } from './rc4-hmac';
import { camelliaDecrypt, camelliaEncrypt } from './rfc6803';
import { sha2Decrypt, sha2Encrypt } from './rfc8009';
import { equalBytes } from '../../bytes';

/**
 * The simplified profile's encryption (RFC 3961 §5.3, RFC 3962 §6): E(Ke, confounder ‖ plaintext)
 * by AES-CTS, followed by HMAC-SHA1-96(Ki, confounder ‖ plaintext). Ke and Ki are derived from
 * the base key and the key usage, so a ciphertext made for one usage fails under any other.
 *
 * With `etype`, any implemented encryption type: 17, 18 as above; 19, 20 per RFC 8009 §5; 23 per
 * RFC 4757 §5 (an 8-byte confounder); 25, 26 per RFC 6803 §4. Without it, the key's length picks
 * aes128 or aes256-cts-hmac-sha1-96.
 */
export function encrypt(
  key: Uint8Array,
  usage: number,
  plaintext: Uint8Array,
  confounder: Uint8Array,
  etype?: number,
): Uint8Array {
  if (etype !== undefined) {
    const p = checkedProfile(etype, key);
    if (confounder.length !== p.confounderLength) {
      throw new RangeError(
        `a ${p.name} confounder is ${p.confounderLength} bytes, got ${confounder.length}`,
      );
    }
    if (p.family === 'rfc8009') return sha2Encrypt(etype, key, usage, plaintext, confounder);
    if (p.family === 'rc4-hmac') return rc4Encrypt(key, usage, plaintext, confounder);
    if (p.family === 'rfc6803') return camelliaEncrypt(etype, key, usage, plaintext, confounder);
  }
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

/**
 * Decrypts and checks the HMAC; a wrong key, wrong usage or any changed byte is an integrity
 * failure. `etype` as for `encrypt`.
 */
export function decrypt(
  key: Uint8Array,
  usage: number,
  ciphertext: Uint8Array,
  etype?: number,
): DecryptResult {
  if (etype !== undefined) {
    const p = checkedProfile(etype, key);
    // RFC 8009 and RFC 6803 need at least one cipher block; the confounder is one.
    if (ciphertext.length < p.confounderLength + p.macLength) {
      return {
        ok: false,
        error: 'too-short',
        message: `ciphertext of ${ciphertext.length} bytes is shorter than confounder and ${p.family === 'rc4-hmac' ? 'checksum' : 'integrity tag'}`,
      };
    }
    if (p.family !== 'rfc3962') {
      const plaintext =
        p.family === 'rfc8009'
          ? sha2Decrypt(etype, key, usage, ciphertext)
          : p.family === 'rc4-hmac'
            ? rc4Decrypt(key, usage, ciphertext)
            : camelliaDecrypt(etype, key, usage, ciphertext);
      return plaintext
        ? { ok: true, plaintext }
        : {
            ok: false,
            error: 'integrity',
            message: `${p.family === 'rfc6803' ? 'CMAC' : 'HMAC'} mismatch: wrong key, wrong usage or modified ciphertext`,
          };
    }
  }
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
