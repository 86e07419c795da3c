/**
 * CMAC (RFC 4493 §2.3, NIST SP 800-38B) over any 128-bit block cipher: AES in RFC 4493's own
 * vectors, Camellia in RFC 6803 (Kerberos camellia-cts-cmac's checksum, integrity and KDF).
 */
const BLOCK = 16;

/** RFC 4493 §2.3's doubling in GF(2^128): shift left one bit, XOR Rb = 0x87 on carry. */
function double(x: Uint8Array): Uint8Array {
  const out = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++)
    out[i] = ((x[i] << 1) | (i + 1 < BLOCK ? x[i + 1] >>> 7 : 0)) & 0xff;
  if (x[0] & 0x80) out[BLOCK - 1] ^= 0x87;
  return out;
}

export function cmac(
  encryptBlock: (block: Uint8Array) => Uint8Array,
  message: Uint8Array,
): Uint8Array {
  const k1 = double(encryptBlock(new Uint8Array(BLOCK)));
  const k2 = double(k1);
  const n = Math.max(1, Math.ceil(message.length / BLOCK));
  const complete = message.length > 0 && message.length % BLOCK === 0;
  const last = new Uint8Array(BLOCK);
  const tail = message.subarray((n - 1) * BLOCK);
  last.set(tail);
  if (!complete) last[tail.length] = 0x80;
  const sub = complete ? k1 : k2;
  for (let i = 0; i < BLOCK; i++) last[i] ^= sub[i];
  let x: Uint8Array = new Uint8Array(BLOCK);
  for (let b = 0; b < n; b++) {
    const m = b === n - 1 ? last : message.subarray(b * BLOCK, (b + 1) * BLOCK);
    const y = new Uint8Array(BLOCK);
    for (let i = 0; i < BLOCK; i++) y[i] = x[i] ^ m[i];
    x = encryptBlock(y);
  }
  return x;
}
