import { asDecodeError, createContext, within, type DecodeContext } from '../context';
import { addChild, type Issue, type Node } from '../tree';
import { need } from './leaf';
import { decodePayload, readPayloadField, type PayloadField } from './payload';
import { Writer } from './writer';

/**
 * The little-endian counterpart of `asn1/schema.ts`: one description per binary structure
 * (NTLM messages, AV pairs, the NTLMv2 blob, signatures; NEGOEX and the RFC 4121 GSS checksum
 * next), read in both directions.
 *
 * - A `Codec<T>` is one wire type: `read` fills a positioned node (value, label, children) from
 *   the bytes the node covers and returns the typed value; `write` appends the value's bytes.
 *   Primitives (`u8`, `u16`, `u32`, `bytes(n)`, `filetime`, …) are in `primitives.ts`.
 * - `struct<T>({ typeName, fields })` is a codec built from a field list, in wire order. Each
 *   field is made with `fieldsOf<T>()`:
 *     f.value(key, name, codec, options)    a field of the typed value
 *     f.fixed(name, codec, value)           wire-only (a signature, a constant, reserved bytes)
 *     f.pointer(key, name, codec, options)  a Len/MaxLen/BufferOffset descriptor (MS-NLMP
 *                                           §2.2.1.1) whose item lies in the payload after the
 *                                           fixed fields, decoded there in offset order
 *     f.length(name, codec, of)             wire-only: the byte length of the later field `of`
 *                                           (RFC 4121 §4.1.1's Lgth and Dlgth); that field says
 *                                           `sizeFrom: name`, and the encoder computes it
 *     f.group(name, type, fields, options)  fields of the same value shown under one node
 *                                           (MS-NEGOEX's CHECKSUM inside VERIFY_MESSAGE)
 *   A pointer's descriptor is MS-NLMP's by default; `descriptor` gives another layout (MS-NEGOEX's
 *   vectors, §2.2.5.2: offset then count or length), and `extraItems` adds payload items that
 *   descriptors inside other items point at (a vector of vectors), placed with the others.
 *   `codec` may be a function of what was read before it (the charset from the flags). Options:
 *   `when` reads the field only if it holds (old senders omit Version; the first payload offset
 *   decides), `absent` warns when it does not, `check` warns about the value read, `need` checks
 *   several fields' bytes at once with one message, `spec` and `label` describe the node,
 *   `inline` puts the nodes its codec makes beside the other fields instead of under its own
 *   (a Wrap token's data, split into plaintext and checksum). On write, a field with `when` is
 *   written only when the value has it (or `writeDefault` is set).
 * - Decoding goes through the shared `DecodeContext`: bad input never throws past
 *   `readTyped`/`decodeX`, errors carry the byte offset, and what was decoded before an error
 *   stays in the tree. `readTyped(codec, bytes)` gives the typed value alone, or the first error
 *   with its offset, for code that computes with a structure (the simulator) instead of showing it.
 * - Encoding: `encode(codec, value)` → bytes. Payload items are laid out in the value's
 *   `layout.order` (or the structure's default), empty items pointing at the cursor or at 0 as
 *   the sender does; decoding records that layout, so decode → encode gives the same bytes.
 */

/** One wire type in both directions. */
export interface Codec<T> {
  /** The node's `type` (`uint32le`, `FILETIME`, `VERSION`). */
  readonly type?: string;
  /** Fixed byte count; without it the codec reads what its node covers and may shorten the node. */
  readonly size?: number;
  /** Decodes deeper structure: errors are recorded on its own node (see `within`). */
  readonly nested?: boolean;
  /** Fills `node` from the bytes [node.offset, node.offset + node.length) and returns the value. */
  read(ctx: DecodeContext, node: Node): T;
  write(w: Writer, value: T): void;
}

/** What a field's options see while a structure is being read. */
export interface StructReading<T> {
  readonly ctx: DecodeContext;
  readonly node: Node;
  /** Absolute offsets of the structure's first byte and of the byte after it. */
  readonly start: number;
  readonly end: number;
  /** Absolute offset of the next field. */
  readonly pos: number;
  /** The fields read so far. */
  readonly value: Partial<T>;
  /** Smallest offset (from `start`) of a non-empty payload item described so far; the length when none. */
  readonly first: number;
  /** The same, undefined while no non-empty item is described. */
  readonly firstPointer: number | undefined;
  /** The descriptor read for a payload field. */
  pointer(key: keyof T): PayloadField | undefined;
  /** The node of a field read so far. */
  child(name: string): Node | undefined;
  /** A value computed once per reading (a charset whose warning must be given once). */
  memo<V>(key: string, compute: () => V): V;
}

