import {
  bytes,
  encode,
  fieldsOf,
  labelled,
  leaf,
  need,
  struct,
  u16,
  u16be,
  u32,
  u32be,
  u8,
  type Codec,
} from '../binary';
import { contain, createContext, fail, warn, within, type DecodeContext } from '../context';
import { addChild, type Issue, type Node } from '../tree';
import { ETYPES, NAME_TYPES } from '../../data/kerberos';
import { decodeLatin1, readU32BE, readU32LE } from '../../bytes';

/**
 * MIT keytab files, the FILE keytab type that `ktutil`, `kadmin ktadd` and Samba write: the
 * bytes 0x05 and the format version (1 or 2), then records, each a signed 32-bit length followed
 * by a key entry (positive) or a zero-filled hole left by a deleted entry (negative); a length of
 * 0, or the end of the file, ends the table. Version 2 is big-endian; version 1 uses the writing
 * host's byte order, counts the realm among the components and has no name type.
 * [MIT krb5 doc/formats/keytab_file_format.rst; src/lib/krb5/keytab/kt_file.c,
 * krb5_ktfileint_internal_read_entry()]
 */

export const FORMAT_SPEC = 'MIT krb5 doc/formats/keytab_file_format.rst';
export const READER_SPEC =
  'MIT krb5 src/lib/krb5/keytab/kt_file.c, krb5_ktfileint_internal_read_entry()';

export interface KeytabPrincipal {
  realm: string;
  components: string[];
  /** RFC 4120 §6.2 name type (absent from version 1 files, where it reads as 1, NT-PRINCIPAL). */
  nameType: number;
}

/** How an entry was written, where it differs from what the encoder writes by default. */
export interface KeytabEntryLayout {
  /** The 8-bit vno as written, when it is not the low byte of `kvno`. */
  vno8?: number;
  /** The 32-bit vno as written when it is not `kvno` (0: zero fill), or null when the record lacks it. */
  vno32?: number | null;
  /** Bytes after the entry inside its record (an entry written into a larger hole). */
  padding?: Uint8Array;
}

export interface KeytabEntry {
  principal: KeytabPrincipal;
  /** When the entry was written: seconds since 1970 (unsigned, as MIT reads it past 2038). */
  timestamp: number;
  /** The key version: the 32-bit vno when the record has a non-zero one, else the 8-bit vno. */
  kvno: number;
  enctype: number;
  key: Uint8Array;
  layout?: KeytabEntryLayout;
}

/** A hole: a deleted entry's record, `size` bytes (zero-filled when MIT deletes). */
export interface KeytabHole {
  /** Index in `entries` of the entry the hole precedes (`entries.length`: after the last). */
  before: number;
  bytes: Uint8Array;
}

export interface Keytab {
  /** 2 (big-endian) or 1 (the writer's byte order). */
  version: number;
  entries: KeytabEntry[];
  /** Version 1 only: the file was written by a little-endian host. */
  littleEndian?: boolean;
  /** Deleted entries' records, kept so that encoding gives the file's bytes back. */
  holes?: KeytabHole[];
  /** A zero record length and what follows it, when the file has one (MIT stops reading there). */
  trailer?: Uint8Array;
}

// --- byte order ---

interface Order {
  le: boolean;
  u16: Codec<number>;
  u32: Codec<number>;
}

const BE: Order = { le: false, u16: u16be, u32: u32be };
const LE: Order = { le: true, u16, u32 };

/** A signed reading of an unsigned codec (enctype, name type, record size are C signed ints). */
function signed(codec: Codec<number>, bits: 16 | 32, type: string): Codec<number> {
  const shift = 32 - bits;
  return {
    ...codec,
    type,
    read(ctx, node) {
      const v = (codec.read(ctx, node) << shift) >> shift;
      node.value = v;
      return v;
    },
    write: (w, v) => codec.write(w, bits === 16 ? v & 0xffff : v >>> 0),
  };
}

/** Reads or writes a value through another type (a wire form and the typed value shown to callers). */
function mapped<A, B>(codec: Codec<A>, to: (a: A) => B, from: (b: B) => A): Codec<B> {
  return {
    type: codec.type,
    size: codec.size,
    nested: codec.nested,
    read: (ctx, node) => to(codec.read(ctx, node)),
    write: (w, v) => codec.write(w, from(v)),
  };
}

