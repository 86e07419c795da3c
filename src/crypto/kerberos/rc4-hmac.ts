import { md4 } from '../md4';
import { hmacMd5, md5 } from '../md5';
import { rc4 } from '../rc4';
import { equalBytes } from '../../bytes';

/**
 * rc4-hmac (etype 23, RFC 4757) and its checksum hmac-md5 (cksumtype -138, RFC 4757 §4). The
 * key is the NT hash of the password; there is no key derivation beyond an HMAC-MD5 of the
 * (translated) key usage, and no salt.
 */

/**
 * RFC 4757 §3: the key usage numbers RC4-HMAC puts in its HMAC, where Microsoft's differ from
 * RFC 4120's: 3 (AS-REP enc-part) → 8, 9 (TGS-REP enc-part with the subkey) → 8, 23 (the GSS
 * Wrap token's signature) → 13; any other usage is itself. (MIT krb5's
 * src/lib/crypto/krb/enc_rc4.c, krb5int_arcfour_translate_usage, and Heimdal keep 9 as 9.)
 */
export function rc4Usage(usage: number): number {
  switch (usage) {
    case 3:
    case 9:
      return 8;
    case 23:
      return 13;
    default:
      return usage;
  }
}

const le32 = (n: number): Uint8Array => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n >>> 0, true);
  return out;
};

/** string-to-key (RFC 4757 §2): MD4 of the password in UTF-16LE, the NT hash; no salt. */
export function rc4StringToKey(password: string): Uint8Array {
  const units = new Uint8Array(password.length * 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    units[2 * i] = c & 0xff;
    units[2 * i + 1] = c >>> 8;
  }
  return md4(units);
}

/** K1 = HMAC-MD5(K, T), T the translated usage as 4 little-endian bytes (RFC 4757 §5). */
export function rc4UsageKey(key: Uint8Array, usage: number): Uint8Array {
  return hmacMd5(key, le32(rc4Usage(usage)));
}

/**
 * Encryption (RFC 4757 §5): data = confounder(8) ‖ plaintext; checksum = HMAC-MD5(K1, data);
 * K3 = HMAC-MD5(K1, checksum); the ciphertext is checksum ‖ RC4(K3, data).
 */
export function rc4Encrypt(
  key: Uint8Array,
  usage: number,
  plaintext: Uint8Array,
  confounder: Uint8Array,
): Uint8Array {
  const k1 = rc4UsageKey(key, usage);
  const data = new Uint8Array(confounder.length + plaintext.length);
  data.set(confounder);
  data.set(plaintext, confounder.length);
  const checksum = hmacMd5(k1, data);
  const out = new Uint8Array(16 + data.length);
  out.set(checksum);
  out.set(rc4(hmacMd5(k1, checksum), data), 16);
  return out;
}

/** The plaintext, confounder removed, or null when the checksum does not match. */
export function rc4Decrypt(
  key: Uint8Array,
  usage: number,
  ciphertext: Uint8Array,
): Uint8Array | null {
  const k1 = rc4UsageKey(key, usage);
  const checksum = ciphertext.subarray(0, 16);
  const data = rc4(hmacMd5(k1, checksum), ciphertext.subarray(16));
  if (!equalBytes(hmacMd5(k1, data), checksum)) return null;
  return data.slice(8);
}

const SIGNATURE_KEY = new TextEncoder().encode('signaturekey\0');

/**
 * hmac-md5 (cksumtype -138, RFC 4757 §4): Ksign = HMAC-MD5(K, "signaturekey\0"),
 * CHKSUM = HMAC-MD5(Ksign, MD5(T ‖ data)), T the translated usage, 4 little-endian bytes.
 */
export function rc4Checksum(key: Uint8Array, usage: number, data: Uint8Array): Uint8Array {
  const ksign = hmacMd5(key, SIGNATURE_KEY);
  const input = new Uint8Array(4 + data.length);
  input.set(le32(rc4Usage(usage)));
  input.set(data, 4);
  return hmacMd5(ksign, md5(input));
}