export type CodecOf<T, V> =
  Codec<V> | ((value: Partial<T>, reading: StructReading<T> | undefined) => Codec<V>);

export interface FieldOptions<T> {
  spec?: string;
  /** The node's label, unless its codec gives one. */
  label?: string;
  /** Read only when this holds; written only when the value has the field. */
  when?: (r: StructReading<T>) => boolean;
  /** Called when `when` said no. */
  absent?: (r: StructReading<T>) => void;
  /** Checks the bytes of several fields at once: [count, what they are called]. */
  need?: [number, string];
  /** Called with the field's node once read. */
  check?: (r: StructReading<T>, node: Node) => void;
  /** A pointer's descriptor layout, when it is not MS-NLMP's Fields (may depend on the reading). */
  descriptor?: Descriptor | ((r: StructReading<T> | undefined) => Descriptor);
  /** Where this empty payload item points, when it differs from the structure's rule. */
  emptyOffset?: EmptyOffset;
  /** The field's byte count is the value of this earlier field (an `f.length`, or a value such as Lgth). */
  sizeFrom?: string;
  /** The codec's nodes become children of the structure itself; the field has no node of its own. */
  inline?: boolean;
  /**
   * Written when the value lacks this conditional field, which the encoder then always writes
   * (for a pointer: any value, meaning an empty item).
   */
  writeDefault?: unknown;
}

export interface Field<T> extends FieldOptions<T> {
  /** For `group`: the group node's label, from the value once its fields are read. */
  labelOf?: (value: Partial<T>) => string | undefined;
  kind: 'value' | 'fixed' | 'pointer' | 'length' | 'group';
  name: string;
  /** For `group`: its fields. */
  fields?: Field<T>[];
  /** For `length`: the field whose byte count this is. */
  key?: keyof T;
  codec: CodecOf<T, unknown>;
  fixed?: unknown;
}

/** Field builders bound to the typed value `T`, so each field's codec is checked against its key. */
export function fieldsOf<T>() {
  return {
    value<K extends keyof T & string>(
      key: K,
      name: string,
      codec: CodecOf<T, Exclude<T[K], undefined>>,
      options: FieldOptions<T> = {},
    ): Field<T> {
      return { kind: 'value', key, name, codec: codec as CodecOf<T, unknown>, ...options };
    },
    fixed<V>(
      name: string,
      codec: CodecOf<T, V>,
      value: V,
      options: FieldOptions<T> = {},
    ): Field<T> {
      return {
        kind: 'fixed',
        name,
        codec: codec as CodecOf<T, unknown>,
        fixed: value,
        ...options,
      };
    },
    pointer<K extends keyof T & string>(
      key: K,
      name: string,
      codec: CodecOf<T, Exclude<T[K], undefined>>,
      options: FieldOptions<T> = {},
    ): Field<T> {
      return { kind: 'pointer', key, name, codec: codec as CodecOf<T, unknown>, ...options };
    },
    group(
      name: string,
      type: string,
      fields: Field<T>[],
      options: FieldOptions<T> & { labelOf?: (value: Partial<T>) => string | undefined } = {},
    ): Field<T> {
      const { labelOf, ...rest } = options;
      const codec: Codec<unknown> = { type, read: () => undefined, write: () => undefined };
      return { kind: 'group', name, codec, fields, ...rest, labelOf } as Field<T>;
    },
    length<K extends keyof T & string>(
      name: string,
      codec: Codec<number>,
      of: K,
      options: FieldOptions<T> = {},
    ): Field<T> {
      return { kind: 'length', key: of, name, codec: codec as Codec<unknown>, ...options };
    },
  };
}

/**
 * A payload descriptor's layout: `read` makes its node under `parent` (the caller has checked the
 * `size` bytes are there) and says where its item is; `write` fills the `size` bytes reserved at
 * `at` once the item is laid out (`length` bytes at `offset`).
 */
export interface Descriptor {
  size: number;
  read(ctx: DecodeContext, parent: Node, at: number, name: string, spec: string): PayloadField;
  write(w: Writer, at: number, length: number, offset: number): void;
}

/** MS-NLMP's Len/MaxLen/BufferOffset (§2.2.1.1): the pointers' default. */
export const nlmpFields: Descriptor = {
  size: 8,
  read: readPayloadField,
  write(w, at, length, offset) {
    if (length > 0xffff)
      throw new RangeError(`an item is ${length} bytes; a Fields Len holds at most 65535`);
    w.patchU16(at, length);
    w.patchU16(at + 2, length);
    w.patchU32(at + 4, offset);
  },
};

