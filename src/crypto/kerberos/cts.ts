/**
 * CBC with ciphertext stealing over any 128-bit block cipher, as RFC 3962 §5 defines it for
 * Kerberos and RFC 6803 §4 reuses for Camellia: zero IV, the last block zero-padded, the last
 * two ciphertext blocks swapped with the final one truncated; one block is the plain cipher.
 * (AES keeps its own implementation on @noble/ciphers' CBC in aes-cts.ts.)
 */
export interface BlockCipher {
  encryptBlock(block: Uint8Array): Uint8Array;
  decryptBlock(block: Uint8Array): Uint8Array;
}

const BLOCK = 16;

function cbcEncrypt(cipher: BlockCipher, padded: Uint8Array): Uint8Array {
  const out = new Uint8Array(padded.length);
  let prev: Uint8Array = new Uint8Array(BLOCK);
  for (let o = 0; o < padded.length; o += BLOCK) {
    const x = new Uint8Array(BLOCK);
    for (let i = 0; i < BLOCK; i++) x[i] = padded[o + i] ^ prev[i];
    prev = cipher.encryptBlock(x);
    out.set(prev, o);
  }
  return out;
}

function cbcDecrypt(cipher: BlockCipher, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  let prev: Uint8Array = new Uint8Array(BLOCK);
  for (let o = 0; o < data.length; o += BLOCK) {
    const c = data.subarray(o, o + BLOCK);
    const x = cipher.decryptBlock(c);
    for (let i = 0; i < BLOCK; i++) out[o + i] = x[i] ^ prev[i];
    prev = c;
  }
  return out;
}

export function ctsEncrypt(cipher: BlockCipher, plaintext: Uint8Array): Uint8Array {
  const n = plaintext.length;
  if (n < BLOCK) throw new RangeError(`CTS needs at least one block, got ${n} bytes`);
  if (n === BLOCK) return cipher.encryptBlock(plaintext);
  const blocks = Math.ceil(n / BLOCK);
  const padded = new Uint8Array(blocks * BLOCK);
  padded.set(plaintext);
  const c = cbcEncrypt(cipher, padded);
  const lastLength = n - (blocks - 1) * BLOCK;
  const beforeLastTwo = (blocks - 2) * BLOCK;
  const out = new Uint8Array(n);
  out.set(c.subarray(0, beforeLastTwo));
  out.set(c.subarray((blocks - 1) * BLOCK), beforeLastTwo);
  out.set(c.subarray(beforeLastTwo, beforeLastTwo + lastLength), beforeLastTwo + BLOCK);
  return out;
}

export function ctsDecrypt(cipher: BlockCipher, ciphertext: Uint8Array): Uint8Array {
  const n = ciphertext.length;
  if (n < BLOCK) throw new RangeError(`CTS needs at least one block, got ${n} bytes`);
  if (n === BLOCK) return cipher.decryptBlock(ciphertext);
  const blocks = Math.ceil(n / BLOCK);
  const lastLength = n - (blocks - 1) * BLOCK;
  const beforeLastTwo = (blocks - 2) * BLOCK;
  const lastFull = ciphertext.subarray(beforeLastTwo, beforeLastTwo + BLOCK);
  const stolenHead = ciphertext.subarray(beforeLastTwo + BLOCK);
  const z = cipher.decryptBlock(lastFull);
  const full = new Uint8Array(blocks * BLOCK);
  full.set(ciphertext.subarray(0, beforeLastTwo));
  full.set(stolenHead, beforeLastTwo);
  full.set(z.subarray(lastLength), beforeLastTwo + lastLength);
  full.set(lastFull, beforeLastTwo + BLOCK);
  return cbcDecrypt(cipher, full).subarray(0, n);
}
