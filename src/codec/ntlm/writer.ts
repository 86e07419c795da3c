/**
 * Little-endian writers and the payload layout shared by the NTLM message builders
 * [MS-NLMP §2.2.1]: fixed part with 8-byte Fields descriptors, then the payload items back to
 * back in a chosen order.
 */

export function putU16(out: Uint8Array, at: number, n: number): void {
  out[at] = n & 0xff;
  out[at + 1] = (n >>> 8) & 0xff;
}

export function putU32(out: Uint8Array, at: number, n: number): void {
  out[at] = n & 0xff;
  out[at + 1] = (n >>> 8) & 0xff;
  out[at + 2] = (n >>> 16) & 0xff;
  out[at + 3] = (n >>> 24) & 0xff;
}

export function u32Bytes(n: number): Uint8Array {
  const out = new Uint8Array(4);
  putU32(out, 0, n);
  return out;
}

export function u64Bytes(n: bigint): Uint8Array {
  if (n < 0n || n >= 1n << 64n) throw new RangeError('value does not fit in 64 bits');
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}

export function requireLength(what: string, bytes: Uint8Array, length: number): void {
  if (bytes.length !== length)
    throw new RangeError(`${what} must be ${length} bytes, not ${bytes.length}`);
}

/**
 * Where empty items point: `cursor` = where the item would have been, which MS-NLMP asks for and
 * Windows, Samba and gss-ntlmssp do in AUTHENTICATE; `zero` = offset 0, which Windows and
 * gss-ntlmssp write for absent NEGOTIATE fields and MS-NLMP §4.2's CHALLENGE for TargetInfo.
 */
export type EmptyOffset = 'cursor' | 'zero';

export interface PayloadLayout<K extends string> {
  /** Payload order; fields left out follow in their fixed-part order. */
  order?: readonly K[];
  emptyOffset?: EmptyOffset;
  /** BufferOffset of particular empty fields, for stacks that follow neither rule. */
  emptyOffsets?: Partial<Record<K, number>>;
}

export interface LayoutItem<K extends string> {
  name: K;
  /** Offset of the item's Fields descriptor in the fixed part. */
  descriptorAt: number;
  data: Uint8Array;
}

/** Fills the descriptors of `fixed` and returns fixed part ‖ payload. */
export function layoutMessage<K extends string>(
  fixed: Uint8Array,
  items: LayoutItem<K>[],
  layout: PayloadLayout<K>,
  defaults: { order: readonly K[]; emptyOffset: EmptyOffset },
): Uint8Array {
  const order = new Set<K>(layout.order ?? defaults.order);
  for (const item of items) order.add(item.name);
  const emptyOffset = layout.emptyOffset ?? defaults.emptyOffset;
  const total = fixed.length + items.reduce((n, i) => n + i.data.length, 0);
  const out = new Uint8Array(total);
  out.set(fixed);
  let cursor = fixed.length;
  for (const name of order) {
    const item = items.find((i) => i.name === name);
    if (!item) continue;
    const len = item.data.length;
    if (len > 0xffff)
      throw new RangeError(`${name} is ${len} bytes; a Fields Len holds at most 65535`);
    putU16(out, item.descriptorAt, len);
    putU16(out, item.descriptorAt + 2, len);
    const empty = layout.emptyOffsets?.[name] ?? (emptyOffset === 'zero' ? 0 : cursor);
    putU32(out, item.descriptorAt + 4, len === 0 ? empty : cursor);
    out.set(item.data, cursor);
    cursor += len;
  }
  return out;
}