/** A payload item described inside another item, with the codec that reads it. */
export interface ExtraItem {
  field: PayloadField;
  codec: Codec<unknown>;
}

/**
 * Where empty payload items point: `cursor` = where the item would have been (MS-NLMP's SHOULD,
 * and what Windows, Samba and gss-ntlmssp write in AUTHENTICATE); `zero` = offset 0.
 */
export type EmptyOffset = 'cursor' | 'zero';

/** How a sender laid out a payload; item names are the spec's (`DomainName`). */
export interface PayloadLayout<K extends string = string> {
  /** Payload order; items left out follow in their fixed-part order. */
  order?: readonly K[];
  emptyOffset?: EmptyOffset;
  /** BufferOffset of particular empty items, for senders that follow neither rule. */
  emptyOffsets?: Partial<Record<K, number>>;
}

export interface StructDef<T> {
  /** The node's `type` when the structure is a field of another. */
  typeName: string;
  spec?: string;
  fields: Field<T>[];
  /**
   * Structures with payload descriptors: the default layout, and whether empty items are shown as
   * nodes (default yes).
   */
  payload?: { order: readonly string[]; emptyOffset: EmptyOffset; emptyItems?: boolean };
  /** Payload items that descriptors inside payload items point at, read before placement. */
  extraItems?: (r: StructReading<T>) => ExtraItem[];
  /** After the fixed fields, before the payload (warnings that need all descriptors). */
  afterFixed?: (r: StructReading<T>) => void;
  /** After everything: cross-field checks, the structure's label. */
  after?: (r: StructReading<T>) => void;
}

type Resolved = Codec<unknown>;

function resolve<T>(
  codec: CodecOf<T, unknown>,
  value: Partial<T>,
  r: StructReading<T> | undefined,
): Resolved {
  return typeof codec === 'function' ? codec(value, r) : codec;
}

/** The node for one field, sized by its codec (or what is left), before the codec fills it. */
function fieldNode(
  parent: Node,
  name: string,
  at: number,
  length: number,
  codec: Resolved,
  spec?: string,
): Node {
  return addChild(parent, { name, offset: at, length, type: codec.type, spec });
}

/** Reads a field's value into `node` with its codec, recording nested errors on the node. */
export function readInto<V>(ctx: DecodeContext, node: Node, codec: Codec<V>): V {
  return codec.nested ? within(ctx, node, () => codec.read(ctx, node)) : codec.read(ctx, node);
}

export interface Struct<T> extends Codec<T> {
  readonly def: StructDef<T>;
  /**
   * Reads the rest of the structure into `node` when the caller has read its first fields
   * itself (`done`, whose last byte is before `pos`): MS-NEGOEX's MESSAGE_HEADER, read first to
   * pick the message's structure. Those fields are skipped.
   */
  readRest(ctx: DecodeContext, node: Node, done: Partial<T>, pos: number): T;
  /** Encodes with the absolute position of every top-level field (where to put a MIC later). */
  encodeWithPositions(value: T): { bytes: Uint8Array; positions: Record<string, number> };
}

/** A codec from a field list. The struct covers its node's bytes; without payload it ends after its last field. */
export function struct<T>(def: StructDef<T>): Struct<T> {
  const codec: Struct<T> = {
    def,
    type: def.typeName,
    nested: true,
    read(ctx, node) {
      return readStruct(def, ctx, node);
    },
    readRest(ctx, node, done, pos) {
      return readStruct(def, ctx, node, { done, pos });
    },
    write(w, value) {
      writeStruct(def, w, value);
    },
    encodeWithPositions(value) {
      const w = new Writer();
      const positions: Record<string, number> = {};
      writeStruct(def, w, value, positions);
      return { bytes: w.bytes(), positions };
    },
  };
  return codec;
}

