import { DecodeError, contain, warn, type DecodeContext } from '../context';
import { leaf } from '../binary';
import { decodeGeneric } from '../asn1/decode';
import { addChild, type Node } from '../tree';
import {
  CHECKSUM_TYPES,
  NEGOEX_ALERT_REASONS,
  NEGOEX_ALERT_TYPES,
  NEGOEX_CHECKSUM_SCHEMES,
  NEGOEX_EXTENSION_CRITICAL,
} from '../../data/negoex';
import { decodePayload, type PayloadField, type PayloadItem } from '../ntlm/payload';
import { guidLeaf, readByteVector, readCountVector } from './vectors';
import { readU16LE, readU32LE, readU64LE, toHex } from '../../bytes';

/** Message bodies after the 40-byte MESSAGE_HEADER [MS-NEGOEX §2.2.6.3–§2.2.6.6]. */

export interface NegoexOptions {
  /**
   * Decodes the token inside an EXCHANGE message (a GSS-framed Kerberos or PKU2U token for
   * AP_REQUEST / CHALLENGE) into children of `parent`. Without it, DER metadata is shown as
   * generic ASN.1 and anything else as hex.
   */
  decodeExchange?: (ctx: DecodeContext, parent: Node, start: number, end: number) => void;
}

export interface Body {
  ctx: DecodeContext;
  node: Node;
  /** First byte of the message (vector offsets count from here). */
  start: number;
  /** start + cbHeaderLength: where the payload begins. */
  headerEnd: number;
  /** start + cbMessageLength. */
  end: number;
  options: NegoexOptions;
}

function padding(b: Body, from: number): void {
  if (from < b.headerEnd) {
    leaf(b.ctx.bytes, b.node, 'Padding', from, b.headerEnd - from, {
      type: 'bytes',
      label: 'up to cbHeaderLength',
    });
  }
}

