/**
 * Little-endian writers and the payload layout shared by the NTLM message builders
 * [MS-NLMP §2.2.1]: fixed part with 8-byte Fields descriptors, then the payload items back to
 * back in a chosen order.
 */

import { writeU16LE, writeU32LE } from '../../bytes';

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
    writeU16LE(out, item.descriptorAt, len);
    writeU16LE(out, item.descriptorAt + 2, len);
    const empty = layout.emptyOffsets?.[name] ?? (emptyOffset === 'zero' ? 0 : cursor);
    writeU32LE(out, item.descriptorAt + 4, len === 0 ? empty : cursor);
    out.set(item.data, cursor);
    cursor += len;
  }
  return out;
}
