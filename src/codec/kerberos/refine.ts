import { decodeBody, decodeElement } from '../asn1/decode';
import { encodeBlock } from '../asn1/encode';
import { readBody } from '../asn1/read';
import { bitString, encodeBitString } from '../asn1/primitives';
import { outerTag, type PrimitiveSchema, type Schema } from '../asn1/schema';
import { DecodeError, warn, type DecodeContext } from '../context';
import { addChild, type Node, type NodeValue } from '../tree';

/**
 * A schema read and written exactly as `base`, whose decoded node is then refined by `after`:
 * labels built from several fields, or a field whose meaning depends on a sibling (padata-value by
 * padata-type, RFC 4120 §5.2.7). The core schema kinds have no such hook, so this wraps `base` in
 * a primitive schema carrying the same outer tag.
 */
export interface RefinedSchema<T = unknown> extends PrimitiveSchema<T> {
  /** The structure as written (what a value for `toDer` follows). */
  base: Schema<T>;
}

export function refined<T>(
  base: Schema<T>,
  after: (ctx: DecodeContext, node: Node) => void,
): RefinedSchema<T> {
  return {
    kind: 'primitive',
    base,
    typeName: base.typeName,
    spec: base.spec,
    tag: outerTag(base),
    decode(ctx, node, tlv) {
      // decodeBody of a primitive set `type` from the tag alone; let `base` describe itself.
      delete node.type;
      decodeBody(ctx, node, base, tlv);
      after(ctx, node);
    },
    read: (bytes, tlv) => readBody(base, bytes, tlv),
    encode: (value) => encodeBlock(base, value),
  };
}

/**
 * KerberosFlags (RFC 4120 §5.2.8): a BIT STRING always sent as exactly 32 bits. Its typed value
 * is the 32-bit mask, bit 0 the most significant (`0x20000000` = bit 2, see `flagMask`); a read
 * ignores bits past 31, decoding flags any length but 32.
 */
export function kerberosFlags(
  typeName: string,
  names: Record<number, string>,
  spec: string,
): PrimitiveSchema<number> {
  const base = bitString(typeName, names, spec);
  return {
    kind: 'primitive',
    typeName,
    spec,
    tag: base.tag,
    decode(ctx, node, tlv) {
      base.decode(ctx, node, tlv);
      if (tlv.end - tlv.contentOffset !== 5 || ctx.bytes[tlv.contentOffset] !== 0) {
        warn(ctx, node, tlv.offset, `${typeName} is not 32 bits (RFC 4120 §5.2.8)`);
      }
    },
    read: (bytes, tlv) => flagMask(base.read(bytes, tlv).bits),
    encode(value) {
      const bits: number[] = [];
      for (let b = 0; b < 32; b++) if ((value >>> (31 - b)) & 1) bits.push(b);
      return encodeBitString(bits, 32);
    },
  };
}

/** The KerberosFlags mask with these bits set (bit 0 is the most significant, RFC 4120 §5.2.8). */
export function flagMask(bits: readonly number[]): number {
  return bits.reduce((mask, b) => (b < 32 ? (mask | (0x80000000 >>> b)) >>> 0 : mask), 0);
}

export function child(node: Node, name: string): Node | undefined {
  return node.children?.find((c) => c.name === name);
}

export function childValue(node: Node, name: string): NodeValue | undefined {
  return child(node, name)?.value;
}

/** Content bytes of a decoded TLV node: its headers (tags folded in) excluded. */
export function contentRange(node: Node): [number, number] {
  return [node.offset + (node.headerLength ?? 0), node.offset + node.length];
}

/**
 * Decodes `[start, end)` as exactly one `schema` element inside `holder` (an OCTET STRING whose
 * meaning is known from elsewhere). Nothing is added and null returned when it does not parse or
 * does not fill the range, so the caller can try something else or leave the bytes as hex.
 */
export function decodeWhole(
  ctx: DecodeContext,
  holder: Node,
  schema: Schema,
  start: number,
  end: number,
  name?: string,
): Node | null {
  // Like the core's tryDecode, but the span is checked before the probe's warnings are kept.
  const probe: DecodeContext = { bytes: ctx.bytes, errors: [], warnings: [], depth: ctx.depth };
  let node: Node;
  try {
    node = decodeElement(probe, null, schema, start, end, name);
  } catch (e) {
    if (e instanceof DecodeError) return null;
    throw e;
  }
  if (probe.errors.length > 0 || node.offset + node.length !== end) return null;
  ctx.warnings.push(...probe.warnings);
  delete holder.value;
  return addChild(holder, node);
}
