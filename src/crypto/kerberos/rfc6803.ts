import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { camellia } from './camellia';
import { cmac } from './cmac';
import { ctsDecrypt, ctsEncrypt } from './cts';
import { KEY_PURPOSE, usageConstant } from './derive';
import { checkedProfile, etypeProfile, nameSaltp } from './etypes';
import { concatBytes, equalBytes } from '../../bytes';

/**
 * camellia128-cts-cmac (25) and camellia256-cts-cmac (26), RFC 6803: RFC 3961's simplified
 * profile with Camellia-CTS as the cipher, CMAC as the integrity tag and checksum, and a key
 * derivation built on CMAC (SP 800-108 feedback mode).
 */
type CamelliaEtype = 25 | 26;
const te = new TextEncoder();

function camelliaEtype(etype: number): CamelliaEtype {
  if (etype !== 25 && etype !== 26) throw new RangeError(`not an RFC 6803 etype: ${etype}`);
  return etype;
}

/**
 * DK(key, constant) (RFC 6803 §3): KDF-FEEDBACK-CMAC, K(i) = CMAC(key, K(i-1) ‖ i ‖ constant ‖
 * 0x00 ‖ k) with K(0) a zero block, i and k (the key length in bits) 32-bit big-endian; the key is the
 * first k bits of K(1) ‖ K(2) ‖ …; random-to-key is the identity.
 */
export function camelliaDk(etype: number, key: Uint8Array, constant: Uint8Array): Uint8Array {
  checkedProfile(camelliaEtype(etype), key);
  const cipher = camellia(key);
  const out = new Uint8Array(key.length);
  let previous: Uint8Array = new Uint8Array(16);
  for (let i = 1, filled = 0; filled < out.length; i++, filled += 16) {
    const input = new Uint8Array(previous.length + 4 + constant.length + 1 + 4);
    const view = new DataView(input.buffer);
    input.set(previous);
    view.setUint32(previous.length, i);
    input.set(constant, previous.length + 4);
    view.setUint32(input.length - 4, key.length * 8);
    previous = cmac(cipher.encryptBlock, input);
    out.set(previous.subarray(0, Math.min(16, out.length - filled)), filled);
  }
  return out;
}

/** Kc, Ke, Ki (RFC 6803 §3, RFC 3961 §5.3): DK(base, usage ‖ 0x99 / 0xAA / 0x55). */
export function deriveCamelliaKey(
  etype: number,
  base: Uint8Array,
  usage: number,
  purpose: keyof typeof KEY_PURPOSE,
): Uint8Array {
  return camelliaDk(etype, base, usageConstant(usage, purpose));
}

/**
 * string-to-key (RFC 6803 §3): saltp = etype name ‖ 0x00 ‖ salt; tkey = PBKDF2(password, saltp,
 * iterations, key length) with HMAC-SHA1 as its PRF, as in RFC 3962 (not SHA-256: RFC 8009 is
 * the one that changes the hash; MIT krb5's t_str2key.c camellia vectors confirm it); key =
 * DK(tkey, "kerberos").
 */
export function camelliaSaltp(etype: number, salt: Uint8Array): Uint8Array {
  return nameSaltp(camelliaEtype(etype), salt);
}

export function camelliaPbkdf2(
  etype: number,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
): Uint8Array {
  const e = camelliaEtype(etype);
  return pbkdf2(sha1, password, camelliaSaltp(e, salt), {
    c: iterations,
    dkLen: etypeProfile(e).keyLength,
  });
}

export function camelliaKeyFromTkey(etype: number, tkey: Uint8Array): Uint8Array {
  return camelliaDk(etype, tkey, te.encode('kerberos'));
}

/** Encryption (RFC 6803 §4): Camellia-CTS(Ke, N ‖ P) ‖ CMAC(Ki, N ‖ P). */
export function camelliaEncrypt(
  etype: number,
  key: Uint8Array,
  usage: number,
  plaintext: Uint8Array,
  confounder: Uint8Array,
): Uint8Array {
  const data = new Uint8Array(confounder.length + plaintext.length);
  data.set(confounder);
  data.set(plaintext, confounder.length);
  const cipher = ctsEncrypt(camellia(deriveCamelliaKey(etype, key, usage, 'encryption')), data);
  const mac = cmac(camellia(deriveCamelliaKey(etype, key, usage, 'integrity')).encryptBlock, data);
  return concatBytes(cipher, mac);
}

/** The plaintext, confounder removed, or null when the CMAC does not match. */
export function camelliaDecrypt(
  etype: number,
  key: Uint8Array,
  usage: number,
  ciphertext: Uint8Array,
): Uint8Array | null {
  const body = ciphertext.subarray(0, ciphertext.length - 16);
  const mac = ciphertext.subarray(ciphertext.length - 16);
  const data = ctsDecrypt(camellia(deriveCamelliaKey(etype, key, usage, 'encryption')), body);
  const expected = cmac(
    camellia(deriveCamelliaKey(etype, key, usage, 'integrity')).encryptBlock,
    data,
  );
  if (!equalBytes(mac, expected)) return null;
  return data.slice(16);
}

/** cmac-camellia128 / -256 (RFC 6803 §5): CMAC(Kc, data), the whole 16-byte block. */
export function camelliaChecksum(
  etype: number,
  key: Uint8Array,
  usage: number,
  data: Uint8Array,
): Uint8Array {
  return cmac(camellia(deriveCamelliaKey(etype, key, usage, 'checksum')).encryptBlock, data);
}