function readStruct<T>(
  def: StructDef<T>,
  ctx: DecodeContext,
  node: Node,
  resume?: { done: Partial<T>; pos: number },
): T {
  const start = node.offset;
  const end = node.offset + node.length;
  const value: Partial<T> = { ...resume?.done };
  const pointers: { field: Field<T>; desc: PayloadField }[] = [];
  const memos = new Map<string, unknown>();
  const lengths = new Map<string, number>();
  let pos = resume?.pos ?? start;
  const reading: StructReading<T> = {
    ctx,
    node,
    start,
    end,
    get pos() {
      return pos;
    },
    value,
    get first() {
      return this.firstPointer ?? end - start;
    },
    get firstPointer() {
      let first: number | undefined;
      for (const { desc } of pointers)
        if (desc.len > 0 && (first === undefined || desc.offset < first)) first = desc.offset;
      return first;
    },
    pointer: (key) => pointers.find((p) => p.field.key === key)?.desc,
    child: (name) => node.children?.find((c) => c.name === name),
    memo<V>(key: string, compute: () => V): V {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as V;
    },
  };
  node.type ??= def.typeName;
  node.spec ??= def.spec;
  const readFields = (fields: Field<T>[], parent: Node): void => {
    for (const field of fields) {
      if (resume && field.key !== undefined && field.key in resume.done) continue;
      if (field.when && !field.when(reading)) {
        field.absent?.(reading);
        continue;
      }
      if (field.need) need(ctx.bytes, pos, field.need[0], end, field.need[1]);
      if (field.kind === 'group') {
        const group = addChild(parent, {
          name: field.name,
          offset: pos,
          length: end - pos,
          type: (field.codec as Codec<unknown>).type,
          spec: field.spec,
        });
        readFields(field.fields ?? [], group);
        group.length = pos - group.offset;
        const label = field.labelOf?.(value);
        if (label !== undefined) group.label = label;
        field.check?.(reading, group);
        continue;
      }
      if (field.kind === 'pointer') {
        const d = descriptorOf(field, reading);
        need(ctx.bytes, pos, d.size, end, `${field.name}Fields`);
        const desc = d.read(ctx, parent, pos, field.name, field.spec ?? def.spec ?? '');
        pointers.push({ field, desc });
        pos += d.size;
        field.check?.(reading, desc.node);
        continue;
      }
      const codec = resolve(field.codec, value, reading);
      const size = field.sizeFrom !== undefined ? (lengths.get(field.sizeFrom) ?? 0) : codec.size;
      if (size !== undefined) need(ctx.bytes, pos, size, end, field.name);
      const child: Node = field.inline
        ? { name: field.name, offset: pos, length: size ?? end - pos, type: codec.type }
        : fieldNode(parent, field.name, pos, size ?? end - pos, codec, field.spec);
      const v = readInto(ctx, child, codec);
      if (field.inline) for (const c of child.children ?? []) addChild(parent, c);
      else if (field.label !== undefined && child.label === undefined) child.label = field.label;
      if (field.kind === 'value') (value as Record<string, unknown>)[field.key as string] = v;
      if (typeof v === 'number') lengths.set(field.name, v);
      pos += child.length;
      field.check?.(reading, child);
    }
  };
  readFields(def.fields, node);
  if (def.payload) {
    def.afterFixed?.(reading);
    readPayload(def, reading, pointers, pos);
  } else {
    node.length = pos - start;
    def.afterFixed?.(reading);
  }
  def.after?.(reading);
  return value as T;
}

function readPayload<T>(
  def: StructDef<T>,
  r: StructReading<T>,
  pointers: { field: Field<T>; desc: PayloadField }[],
  fixedEnd: number,
): void {
  const value = r.value as Record<string, unknown>;
  const codecs = pointers.map((p) => resolve(p.field.codec, r.value, r));
  const extras = def.extraItems?.(r) ?? [];
  decodePayload(
    r.ctx,
    r.node,
    r.start,
    r.end,
    fixedEnd,
    [
      ...pointers.map((p, i) => ({
        field: p.desc,
        decode: (node: Node) => {
          if (codecs[i].type !== undefined) node.type = codecs[i].type;
          value[p.field.key as string] = codecs[i].read(r.ctx, node);
        },
      })),
      ...extras.map((e) => ({
        field: e.field,
        decode: (node: Node) => {
          if (e.codec.type !== undefined) node.type = e.codec.type;
          e.codec.read(r.ctx, node);
        },
      })),
    ],
    { emptyItems: def.payload?.emptyItems ?? true },
  );
  // The sender's layout, so that encoding the value gives its bytes back.
  const order = pointers
    .map((p, index) => ({ p, index }))
    .sort(
      (a, b) =>
        a.p.desc.offset - b.p.desc.offset ||
        Number(a.p.desc.len > 0) - Number(b.p.desc.len > 0) ||
        a.index - b.index,
    )
    .map(({ p }) => p.field.name);
  const emptyOffsets: Record<string, number> = {};
  for (const { field, desc } of pointers)
    if (desc.len === 0) emptyOffsets[field.name] = desc.offset;
  const layout: PayloadLayout = { order };
  if (Object.keys(emptyOffsets).length > 0) layout.emptyOffsets = emptyOffsets;
  value.layout = layout;
}

function descriptorOf<T>(field: Field<T>, r: StructReading<T> | undefined): Descriptor {
  const d = field.descriptor;
  return (typeof d === 'function' ? d(r) : d) ?? nlmpFields;
}