// --- counted strings ---

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/** The bytes of a principal's part: UTF-8 in practice; other bytes are shown one per character. */
const text: Codec<string> = {
  type: 'octets',
  read(ctx, node) {
    const raw = ctx.bytes.subarray(node.offset, node.offset + node.length);
    let v: string;
    try {
      v = utf8.decode(raw);
    } catch {
      v = decodeLatin1(raw);
      warn(ctx, node, node.offset, 'not UTF-8: shown one character per byte');
    }
    node.value = v;
    return v;
  },
  write: (w, v) => w.raw(utf8Encoder.encode(v)),
};

interface Counted {
  data: string;
}

/** `data ::= length (16 bits) value (length bytes)`; MIT stops reading at a length of 0. */
function countedString(order: Order): Codec<string> {
  const f = fieldsOf<Counted>();
  const codec = struct<Counted>({
    typeName: 'counted_octet_string',
    spec: FORMAT_SPEC,
    fields: [
      f.length('length', order.u16, 'data', {
        spec: FORMAT_SPEC,
        check: (r, node) => {
          if (node.value === 0) warn(r.ctx, node, node.offset, 'empty: MIT stops reading here');
        },
      }),
      f.value('data', 'data', text, { spec: FORMAT_SPEC, sizeFrom: 'length' }),
    ],
    after: (r) => {
      if (r.value.data !== undefined) r.node.label = r.value.data;
    },
  });
  return mapped(
    codec,
    (c) => c.data,
    (data) => ({ data }),
  );
}

// --- principal ---

/**
 * `count` counted strings, each a `component` node. The count is the `num_components` node read
 * before the realm (minus one in version 1, where it counts the realm).
 */
function components(order: Order, count: number): Codec<string[]> {
  const one = countedString(order);
  return {
    type: 'components',
    read(ctx, node) {
      const out: string[] = [];
      let pos = node.offset;
      const end = node.offset + node.length;
      for (let i = 0; i < count; i++) {
        need(ctx.bytes, pos, 2, end, `component ${i + 1} of ${count}`);
        const c = addChild(node, {
          name: 'component',
          offset: pos,
          length: end - pos,
          type: one.type,
          spec: FORMAT_SPEC,
        });
        out.push(within(ctx, c, () => one.read(ctx, c)));
        pos += c.length;
      }
      node.length = pos - node.offset;
      return out;
    },
    write(w, v) {
      for (const c of v) one.write(w, c);
    },
  };
}

function principalCodec(order: Order, v1: boolean): Codec<KeytabPrincipal> {
  const f = fieldsOf<KeytabPrincipal>();
  const count = order.u16;
  // The count is wire-only: written from the components (plus the realm in version 1).
  const numComponents = (v: Partial<KeytabPrincipal>): Codec<number> => ({
    ...count,
    read(ctx, node) {
      const n = count.read(ctx, node);
      const comps = v1 ? n - 1 : n;
      if (comps <= 0 || n > 0x7fff)
        warn(ctx, node, node.offset, `${comps} components: MIT stops reading here`);
      node.label = v1 ? `realm and ${comps} components` : `${n} components`;
      return n;
    },
    write: (w) => count.write(w, (v.components?.length ?? 0) + (v1 ? 1 : 0)),
  });
  const codec = struct<KeytabPrincipal>({
    typeName: 'principal',
    spec: FORMAT_SPEC,
    fields: [
      f.fixed('num_components', numComponents, 0, { spec: FORMAT_SPEC }),
      f.value('realm', 'realm', countedString(order), { spec: FORMAT_SPEC }),
      f.value(
        'components',
        'components',
        (_v, r) => {
          const n = Number(r?.child('num_components')?.value ?? 0);
          return components(order, Math.max(0, v1 ? n - 1 : n));
        },
        { inline: true },
      ),
      f.value(
        'nameType',
        'name_type',
        labelled(signed(order.u32, 32, 'int32'), (t) => NAME_TYPES[t] ?? `name type ${t}`),
        { spec: FORMAT_SPEC, when: () => !v1 },
      ),
    ],
    after: (r) => {
      const { realm, components: comps } = r.value;
      if (realm !== undefined && comps) r.node.label = `${comps.join('/')}@${realm}`;
    },
  });
  if (!v1) return codec;
  // Version 1 has no name type: it reads as NT-PRINCIPAL and is not written.
  return mapped(
    codec,
    (p) => ({ ...p, nameType: 1 }),
    ({ realm, components: comps }) => ({ realm, components: comps }) as KeytabPrincipal,
  );
}

