import { decodeElement } from '../asn1/decode';
import {
  bytes,
  encode,
  fieldsOf,
  labelled,
  leaf,
  readTyped,
  struct,
  u16,
  u32,
  type Codec,
  type Decoded,
} from '../binary';
import { contain, warn, type DecodeContext } from '../context';
import {
  CKSUMTYPE_GSSAPI,
  GSS_CHECKSUM_EXTENSIONS,
  GSS_CHECKSUM_FLAGS,
  GSS_FLAG,
} from '../../data/kerberos';
import { addChild, type Node } from '../tree';
import { KRB_CRED } from './cred';
import { child, childValue, contentRange, refined } from './refine';
import { Checksum } from './types';
import { readU32BE } from '../../bytes';

const SPEC = 'RFC 4121 §4.1.1';
const EXT_SPEC = 'MIT krb5 src/lib/gssapi/krb5/init_sec_context.c, make_gss_checksum()';

export function gssFlagNames(flags: number): string {
  const names: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    const mask = (1 << bit) >>> 0;
    if (flags & mask) names.push(GSS_CHECKSUM_FLAGS[mask] ?? `0x${mask.toString(16)}`);
  }
  return names.join(', ') || 'none';
}

/** One MIT-style extension after the delegation fields: big-endian type and length, then data. */
export interface GssChecksumExtension {
  type: number;
  data: Uint8Array;
}

/**
 * The 0x8003 checksum octets [RFC 4121 §4.1.1]: Lgth (16) and Bnd (the MD5 of the channel
 * bindings, zero without them), the context Flags [§4.1.1.1], then DlgOpt (1), Dlgth and Deleg
 * (a KRB-CRED) when GSS_C_DELEG_FLAG is set, then extensions in MIT's layout. The integers of
 * RFC 4121 are little-endian; MIT's extension headers are big-endian.
 */
export interface GssChecksum {
  /** Lgth: 16. The encoder writes it as given; Bnd's length follows it on read. */
  lgth: number;
  bnd: Uint8Array;
  flags: number;
  /** 1 when delegating [§4.1.1]. */
  dlgOpt?: number;
  /** Deleg: the KRB-CRED, as its bytes. */
  krbCred?: Uint8Array;
  /** Extensions in MIT's type/length layout, or the bytes as sent when they do not follow it. */
  exts?: GssChecksumExtension[] | Uint8Array;
}

const lgthCodec: Codec<number> = {
  ...u32,
  read(ctx, node) {
    const v = u32.read(ctx, node);
    if (v !== 16) warn(ctx, node, node.offset, `Lgth is ${v}, RFC 4121 §4.1.1 requires 16`);
    return v;
  },
};

const bnd = labelled(bytes(), (v) =>
  v.every((x) => x === 0) ? 'no channel bindings' : 'MD5 of the channel bindings',
);

const dlgOpt: Codec<number> = {
  ...u16,
  read(ctx, node) {
    const v = u16.read(ctx, node);
    if (v !== 1) warn(ctx, node, node.offset, 'DlgOpt should be 1');
    return v;
  },
};

/** Deleg: a KRB-CRED. Dlgth fixes its span, so a broken one stays inside and the extensions still decode. */
const deleg: Codec<Uint8Array> = {
  type: 'KRB-CRED',
  read(ctx, node) {
    const end = node.offset + node.length;
    contain(ctx, node, () => {
      const cred = decodeElement(ctx, node, KRB_CRED, node.offset, end);
      if (cred.offset + cred.length !== end) {
        warn(ctx, node, cred.offset + cred.length, 'bytes after the KRB-CRED inside Deleg');
      }
    });
    return ctx.bytes.slice(node.offset, end);
  },
  write: (w, v) => w.raw(v),
};

