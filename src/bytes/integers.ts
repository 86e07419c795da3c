/**
 * Fixed-size integers in byte arrays: `read…` takes them out, `write…` puts them in place,
 * `encode…` returns fresh bytes. NTLM, NEGOEX and the GSS checksum are little-endian
 * (MS-NLMP §2.2, MS-NEGOEX §2.2, RFC 4121 §4.1.1); RFC 4121 token headers are big-endian.
 */

export function readU16LE(bytes: Uint8Array, offset: number): number {
  return bytes[offset] | (bytes[offset + 1] << 8);
}

export function readU32LE(bytes: Uint8Array, offset: number): number {
  return (
    (bytes[offset] |
      (bytes[offset + 1] << 8) |
      (bytes[offset + 2] << 16) |
      (bytes[offset + 3] << 24)) >>>
    0
  );
}

export function readU64LE(bytes: Uint8Array, offset: number): bigint {
  return BigInt(readU32LE(bytes, offset)) | (BigInt(readU32LE(bytes, offset + 4)) << 32n);
}

export function readU16BE(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] << 8) | bytes[offset + 1];
}

export function readU32BE(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] << 24) |
      (bytes[offset + 1] << 16) |
      (bytes[offset + 2] << 8) |
      bytes[offset + 3]) >>>
    0
  );
}

export function writeU16LE(out: Uint8Array, at: number, n: number): void {
  out[at] = n & 0xff;
  out[at + 1] = (n >>> 8) & 0xff;
}

export function writeU32LE(out: Uint8Array, at: number, n: number): void {
  out[at] = n & 0xff;
  out[at + 1] = (n >>> 8) & 0xff;
  out[at + 2] = (n >>> 16) & 0xff;
  out[at + 3] = (n >>> 24) & 0xff;
}

export function writeU64LE(out: Uint8Array, at: number, n: bigint): void {
  if (n < 0n || n >= 1n << 64n) throw new RangeError('value does not fit in 64 bits');
  for (let i = 0; i < 8; i++) out[at + i] = Number((n >> BigInt(8 * i)) & 0xffn);
}

export function writeU32BE(out: Uint8Array, at: number, n: number): void {
  out[at] = (n >>> 24) & 0xff;
  out[at + 1] = (n >>> 16) & 0xff;
  out[at + 2] = (n >>> 8) & 0xff;
  out[at + 3] = n & 0xff;
}

export function encodeU32LE(n: number): Uint8Array {
  const out = new Uint8Array(4);
  writeU32LE(out, 0, n);
  return out;
}

export function encodeU64LE(n: bigint): Uint8Array {
  const out = new Uint8Array(8);
  writeU64LE(out, 0, n);
  return out;
}