// --- entry ---

/** An entry as written: both key version numbers, and what follows it in its record. */
interface EntryWire {
  principal: KeytabPrincipal;
  timestamp: number;
  vno8: number;
  keyblock: Keyblock;
  vno32?: number;
  padding?: Uint8Array;
}

interface Keyblock {
  enctype: number;
  key: Uint8Array;
}

/** `keyblock ::= enctype (16 bits) length (16 bits) contents`; MIT stops reading at a length of 0. */
function keyblock(order: Order): Codec<Keyblock> {
  const f = fieldsOf<Keyblock>();
  return struct<Keyblock>({
    typeName: 'keyblock',
    spec: FORMAT_SPEC,
    fields: [
      f.value(
        'enctype',
        'enctype',
        labelled(signed(order.u16, 16, 'int16'), (e) => ETYPES[e] ?? `etype ${e}`),
        { spec: FORMAT_SPEC },
      ),
      f.length('length', order.u16, 'key', {
        spec: FORMAT_SPEC,
        check: (r, node) => {
          if (node.value === 0) warn(r.ctx, node, node.offset, 'empty key: MIT stops reading here');
        },
      }),
      f.value('key', 'contents', bytes(), { spec: FORMAT_SPEC, sizeFrom: 'length' }),
    ],
    after: (r) => {
      if (r.value.enctype !== undefined)
        r.node.label = ETYPES[r.value.enctype] ?? `etype ${r.value.enctype}`;
    },
  });
}

const isoTime = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

function entryWire(order: Order, v1: boolean): Codec<EntryWire> {
  const f = fieldsOf<EntryWire>();
  return struct<EntryWire>({
    typeName: 'keytab_entry',
    spec: FORMAT_SPEC,
    fields: [
      f.value('principal', 'principal', principalCodec(order, v1), { spec: FORMAT_SPEC }),
      f.value('timestamp', 'timestamp', labelled(order.u32, isoTime), { spec: FORMAT_SPEC }),
      f.value('vno8', 'vno8', u8, { spec: FORMAT_SPEC }),
      f.value('keyblock', 'keyblock', keyblock(order), { spec: FORMAT_SPEC }),
      // Present when at least 4 bytes remain in the record (MIT krb5 1.14 and later write it).
      f.value('vno32', 'vno', order.u32, { spec: FORMAT_SPEC, when: (r) => r.end - r.pos >= 4 }),
      f.value('padding', 'padding', bytes(), { spec: READER_SPEC, when: (r) => r.pos < r.end }),
    ],
    after: (r) => {
      const { vno32, vno8, padding } = r.value;
      const vno = r.child('vno');
      if (vno && vno32 === 0) vno.label = 'zero: the 8-bit vno holds';
      else if (vno) vno.label = 'overrides the 8-bit vno';
      if (padding && padding.some((b) => b !== 0))
        warn(r.ctx, r.child('padding')!, r.pos - padding.length, 'non-zero bytes after the entry');
      const kvno = vno32 ? vno32 : vno8;
      const p = r.value.principal;
      const enctype = r.value.keyblock?.enctype;
      if (p && kvno !== undefined && enctype !== undefined)
        r.node.label = `${p.components.join('/')}@${p.realm} kvno ${kvno} ${ETYPES[enctype] ?? enctype}`;
    },
  });
}

function entryCodec(order: Order, v1: boolean): Codec<KeytabEntry> {
  return mapped(entryWire(order, v1), toEntry, fromEntry);
}

function toEntry(w: EntryWire): KeytabEntry {
  const kvno = w.vno32 ? w.vno32 : w.vno8;
  const e: KeytabEntry = {
    principal: w.principal,
    timestamp: w.timestamp,
    kvno,
    enctype: w.keyblock.enctype,
    key: w.keyblock.key,
  };
  const layout: KeytabEntryLayout = {};
  if (w.vno8 !== (kvno & 0xff)) layout.vno8 = w.vno8;
  if (w.vno32 === undefined) layout.vno32 = null;
  else if (w.vno32 !== kvno) layout.vno32 = w.vno32;
  if (w.padding) layout.padding = w.padding;
  if (Object.keys(layout).length > 0) e.layout = layout;
  return e;
}

