import type { DecodeContext } from '../context';
import {
  bytes,
  fieldsOf,
  labelled,
  leaf,
  struct,
  u32,
  type Codec,
  type Descriptor,
  type ExtraItem,
  type PayloadField,
  type StructReading,
} from '../binary';
import { addChild, type Node } from '../tree';
import {
  NEGOEX_ALERT_REASONS,
  NEGOEX_ALERT_TYPES,
  NEGOEX_AUTH_SCHEMES,
  NEGOEX_EXTENSION_CRITICAL,
} from '../../data/negoex';
import { guidToBytes, guidToString } from './guid';
import { readU16LE, readU32LE } from '../../bytes';

/**
 * NEGOEX's building blocks on the binary DSL: GUIDs, the vectors [MS-NEGOEX §2.2.5.2] —
 * BYTE_VECTOR (ULONG offset, ULONG length) and the USHORT-count vectors (ULONG offset, USHORT
 * count, 2 bytes of C struct padding) — as payload descriptors, the arrays they point at, and
 * ALERT_PULSE. Vector offsets count from the first byte of the NEGOEX message.
 */

const VECTOR_SPEC = 'MS-NEGOEX §2.2.5.2';

/** A GUID [MS-DTYP §2.3.4.2], shown as its string; an AuthScheme is named from the known schemes. */
function guidCodec(label?: (guid: string) => string): Codec<string> {
  return {
    type: 'GUID',
    size: 16,
    read(ctx, node) {
      const guid = guidToString(ctx.bytes, node.offset);
      node.value = guid;
      if (label) node.label = label(guid);
      return guid;
    },
    write: (w, v) => w.raw(guidToBytes(v)),
  };
}

export const guid = guidCodec();
export const authScheme = guidCodec((g) => NEGOEX_AUTH_SCHEMES[g] ?? 'unknown auth scheme');

/** BYTE_VECTOR: its node is the field's, its item `<name>Bytes`. */
export const byteVector: Descriptor = {
  size: 8,
  read(ctx, parent, at, name, spec) {
    const b = ctx.bytes;
    const offset = readU32LE(b, at);
    const len = readU32LE(b, at + 4);
    const node = addChild(parent, {
      name,
      offset: at,
      length: 8,
      type: 'BYTE_VECTOR',
      spec: VECTOR_SPEC,
      label: len === 0 ? 'empty' : `${len} bytes at offset ${offset}`,
    });
    leaf(b, node, 'ByteArrayOffset', at, 4, { type: 'uint32le', value: offset });
    leaf(b, node, 'ByteArrayLength', at + 4, 4, { type: 'uint32le', value: len });
    return {
      name: `${name}Bytes`,
      node,
      len,
      maxLen: len,
      offset,
      spec,
      lenAt: at + 4,
      offsetAt: at,
    };
  },
  write(w, at, length, offset) {
    w.patchU32(at, offset);
    w.patchU32(at + 4, length);
  },
};

export type CountVectorKind = 'AuthScheme' | 'Extension' | 'Alert';

const ELEMENT_SIZE: Record<CountVectorKind, number> = { AuthScheme: 16, Extension: 12, Alert: 12 };
const VECTOR_TYPE: Record<CountVectorKind, string> = {
  AuthScheme: 'AUTH_SCHEME_VECTOR',
  Extension: 'EXTENSION_VECTOR',
  Alert: 'ALERT_VECTOR',
};

/**
 * A counted vector: 8 bytes in the Microsoft layout, 6 when `packed` (MIT and Heimdal write
 * NEGO_MESSAGE's two vectors back to back: MIT krb5 src/lib/gssapi/spnego/negoex_util.c,
 * negoex_add_nego_message()). Its item is `<kind>Array`, count × element size bytes.
 */
export function countVector(kind: CountVectorKind, packed = false): Descriptor {
  const size = ELEMENT_SIZE[kind];
  return {
    size: packed ? 6 : 8,
    read(ctx, parent, at, name, spec) {
      const b = ctx.bytes;
      const offset = readU32LE(b, at);
      const count = readU16LE(b, at + 4);
      const node = addChild(parent, {
        name,
        offset: at,
        length: packed ? 6 : 8,
        type: VECTOR_TYPE[kind],
        spec: VECTOR_SPEC,
        label: count === 0 ? 'empty' : `${count} × ${size} bytes at offset ${offset}`,
      });
      leaf(b, node, `${kind}ArrayOffset`, at, 4, { type: 'uint32le', value: offset });
      leaf(b, node, `${kind}Count`, at + 4, 2, { type: 'uint16le', value: count });
      if (!packed) leaf(b, node, 'Padding', at + 6, 2, { type: 'bytes' });
      const len = count * size;
      return {
        name: `${kind}Array`,
        node,
        len,
        maxLen: len,
        offset,
        spec,
        lenAt: at + 4,
        offsetAt: at,
      };
    },
    write(w, at, length, offset) {
      w.patchU32(at, offset);
      w.patchU16(at + 4, length / size);
    },
  };
}

/** The AUTH_SCHEME array: GUIDs, most preferred first. */
export const authSchemeArray: Codec<string[]> = {
  type: 'AUTH_SCHEME array',
  read(ctx, node) {
    const out: string[] = [];
    const end = node.offset + node.length;
    for (let at = node.offset; at + 16 <= end; at += 16) {
      const child = addChild(node, { name: 'AuthScheme', offset: at, length: 16, type: 'GUID' });
      out.push(authScheme.read(ctx, child));
    }
    return out;
  },
  write: (w, v) => v.forEach((g) => authScheme.write(w, g)),
};

