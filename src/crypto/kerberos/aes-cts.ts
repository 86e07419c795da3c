import { cbc, ecb } from '@noble/ciphers/aes.js';

/**
 * AES in CBC mode with ciphertext stealing, as Kerberos uses it (RFC 3962 §5): zero IV, the last
 * block zero-padded, and the last two ciphertext blocks swapped with the final one truncated to
 * the plaintext's length, so the ciphertext is exactly as long as the plaintext. The swap happens
 * even when the plaintext is a whole number of blocks. A single block is plain AES.
 */
const BLOCK = 16;
const ZERO_IV = new Uint8Array(BLOCK);

function checkKey(key: Uint8Array): void {
  if (key.length !== 16 && key.length !== 32) {
    throw new RangeError(`AES key must be 16 or 32 bytes, got ${key.length}`);
  }
}

/** One raw AES block encryption (used by DR, RFC 3961 §5.1, where E of one block is AES itself). */
export function aesEncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  checkKey(key);
  return ecb(key, { disablePadding: true }).encrypt(block);
}

export function aesCtsEncrypt(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkKey(key);
  const n = plaintext.length;
  if (n < BLOCK) throw new RangeError(`CTS needs at least one block, got ${n} bytes`);
  if (n === BLOCK) return aesEncryptBlock(key, plaintext);
  const blocks = Math.ceil(n / BLOCK);
  const padded = new Uint8Array(blocks * BLOCK);
  padded.set(plaintext);
  const c = cbc(key, ZERO_IV, { disablePadding: true }).encrypt(padded);
  const lastLength = n - (blocks - 1) * BLOCK;
  const out = new Uint8Array(n);
  const beforeLastTwo = (blocks - 2) * BLOCK;
  out.set(c.subarray(0, beforeLastTwo));
  out.set(c.subarray((blocks - 1) * BLOCK), beforeLastTwo);
  out.set(c.subarray(beforeLastTwo, beforeLastTwo + lastLength), beforeLastTwo + BLOCK);
  return out;
}

export function aesCtsDecrypt(key: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  checkKey(key);
  const n = ciphertext.length;
  if (n < BLOCK) throw new RangeError(`CTS needs at least one block, got ${n} bytes`);
  if (n === BLOCK) return ecb(key, { disablePadding: true }).decrypt(ciphertext);
  const blocks = Math.ceil(n / BLOCK);
  const lastLength = n - (blocks - 1) * BLOCK;
  const beforeLastTwo = (blocks - 2) * BLOCK;
  // On the wire: C1 … C(k-2), then Ck whole, then the first bytes of C(k-1).
  const lastFull = ciphertext.subarray(beforeLastTwo, beforeLastTwo + BLOCK);
  const stolenHead = ciphertext.subarray(beforeLastTwo + BLOCK);
  // Decrypting Ck gives (Pk ‖ zero padding) XOR C(k-1): its tail is the stolen tail of C(k-1).
  const z = ecb(key, { disablePadding: true }).decrypt(lastFull);
  const full = new Uint8Array(blocks * BLOCK);
  full.set(ciphertext.subarray(0, beforeLastTwo));
  full.set(stolenHead, beforeLastTwo);
  full.set(z.subarray(lastLength), beforeLastTwo + lastLength);
  full.set(lastFull, beforeLastTwo + BLOCK);
  return cbc(key, ZERO_IV, { disablePadding: true }).decrypt(full).subarray(0, n);
}