/** What MIT krb5 (1.14 and later) writes: the low byte of the kvno, then the 32-bit kvno. */
function fromEntry(e: KeytabEntry): EntryWire {
  const l = e.layout ?? {};
  const w: EntryWire = {
    principal: e.principal,
    timestamp: e.timestamp,
    vno8: l.vno8 ?? e.kvno & 0xff,
    keyblock: { enctype: e.enctype, key: e.key },
  };
  if (l.vno32 !== null) w.vno32 = l.vno32 ?? e.kvno;
  if (l.padding) w.padding = l.padding;
  return w;
}

// --- records ---

interface Records {
  entries: KeytabEntry[];
  littleEndian?: boolean;
  holes?: KeytabHole[];
  trailer?: Uint8Array;
}

const readI32 = (b: Uint8Array, at: number, le: boolean) =>
  (le ? readU32LE(b, at) : readU32BE(b, at)) | 0;

/**
 * Version 1's byte order is the writer's: little-endian when the first record length only makes
 * sense read that way.
 */
function guessLittleEndian(b: Uint8Array, pos: number): boolean {
  if (pos + 4 > b.length) return false;
  const fits = (n: number) => Math.abs(n) <= b.length - pos - 4;
  return !fits(readI32(b, pos, false)) && fits(readI32(b, pos, true));
}

/**
 * The records after the version, each `record` (a key entry), `hole` or `end` node. A damaged
 * record stops the reading there, its error kept on its node: the entries before it stay.
 */
function records(version: number, littleEndian: boolean | undefined): Codec<Records> {
  const v1 = version === 1;
  return {
    type: 'records',
    read(ctx, node) {
      const b = ctx.bytes;
      const end = node.offset + node.length;
      const le = v1 ? (littleEndian ?? guessLittleEndian(b, node.offset)) : false;
      const order = le ? LE : BE;
      const entry = entryCodec(order, v1);
      const out: Records = { entries: [] };
      if (v1) out.littleEndian = le;
      let pos = node.offset;
      while (pos < end) {
        const at = pos;
        const record = addChild(node, {
          name: 'record',
          offset: at,
          length: end - at,
          spec: FORMAT_SPEC,
        });
        let stop = true;
        contain(ctx, record, () => {
          need(b, at, 4, end, 'a record length');
          const size = readI32(b, at, le);
          const sizeNode = leaf(b, record, 'size', at, 4, {
            type: 'int32',
            value: size,
            spec: FORMAT_SPEC,
          });
          if (size === 0) {
            record.name = 'end';
            record.label = 'end of the key table';
            if (end - at > 4)
              leaf(b, record, 'unused', at + 4, end - at - 4, { type: 'bytes', spec: READER_SPEC });
            out.trailer = b.slice(at, end);
            pos = end;
            return;
          }
          const length = Math.abs(size);
          const available = Math.min(length, end - at - 4);
          record.length = 4 + available;
          if (size < 0) {
            record.name = 'hole';
            record.label = `deleted entry, ${length} bytes`;
            sizeNode.label = `a hole of ${length} bytes`;
            need(b, at + 4, length, end, 'the hole');
            const deleted = leaf(b, record, 'deleted', at + 4, length, {
              type: 'bytes',
              spec: FORMAT_SPEC,
            });
            const bytesOf = b.slice(at + 4, at + 4 + length);
            if (bytesOf.some((x) => x !== 0))
              warn(ctx, deleted, at + 4, 'a hole that is not zero-filled');
            (out.holes ??= []).push({ before: out.entries.length, bytes: bytesOf });
            pos = at + 4 + length;
            stop = false;
            return;
          }
          sizeNode.label = `an entry of at most ${length} bytes`;
          const e: Node = {
            name: 'keytab_entry',
            offset: at + 4,
            length: available,
            spec: FORMAT_SPEC,
          };
          addChild(record, e);
          const value = within(ctx, e, () => entry.read(ctx, e));
          need(b, at + 4, length, end, 'the record');
          record.label = e.label;
          out.entries.push(value);
          pos = at + 4 + length;
          stop = false;
        });
        // A damaged record or the end marker ends the table.
        if (stop) break;
      }
      node.length = Math.max(0, Math.min(end, pos) - node.offset);
      return out;
    },
    write(w, v) {
      const order = v1 && v.littleEndian ? LE : BE;
      const entry = entryCodec(order, v1);
      const size = signed(order.u32, 32, 'int32');
      const holes = v.holes ?? [];
      const writeHoles = (before: number) => {
        for (const h of holes)
          if (h.before === before) {
            size.write(w, -h.bytes.length);
            w.raw(h.bytes);
          }
      };
      v.entries.forEach((e, i) => {
        writeHoles(i);
        const bytesOf = encode(entry, e);
        size.write(w, bytesOf.length);
        w.raw(bytesOf);
      });
      writeHoles(v.entries.length);
      if (v.trailer) w.raw(v.trailer);
    },
  };
}