function u64Value(bytes: Uint8Array, at: number): number | string {
  const v = readU64LE(bytes, at);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

/** NEGO_MESSAGE [§2.2.6.3]. */
export function decodeNego(b: Body): void {
  const { ctx, node, start } = b;
  const bytes = ctx.bytes;
  const spec = 'MS-NEGOEX §2.2.6.3';
  leaf(bytes, node, 'Random', start + 40, 32, { type: 'bytes', spec });
  const version = u64Value(bytes, start + 72);
  const v = leaf(bytes, node, 'ProtocolVersion', start + 72, 8, {
    type: 'uint64le',
    value: version,
    spec,
  });
  if (version !== 0) warn(ctx, v, start + 72, `ProtocolVersion ${version}; only 0 is defined`);
  const packed = packedVectors(bytes, start, b.headerEnd - start, b.end - start);
  const schemes = readCountVector(
    bytes,
    node,
    start + 80,
    'AuthSchemes',
    'AuthScheme',
    spec,
    packed,
  );
  const exts = readCountVector(
    bytes,
    node,
    start + (packed ? 86 : 88),
    'Extensions',
    'Extension',
    spec,
    packed,
  );
  if (packed) {
    warn(ctx, exts.field.node, start + 86, 'vectors packed without C padding (MIT/Heimdal layout)');
  }
  padding(b, start + (packed ? 92 : 96));
  const values = typedValueFields(b, exts.field, exts.count, 'ExtensionValueBytes', spec);
  decodePayload(ctx, node, start, b.end, b.headerEnd, [
    {
      field: schemes.field,
      decode: (n, s, e) => {
        n.type = 'AUTH_SCHEME array';
        for (let at = s; at + 16 <= e; at += 16) guidLeaf(bytes, n, 'AuthScheme', at);
      },
    },
    { field: exts.field, decode: (n, s, e) => decodeTypedArray(b, n, s, e, 'Extension', values) },
    ...values.map((f): PayloadItem => ({ field: f })),
  ]);
}

/**
 * Microsoft's C layout pads each USHORT-count vector to 8 bytes; MIT and Heimdal pack them
 * (offset 80, count 84, offset 86, count 90). Read the packed form only when the Microsoft
 * reading looks wrong (non-zero padding or an impossible extension vector) and the packed one
 * fits (MIT krb5 src/lib/gssapi/spnego/negoex_util.c, negoex_add_nego_message()).
 */
function packedVectors(
  bytes: Uint8Array,
  start: number,
  headerLength: number,
  length: number,
): boolean {
  const fits = (offset: number, count: number) =>
    count === 0 || (offset >= headerLength && offset + count * 12 <= length);
  const msFits = fits(readU32LE(bytes, start + 88), readU16LE(bytes, start + 92));
  const padSet = readU16LE(bytes, start + 86) !== 0;
  return (padSet || !msFits) && fits(readU32LE(bytes, start + 86), readU16LE(bytes, start + 90));
}

/**
 * The BYTE_VECTORs inside an EXTENSION or ALERT array, read ahead so their bytes can take their
 * place in the payload. Their errors land on the message until the array's own nodes exist.
 */
function typedValueFields(
  b: Body,
  array: PayloadField,
  count: number,
  name: string,
  spec: string,
): PayloadField[] {
  const out: PayloadField[] = [];
  const bytes = b.ctx.bytes;
  for (let i = 0; i < count; i++) {
    const at = b.start + array.offset + 12 * i;
    if (at < b.headerEnd || at + 12 > b.end) break;
    const len = readU32LE(bytes, at + 8);
    const offset = readU32LE(bytes, at + 4);
    out.push({
      name,
      node: b.node,
      len,
      maxLen: len,
      offset,
      spec,
      lenAt: at + 8,
      offsetAt: at + 4,
    });
  }
  return out;
}

/** EXTENSION or ALERT elements: a ULONG type and a BYTE_VECTOR value each. */
function decodeTypedArray(
  b: Body,
  array: Node,
  start: number,
  end: number,
  kind: 'Extension' | 'Alert',
  values: PayloadField[],
): void {
  const bytes = b.ctx.bytes;
  array.type = `${kind.toUpperCase()} array`;
  for (let i = 0, at = start; at + 12 <= end; i++, at += 12) {
    const element = addChild(array, {
      name: kind.toUpperCase(),
      offset: at,
      length: 12,
      type: kind.toUpperCase(),
    });
    const type = readU32LE(bytes, at);
    const label =
      kind === 'Extension'
        ? type & NEGOEX_EXTENSION_CRITICAL
          ? 'critical'
          : 'not critical'
        : (NEGOEX_ALERT_TYPES[type] ?? 'unknown alert type');
    leaf(bytes, element, `${kind}Type`, at, 4, { type: 'uint32le', value: type, label });
    const vector = readByteVector(bytes, element, at + 4, `${kind}Value`, b.node.spec ?? '');
    if (values[i]) values[i].node = vector.node;
  }
}

/** EXCHANGE_MESSAGE [§2.2.6.4]. */
export function decodeExchange(b: Body): void {
  const { ctx, node, start } = b;
  const bytes = ctx.bytes;
  const spec = 'MS-NEGOEX §2.2.6.4';
  guidLeaf(bytes, node, 'AuthScheme', start + 40, spec);
  const exchange = readByteVector(bytes, node, start + 56, 'Exchange', spec);
  padding(b, start + 64);
  decodePayload(ctx, node, start, b.end, b.headerEnd, [
    { field: exchange, decode: (n, s, e) => exchangeInto(b, n, s, e) },
  ]);
}

function exchangeInto(b: Body, node: Node, start: number, end: number): void {
  const { ctx, options } = b;
  node.type = 'bytes';
  node.value = toHex(ctx.bytes, start, end);
  if (options.decodeExchange) {
    const hook = options.decodeExchange;
    contain(ctx, node, () => hook(ctx, node, start, end));
    return;
  }
  // A GSS token (0x60) is not one plain TLV inside; only metadata DER is shown generically.
  if (ctx.bytes[start] === 0x60) {
    node.label = 'GSS-API token';
    return;
  }
  const probe: DecodeContext = { bytes: ctx.bytes, errors: [], warnings: [], depth: ctx.depth };
  try {
    const tree = decodeGeneric(probe, null, start, end);
    if (probe.errors.length === 0 && tree.offset + tree.length === end) {
      addChild(node, tree);
      ctx.warnings.push(...probe.warnings);
      node.label = 'DER';
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
}

/** VERIFY_MESSAGE [§2.2.6.5] with its CHECKSUM [§2.2.5.1.3]. */
export function decodeVerify(b: Body): void {
  const { ctx, node, start } = b;
  const bytes = ctx.bytes;
  const spec = 'MS-NEGOEX §2.2.6.5';
  guidLeaf(bytes, node, 'AuthScheme', start + 40, spec);
  const at = start + 56;
  const checksum = addChild(node, {
    name: 'Checksum',
    offset: at,
    length: 20,
    type: 'CHECKSUM',
    spec: 'MS-NEGOEX §2.2.5.1.3',
  });
  const headerLength = readU32LE(bytes, at);
  const h = leaf(bytes, checksum, 'cbHeaderLength', at, 4, {
    type: 'uint32le',
    value: headerLength,
  });
  if (headerLength !== 20) warn(ctx, h, at, `CHECKSUM cbHeaderLength ${headerLength}; it is 20`);
  const scheme = readU32LE(bytes, at + 4);
  leaf(bytes, checksum, 'ChecksumScheme', at + 4, 4, {
    type: 'uint32le',
    value: scheme,
    label: NEGOEX_CHECKSUM_SCHEMES[scheme] ?? 'unknown checksum scheme',
  });
  const type = readU32LE(bytes, at + 8);
  const typeName = CHECKSUM_TYPES[type] ?? 'unknown checksum type';
  leaf(bytes, checksum, 'ChecksumType', at + 8, 4, {
    type: 'uint32le',
    value: type,
    label: typeName,
  });
  checksum.label = typeName;
  const value = readByteVector(bytes, checksum, at + 12, 'ChecksumValue', spec);
  padding(b, start + 76);
  decodePayload(ctx, node, start, b.end, b.headerEnd, [
    {
      field: value,
      decode: (n, s, e) =>
        Object.assign(n, { type: 'bytes', value: toHex(bytes, s, e), label: typeName }),
    },
  ]);
}

/** ALERT_MESSAGE [§2.2.6.6]; ALERT_PULSE values are decoded [§2.2.5.1.2]. */
export function decodeAlert(b: Body): void {
  const { ctx, node, start } = b;
  const bytes = ctx.bytes;
  const spec = 'MS-NEGOEX §2.2.6.6';
  guidLeaf(bytes, node, 'AuthScheme', start + 40, spec);
  const code = readU32LE(bytes, start + 56);
  leaf(bytes, node, 'ErrorCode', start + 56, 4, {
    type: 'uint32le',
    value: code,
    label: `NTSTATUS 0x${code.toString(16).padStart(8, '0')}`,
  });
  const alerts = readCountVector(bytes, node, start + 60, 'Alerts', 'Alert', spec);
  padding(b, start + 68);
  const values = typedValueFields(b, alerts.field, alerts.count, 'AlertValueBytes', spec);
  const types = values.map((f) => readU32LE(bytes, f.offsetAt - 4));
  decodePayload(ctx, node, start, b.end, b.headerEnd, [
    { field: alerts.field, decode: (n, s, e) => decodeTypedArray(b, n, s, e, 'Alert', values) },
    ...values.map((f, i): PayloadItem => ({
      field: f,
      decode: (n, s, e) => alertValueInto(b, n, s, e, types[i]),
    })),
  ]);
}

function alertValueInto(b: Body, node: Node, start: number, end: number, type: number): void {
  const bytes = b.ctx.bytes;
  node.type = 'bytes';
  node.value = toHex(bytes, start, end);
  if (type !== 1 || end - start < 8) return;
  node.type = 'ALERT_PULSE';
  const reason = readU32LE(bytes, start + 4);
  node.label = NEGOEX_ALERT_REASONS[reason] ?? `reason ${reason}`;
  leaf(bytes, node, 'cbHeaderLength', start, 4, {
    type: 'uint32le',
    value: readU32LE(bytes, start),
  });
  leaf(bytes, node, 'Reason', start + 4, 4, { type: 'uint32le', value: reason, label: node.label });
}
