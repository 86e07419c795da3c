// Small byte helpers shared by the crypto code. All multi-byte integers in NTLM are
// little-endian [MS-NLMP §2.2].

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** UTF-16LE without BOM: MS-NLMP's UNICODE(s) [§3.1.1]. */
export function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >>> 8;
  }
  return out;
}

export function u32le(n: number): Uint8Array {
  const out = new Uint8Array(4);
  out[0] = n & 0xff;
  out[1] = (n >>> 8) & 0xff;
  out[2] = (n >>> 16) & 0xff;
  out[3] = (n >>> 24) & 0xff;
  return out;
}

export function u64le(n: bigint): Uint8Array {
  if (n < 0n || n >= 1n << 64n) throw new RangeError('u64le: value out of range');
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}

/** Comparison over the whole length (no early exit), so a verifier leaks no position. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function requireLength(name: string, data: Uint8Array, length: number): void {
  if (data.length !== length) {
    throw new RangeError(`${name} must be ${length} bytes, got ${data.length}`);
  }
}