/** An EXTENSION [§2.2.5.1.4] or ALERT [§2.2.5.1.1]: a ULONG type and a BYTE_VECTOR value. */
export interface NegoexTypedValue {
  type: number;
  value: Uint8Array;
}

export type TypedValueKind = 'Extension' | 'Alert';

const typeLabel = (kind: TypedValueKind, type: number) =>
  kind === 'Extension'
    ? type & NEGOEX_EXTENSION_CRITICAL
      ? 'critical'
      : 'not critical'
    : (NEGOEX_ALERT_TYPES[type] ?? 'unknown alert type');

/** The BYTE_VECTORs inside an EXTENSION or ALERT array, read before the payload is placed. */
interface ValueItems {
  items: PayloadField[];
  types: number[];
}

function valueItemsOf<T>(r: StructReading<T>, kind: TypedValueKind): ValueItems {
  return r.memo(`${kind}Values`, () => ({ items: [], types: [] }));
}

/**
 * The values of an EXTENSION or ALERT array as payload items of the message, so that their bytes
 * take their place among the others. Their errors land on the message until the array's own
 * nodes exist. `headerEnd` is where the message's payload starts.
 */
export function typedValueItems<T>(
  r: StructReading<T>,
  array: PayloadField | undefined,
  kind: TypedValueKind,
  headerEnd: number,
  spec: string,
  codec: (type: number) => Codec<unknown>,
): ExtraItem[] {
  const found = valueItemsOf(r, kind);
  if (!array) return [];
  const b = r.ctx.bytes;
  const out: ExtraItem[] = [];
  for (let i = 0; i < array.len / 12; i++) {
    const at = r.start + array.offset + 12 * i;
    if (at < headerEnd || at + 12 > r.end) break;
    const len = readU32LE(b, at + 8);
    const offset = readU32LE(b, at + 4);
    const type = readU32LE(b, at);
    const field: PayloadField = {
      name: `${kind}ValueBytes`,
      node: r.node,
      len,
      maxLen: len,
      offset,
      spec,
      lenAt: at + 8,
      offsetAt: at + 4,
    };
    found.items.push(field);
    found.types.push(type);
    out.push({ field, codec: codec(type) });
  }
  return out;
}

/**
 * An EXTENSION or ALERT array: 12-byte elements, each value written after the array, back to
 * back (the vectors point there, from the message's first byte). Reading gives the values' bytes
 * where their vectors point inside the message.
 */
export function typedValueArray<T>(
  kind: TypedValueKind,
  r: StructReading<T> | undefined,
): Codec<NegoexTypedValue[]> {
  const KIND = kind.toUpperCase();
  return {
    type: `${KIND} array`,
    read(ctx, node) {
      const b = ctx.bytes;
      const end = node.offset + node.length;
      const values = r ? valueItemsOf(r, kind).items : [];
      const out: NegoexTypedValue[] = [];
      for (let i = 0, at = node.offset; at + 12 <= end; i++, at += 12) {
        const element = addChild(node, { name: KIND, offset: at, length: 12, type: KIND });
        const type = readU32LE(b, at);
        leaf(b, element, `${kind}Type`, at, 4, {
          type: 'uint32le',
          value: type,
          label: typeLabel(kind, type),
        });
        const vector = byteVector.read(ctx, element, at + 4, `${kind}Value`, r?.node.spec ?? '');
        if (values[i]) values[i].node = vector.node;
        const from = (r?.start ?? 0) + vector.offset;
        out.push({ type, value: b.slice(from, Math.min(from + vector.len, r?.end ?? from)) });
      }
      return out;
    },
    write(w, items) {
      const at = w.length;
      w.zeros(12 * items.length);
      items.forEach((item, i) => {
        w.patchU32(at + 12 * i, item.type);
        byteVector.write(w, at + 12 * i + 4, item.value.length, w.length - w.origin);
        w.raw(item.value);
      });
    },
  };
}

/** ALERT_PULSE [MS-NEGOEX §2.2.5.1.2]: cbHeaderLength 8, Reason (1 = ALERT_VERIFY_NO_KEY). */
export interface AlertPulse {
  reason: number;
}

const p = fieldsOf<AlertPulse>();

export const ALERT_PULSE = struct<AlertPulse>({
  typeName: 'ALERT_PULSE',
  fields: [
    p.fixed('cbHeaderLength', u32, 8),
    p.value(
      'reason',
      'Reason',
      labelled(u32, (r) => NEGOEX_ALERT_REASONS[r] ?? `reason ${r}`),
    ),
  ],
});

/** An ALERT's value: an ALERT_PULSE when its type is ALERT_TYPE_PULSE (1) and it has the bytes, else hex. */
export function alertValue(type: number): Codec<unknown> {
  return {
    ...bytes(),
    read(ctx: DecodeContext, node: Node) {
      const v = bytes().read(ctx, node);
      node.type = 'bytes';
      if (type !== 1 || node.length < 8) return v;
      node.type = 'ALERT_PULSE';
      // The pulse is 8 bytes; the item keeps the length its vector gave it.
      const pulse: Node = { name: node.name, offset: node.offset, length: 8 };
      const { reason } = ALERT_PULSE.read(ctx, pulse);
      node.label = NEGOEX_ALERT_REASONS[reason] ?? `reason ${reason}`;
      for (const c of pulse.children ?? []) addChild(node, c);
      return v;
    },
  };
}