// --- file ---

interface KeytabWire {
  version: number;
  records: Records;
}

const version: Codec<number> = {
  type: 'uint8[2]',
  size: 2,
  read(ctx, node) {
    const b = ctx.bytes;
    if (b[node.offset] !== 5)
      fail(
        node.offset,
        `not a keytab: first byte 0x${b[node.offset].toString(16).padStart(2, '0')}, a keytab starts with 0x05`,
      );
    const v = b[node.offset + 1];
    if (v !== 1 && v !== 2) fail(node.offset + 1, `keytab format version ${v}: only 1 and 2 exist`);
    node.value = `0x05${v.toString(16).padStart(2, '0')}`;
    node.label = v === 2 ? 'version 2, big-endian' : 'version 1, the writer’s byte order';
    return v;
  },
  write(w, v) {
    w.u8(5);
    w.u8(v);
  },
};

const fw = fieldsOf<KeytabWire>();

const KEYTAB_WIRE = struct<KeytabWire>({
  typeName: 'keytab',
  spec: FORMAT_SPEC,
  fields: [
    fw.value('version', 'file_format_version', version, { spec: FORMAT_SPEC }),
    fw.value('records', 'records', (v) => records(v.version ?? 2, v.records?.littleEndian), {
      inline: true,
      when: (r) => r.pos < r.end,
    }),
  ],
  after: (r) => {
    const n = r.value.records?.entries.length ?? 0;
    r.node.label = `${n} ${n === 1 ? 'entry' : 'entries'}`;
  },
});

/** The keytab, described once: the tree (`KEYTAB.read`), the typed value, the encoder (`encode`). */
export const KEYTAB: Codec<Keytab> = mapped(
  KEYTAB_WIRE,
  ({ version: v, records: rec }) => {
    const k: Keytab = { version: v, entries: rec?.entries ?? [] };
    if (rec?.littleEndian !== undefined) k.littleEndian = rec.littleEndian;
    if (rec?.holes) k.holes = rec.holes;
    if (rec?.trailer) k.trailer = rec.trailer;
    return k;
  },
  (k) => ({
    version: k.version,
    records: {
      entries: k.entries,
      littleEndian: k.littleEndian,
      holes: k.holes,
      trailer: k.trailer,
    },
  }),
);

/** A keytab read: the entries before any damage, the first error with its offset, and the tree. */
export type KeytabRead = {
  value: Keytab;
  warnings: Issue[];
  /** The positioned tree, each field with its spec (for the inspector). */
  root: Node;
} & ({ ok: true } | { ok: false; error: string; offset: number });

/** Reads a keytab file. Never throws: damage gives an error with its offset and the entries before it. */
export function readKeytab(bytes: Uint8Array): KeytabRead {
  const ctx: DecodeContext = createContext(bytes);
  const root: Node = { name: 'keytab', offset: 0, length: bytes.length };
  let value: Keytab = { version: bytes[1] ?? 0, entries: [] };
  try {
    value = within(ctx, root, () => KEYTAB.read(ctx, root));
  } catch (e) {
    if (ctx.errors.length === 0) {
      const message = e instanceof Error ? e.message : String(e);
      const offset = (e as { offset?: number }).offset ?? 0;
      root.error = message;
      ctx.errors.push({ offset, message, path: root.name });
    }
  }
  const first = ctx.errors[0];
  return first
    ? { ok: false, error: first.message, offset: first.offset, value, warnings: ctx.warnings, root }
    : { ok: true, value, warnings: ctx.warnings, root };
}

/** The bytes of a keytab. */
export function encodeKeytab(keytab: Keytab): Uint8Array {
  return encode(KEYTAB, keytab);
}