/** The extensions: MIT's type/length/data records, or, when the bytes do not follow that layout, the rest as sent. */
const exts: Codec<GssChecksumExtension[] | Uint8Array> = {
  read(ctx, node) {
    const b = ctx.bytes;
    const end = node.offset + node.length;
    const out: GssChecksumExtension[] = [];
    node.children = [];
    let pos = node.offset;
    while (pos < end) {
      if (end - pos < 8 || readU32BE(b, pos + 4) > end - pos - 8) {
        leaf(b, node, 'unparsed', pos, end - pos, { type: 'bytes', spec: SPEC });
        warn(ctx, node, pos, 'extension bytes do not follow the MIT type/length layout');
        return b.slice(node.offset, end);
      }
      const type = readU32BE(b, pos);
      const length = readU32BE(b, pos + 4);
      const ext = addChild(node, {
        name: 'extension',
        offset: pos,
        length: 8 + length,
        label: GSS_CHECKSUM_EXTENSIONS[type] ?? `type ${type}`,
        spec: EXT_SPEC,
      });
      leaf(b, ext, 'type', pos, 4, {
        type: 'uint32be',
        value: type,
        label: ext.label,
        spec: EXT_SPEC,
      });
      leaf(b, ext, 'length', pos + 4, 4, { type: 'uint32be', value: length, spec: EXT_SPEC });
      if (length > 0) leaf(b, ext, 'data', pos + 8, length, { type: 'bytes', spec: EXT_SPEC });
      out.push({ type, data: b.slice(pos + 8, pos + 8 + length) });
      pos += 8 + length;
    }
    return out;
  },
  write(w, v) {
    if (v instanceof Uint8Array) return w.raw(v);
    for (const ext of v) {
      w.u32be(ext.type);
      w.u32be(ext.data.length);
      w.raw(ext.data);
    }
  },
};

const delegating = (flags: number | undefined) => ((flags ?? 0) & GSS_FLAG.deleg) !== 0;

const f = fieldsOf<GssChecksum>();

/** The 0x8003 checksum octets, described once: the tree under `checksum`, the typed value, the encoder. */
export const GSS_CHECKSUM = struct<GssChecksum>({
  typeName: 'GSS checksum',
  fields: [
    f.value('lgth', 'Lgth', lgthCodec, { spec: SPEC }),
    f.value('bnd', 'Bnd', bnd, { spec: SPEC, sizeFrom: 'Lgth' }),
    f.value('flags', 'Flags', labelled(u32, gssFlagNames), { spec: 'RFC 4121 §4.1.1.1' }),
    f.value('dlgOpt', 'DlgOpt', dlgOpt, {
      spec: SPEC,
      when: (r) => delegating(r.value.flags) && r.pos < r.end,
      need: [4, 'DlgOpt and Dlgth'],
    }),
    f.length('Dlgth', u16, 'krbCred', {
      spec: SPEC,
      when: (r) => r.value.dlgOpt !== undefined,
    }),
    f.value('krbCred', 'Deleg', deleg, {
      spec: SPEC,
      sizeFrom: 'Dlgth',
      when: (r) => r.value.dlgOpt !== undefined,
    }),
    f.value('exts', 'Exts', exts, { spec: SPEC, when: (r) => r.pos < r.end }),
  ],
});

/** The checksum octets of a value. */
export function encodeGssChecksum(value: GssChecksum): Uint8Array {
  return encode(GSS_CHECKSUM, value);
}

/** The typed checksum of the octets, or the first error with its offset. */
export function readGssChecksum(octets: Uint8Array): Decoded<GssChecksum> {
  return readTyped(GSS_CHECKSUM, octets, 'checksum');
}

/** Checksum that opens up the GSS-API 0x8003 checksum carried in an AP-REQ Authenticator. */
export const AuthenticatorChecksum = refined(Checksum, (ctx, node: Node) => {
  const checksum = child(node, 'checksum');
  if (childValue(node, 'cksumtype') !== CKSUMTYPE_GSSAPI || !checksum) return;
  const [start, end] = contentRange(checksum);
  delete checksum.value;
  contain(ctx, checksum, () => decodeGssChecksum(ctx, checksum, start, end));
});

/**
 * Reads the octets [start, end) as children of `parent` (the OCTET STRING, whose header comes
 * first): what was read stays there when an error stops the reading, which `parent` records.
 */
export function decodeGssChecksum(
  ctx: DecodeContext,
  parent: Node,
  start: number,
  end: number,
): void {
  const octets: Node = { name: parent.name, offset: start, length: end - start };
  try {
    GSS_CHECKSUM.read(ctx, octets);
  } finally {
    for (const c of octets.children ?? []) addChild(parent, c);
  }
}