function writeStruct<T>(
  def: StructDef<T>,
  w: Writer,
  value: T,
  positions?: Record<string, number>,
): void {
  const base = w.length;
  const record = value as Record<string, unknown>;
  const descriptors: { field: Field<T>; at: number; d: Descriptor }[] = [];
  const writeFields = (fields: Field<T>[]): void => {
    for (const field of fields) {
      if (field.kind === 'group') {
        if (positions) positions[field.name] = w.length;
        writeFields(field.fields ?? []);
        continue;
      }
      const v =
        field.kind === 'fixed'
          ? field.fixed
          : field.kind === 'length'
            ? lengthOf(def, value, field.key!)
            : record[field.key as string];
      // A conditional field the value lacks is left out, unless the encoder always writes it.
      if (v === undefined && field.when && field.writeDefault === undefined) continue;
      if (positions) positions[field.name] = w.length;
      if (field.kind === 'pointer') {
        const d = descriptorOf(field, undefined);
        descriptors.push({ field, at: w.length, d });
        w.zeros(d.size);
        continue;
      }
      resolve(field.codec, value, undefined).write(w, v ?? field.writeDefault);
    }
  };
  // Payload offsets count from the structure's first byte, also for items written by codecs.
  const origin = w.origin;
  w.origin = base;
  try {
    writeFields(def.fields);
    if (!def.payload) return;
    if (positions) positions.Payload = w.length;
    const layout = (record.layout as PayloadLayout | undefined) ?? {};
    const names = new Set<string>(layout.order ?? def.payload.order);
    for (const d of descriptors) names.add(d.field.name);
    const emptyOffset = layout.emptyOffset ?? def.payload.emptyOffset;
    for (const name of names) {
      const d = descriptors.find((x) => x.field.name === name);
      if (!d) continue;
      const v = record[d.field.key as string];
      const cursor = w.length - base;
      if (v !== undefined) resolve(d.field.codec, value, undefined).write(w, v);
      const len = w.length - base - cursor;
      if (d.d === nlmpFields && len > 0xffff)
        throw new RangeError(`${name} is ${len} bytes; a Fields Len holds at most 65535`);
      const rule = d.field.emptyOffset ?? emptyOffset;
      const empty = layout.emptyOffsets?.[name] ?? (rule === 'zero' ? 0 : cursor);
      d.d.write(w, d.at, len, len === 0 ? empty : cursor);
    }
  } finally {
    w.origin = origin;
  }
}

/** The encoded byte count of the field `key` of `value` (undefined when the value lacks it). */
function lengthOf<T>(def: StructDef<T>, value: T, key: keyof T): number | undefined {
  const target = def.fields.find((f) => f.key === key && f.kind !== 'length');
  const v = (value as Record<string, unknown>)[key as string];
  if (!target || v === undefined) return undefined;
  const w = new Writer();
  resolve(target.codec, value, undefined).write(w, v);
  return w.length;
}

/** The bytes of a value. */
export function encode<T>(codec: Codec<T>, value: T): Uint8Array {
  const w = new Writer();
  codec.write(w, value);
  return w.bytes();
}

/** A typed reader's answer: the value, or where and why decoding failed. Never thrown. */
export type Decoded<T> =
  { ok: true; value: T; warnings: Issue[] } | { ok: false; error: string; offset: number };

/**
 * Reads [start, end) of `bytes` with `codec` into its typed value alone. Any error — a missing
 * byte, a descriptor pointing outside, an error inside a payload item — makes the answer an error.
 */
export function readTyped<T>(
  codec: Codec<T>,
  bytes: Uint8Array,
  name: string,
  start = 0,
  end = bytes.length,
): Decoded<T> {
  return readTypedWith(bytes, name, start, end, (ctx, node) => readInto(ctx, node, codec));
}

/** Like `readTyped`, for readers that need the context themselves (a dispatch on a type field). */
export function readTypedWith<T>(
  bytes: Uint8Array,
  name: string,
  start: number,
  end: number,
  read: (ctx: DecodeContext, node: Node) => T,
): Decoded<T> {
  const ctx = createContext(bytes);
  const node: Node = { name, offset: start, length: end - start };
  try {
    const value = within(ctx, node, () => read(ctx, node));
    const first = ctx.errors[0];
    if (first) return { ok: false, error: first.message, offset: first.offset };
    return { ok: true, value, warnings: ctx.warnings };
  } catch (e) {
    const err = asDecodeError(e, start);
    return { ok: false, error: err.message, offset: err.offset };
  }
}
