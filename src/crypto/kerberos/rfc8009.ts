import { hmac } from '@noble/hashes/hmac.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { aesCtsDecrypt, aesCtsEncrypt } from './aes-cts';
import { KEY_PURPOSE, usageConstant } from './derive';
import { checkedProfile, etypeProfile, nameSaltp } from './etypes';
import { concatBytes, equalBytes } from '../../bytes';

/**
 * aes128-cts-hmac-sha256-128 (19) and aes256-cts-hmac-sha384-192 (20), RFC 8009: AES-CTS as in
 * RFC 3962, but keys from a KDF built on HMAC-SHA2 (SP 800-108 counter mode), PBKDF2 with
 * SHA-256/384 and the etype name in the salt, and an HMAC over IV ‖ ciphertext.
 */
type Sha2Etype = 19 | 20;

const hashOf = (etype: Sha2Etype) => (etype === 19 ? sha256 : sha384);
const te = new TextEncoder();

function sha2Etype(etype: number): Sha2Etype {
  if (etype !== 19 && etype !== 20) throw new RangeError(`not an RFC 8009 etype: ${etype}`);
  return etype;
}

/**
 * KDF-HMAC-SHA2(key, label, [context,] k) (RFC 8009 §3): the first k bits of
 * HMAC-SHA2(key, 0x00000001 ‖ label ‖ 0x00 ‖ context ‖ k), k a 32-bit big-endian bit count.
 */
export function kdfHmacSha2(
  etype: number,
  key: Uint8Array,
  label: Uint8Array,
  bits: number,
  context: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const hash = hashOf(sha2Etype(etype));
  if (bits <= 0 || bits % 8 !== 0 || bits > hash.outputLen * 8) {
    throw new RangeError(`KDF-HMAC-SHA2 output of ${bits} bits`);
  }
  const input = new Uint8Array(4 + label.length + 1 + context.length + 4);
  const view = new DataView(input.buffer);
  view.setUint32(0, 1);
  input.set(label, 4);
  input.set(context, 5 + label.length);
  view.setUint32(input.length - 4, bits);
  return hmac(hash, key, input).slice(0, bits / 8);
}

/**
 * Kc, Ke, Ki for a usage (RFC 8009 §5): KDF-HMAC-SHA2(base, usage ‖ 0x99 / 0xAA / 0x55, k) with
 * k = 128 for etype 19; for 20, 256 for Ke and 192 for Kc and Ki.
 */
export function deriveSha2Key(
  etype: number,
  base: Uint8Array,
  usage: number,
  purpose: keyof typeof KEY_PURPOSE,
): Uint8Array {
  const e = sha2Etype(etype);
  checkedProfile(e, base);
  const label = usageConstant(usage, purpose);
  const bits = e === 19 ? 128 : purpose === 'encryption' ? 256 : 192;
  return kdfHmacSha2(e, base, label, bits);
}

/**
 * string-to-key (RFC 8009 §4): saltp = etype name ‖ 0x00 ‖ salt; tkey =
 * PBKDF2-HMAC-SHA2(password, saltp, iterations, key length); key = KDF-HMAC-SHA2(tkey,
 * "kerberos", key length). `tkey` may come from elsewhere (WebCrypto) through `fromTkey`.
 */
export function sha2Saltp(etype: number, salt: Uint8Array): Uint8Array {
  return nameSaltp(sha2Etype(etype), salt);
}

export function sha2Pbkdf2(
  etype: number,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
): Uint8Array {
  const e = sha2Etype(etype);
  return pbkdf2(hashOf(e), password, sha2Saltp(e, salt), {
    c: iterations,
    dkLen: etypeProfile(e).keyLength,
  });
}

export function sha2KeyFromTkey(etype: number, tkey: Uint8Array): Uint8Array {
  return kdfHmacSha2(etype, tkey, te.encode('kerberos'), etypeProfile(etype).keyLength * 8);
}

/** PRF (RFC 8009 §5): KDF-HMAC-SHA2(base, "prf", input, 256 or 384). */
export function sha2Prf(etype: number, base: Uint8Array, input: Uint8Array): Uint8Array {
  const e = sha2Etype(etype);
  return kdfHmacSha2(e, base, te.encode('prf'), e === 19 ? 256 : 384, input);
}

const IV = new Uint8Array(16);

function tag(etype: Sha2Etype, ki: Uint8Array, cipher: Uint8Array): Uint8Array {
  const input = new Uint8Array(IV.length + cipher.length);
  input.set(IV);
  input.set(cipher, IV.length);
  return hmac(hashOf(etype), ki, input).slice(0, etypeProfile(etype).macLength);
}

/** Encryption (RFC 8009 §5): C = AES-CTS(Ke, N ‖ P), H = HMAC(Ki, IV ‖ C) truncated; C ‖ H. */
export function sha2Encrypt(
  etype: number,
  key: Uint8Array,
  usage: number,
  plaintext: Uint8Array,
  confounder: Uint8Array,
): Uint8Array {
  const e = sha2Etype(etype);
  const data = new Uint8Array(confounder.length + plaintext.length);
  data.set(confounder);
  data.set(plaintext, confounder.length);
  const cipher = aesCtsEncrypt(deriveSha2Key(e, key, usage, 'encryption'), data);
  const mac = tag(e, deriveSha2Key(e, key, usage, 'integrity'), cipher);
  return concatBytes(cipher, mac);
}

/** The plaintext, confounder removed, or null when the HMAC does not match. */
export function sha2Decrypt(
  etype: number,
  key: Uint8Array,
  usage: number,
  ciphertext: Uint8Array,
): Uint8Array | null {
  const e = sha2Etype(etype);
  const p = etypeProfile(e);
  const body = ciphertext.subarray(0, ciphertext.length - p.macLength);
  const mac = ciphertext.subarray(ciphertext.length - p.macLength);
  if (!equalBytes(mac, tag(e, deriveSha2Key(e, key, usage, 'integrity'), body))) return null;
  return aesCtsDecrypt(deriveSha2Key(e, key, usage, 'encryption'), body).slice(p.confounderLength);
}

/** hmac-sha256-128-aes128 / hmac-sha384-192-aes256 (RFC 8009 §5): HMAC(Kc, data) truncated. */
export function sha2Checksum(
  etype: number,
  key: Uint8Array,
  usage: number,
  data: Uint8Array,
): Uint8Array {
  const e = sha2Etype(etype);
  return hmac(hashOf(e), deriveSha2Key(e, key, usage, 'checksum'), data).slice(
    0,
    etypeProfile(e).checksumLength,
  );
}
