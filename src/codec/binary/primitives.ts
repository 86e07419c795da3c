import type { DecodeContext } from '../context';
import type { Node } from '../tree';
import {
  readU16BE,
  readU16LE,
  readU32BE,
  readU32LE,
  readU64LE,
  requireLength,
  toHex,
} from '../../bytes';
import { filetimeToIso } from './leaf';
import type { Codec } from './schema';

/**
 * The primitives of the binary DSL (see `schema.ts`): little-endian, and the big-endian `…be`
 * ones for the RFC 4121 token headers and the MIT checksum extensions.
 */

const slice = (ctx: DecodeContext, node: Node) =>
  ctx.bytes.slice(node.offset, node.offset + node.length);

export const u8: Codec<number> = {
  type: 'uint8',
  size: 1,
  read(ctx, node) {
    const v = ctx.bytes[node.offset];
    node.value = v;
    return v;
  },
  write: (w, v) => w.u8(v),
};

export const u16: Codec<number> = {
  type: 'uint16le',
  size: 2,
  read(ctx, node) {
    const v = readU16LE(ctx.bytes, node.offset);
    node.value = v;
    return v;
  },
  write: (w, v) => w.u16(v),
};

export const u32: Codec<number> = {
  type: 'uint32le',
  size: 4,
  read(ctx, node) {
    const v = readU32LE(ctx.bytes, node.offset);
    node.value = v;
    return v;
  },
  write: (w, v) => w.u32(v),
};

/** A 64-bit value shown as a number when exact, else as a decimal string. */
function u64Value(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

export const u64: Codec<bigint> = {
  type: 'uint64le',
  size: 8,
  read(ctx, node) {
    const v = readU64LE(ctx.bytes, node.offset);
    node.value = u64Value(v);
    return v;
  },
  write: (w, v) => w.u64(v),
};

export const u16be: Codec<number> = {
  type: 'uint16be',
  size: 2,
  read(ctx, node) {
    const v = readU16BE(ctx.bytes, node.offset);
    node.value = v;
    return v;
  },
  write: (w, v) => w.u16be(v),
};

export const u32be: Codec<number> = {
  type: 'uint32be',
  size: 4,
  read(ctx, node) {
    const v = readU32BE(ctx.bytes, node.offset);
    node.value = v;
    return v;
  },
  write: (w, v) => w.u32be(v),
};

export const u64be: Codec<bigint> = {
  type: 'uint64be',
  size: 8,
  read(ctx, node) {
    const b = ctx.bytes;
    const v = (BigInt(readU32BE(b, node.offset)) << 32n) | BigInt(readU32BE(b, node.offset + 4));
    node.value = u64Value(v);
    return v;
  },
  write: (w, v) => w.u64be(v),
};

/** Bytes shown as lowercase hex: `n` of them, or all the node covers. */
export function bytes(n?: number, type = 'bytes'): Codec<Uint8Array> {
  return {
    type,
    size: n,
    read(ctx, node) {
      node.value = toHex(ctx.bytes, node.offset, node.offset + node.length);
      return slice(ctx, node);
    },
    write(w, v) {
      if (n !== undefined) requireLength(type, v, n);
      w.raw(v);
    },
  };
}

/** FILETIME: 100 ns ticks since 1601-01-01 UTC, shown as ISO-8601 [MS-DTYP §2.3.3]. */
export const filetime: Codec<bigint> = {
  type: 'FILETIME',
  size: 8,
  read(ctx, node) {
    const v = readU64LE(ctx.bytes, node.offset);
    const iso = filetimeToIso(v);
    node.value = iso;
    node.label = iso ?? 'out of range';
    return v;
  },
  write: (w, v) => w.u64(v),
};

/** A codec whose node also gets a label computed from the value. */
export function labelled<T>(codec: Codec<T>, label: (value: T) => string): Codec<T> {
  return {
    ...codec,
    read(ctx, node) {
      const v = codec.read(ctx, node);
      node.label = label(v);
      return v;
    },
  };
}
