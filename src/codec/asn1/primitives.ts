import * as asn1js from 'asn1js';
import { fail, warn } from '../context';
import {
  integerIsMinimal,
  printable,
  readBitString,
  readGeneralizedTime,
  readInteger,
  readOid,
  readUtf8,
} from '../der/values';
import { oidName } from '../../data/oids';
import type { DecodeContext } from '../context';
import type { Node } from '../tree';
import type { PrimitiveSchema } from './schema';
import type { Tlv } from '../der/reader';
import { decodeLatin1, toHex } from '../../bytes';

const UNIVERSAL = 1; // asn1js tag class numbers: 1 universal, 2 application, 3 context

function buf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

export function oid(typeName = 'OBJECT IDENTIFIER', spec?: string): PrimitiveSchema<string> {
  return {
    kind: 'primitive',
    typeName,
    spec,
    tag: 0x06,
    decode(ctx, node, tlv) {
      node.value = readOid(ctx.bytes, tlv.contentOffset, tlv.end);
      node.label = oidName(node.value);
    },
    read: (bytes, tlv) => readOid(bytes, tlv.contentOffset, tlv.end),
    encode: (value) => new asn1js.ObjectIdentifier({ value }),
  };
}

/** Names for numeric codes (etypes, name types, error codes): shown as the label. */
export type NameTable = Record<number, string>;

export function integer(
  typeName = 'INTEGER',
  names?: NameTable,
  spec?: string,
): PrimitiveSchema<number> {
  return {
    kind: 'primitive',
    typeName,
    spec,
    tag: 0x02,
    decode(ctx, node, tlv) {
      const v = readInteger(ctx.bytes, tlv.contentOffset, tlv.end);
      node.value = v;
      if (!integerIsMinimal(ctx.bytes, tlv.contentOffset, tlv.end)) {
        warn(ctx, node, tlv.contentOffset, 'INTEGER not in its shortest form (not DER)');
      }
      if (typeof v === 'number' && v < 0 && tlv.end - tlv.contentOffset === 4) {
        // Windows and MIT encode UInt32 kvno / seq-number as signed (MIT krb5
        // src/lib/krb5/asn.1/asn1_k_encode.c, comments on seqno and kvno).
        node.label = `${v} (unsigned ${v + 2 ** 32})`;
      }
      if (names && typeof v === 'number') node.label = names[v] ?? node.label ?? `unknown (${v})`;
    },
    read: (bytes, tlv) => readSmallInteger(bytes, tlv),
    encode: (value) => encodeInteger(value),
  };
}

/** An INTEGER as a typed value: every Kerberos and SPNEGO integer fits in a JavaScript number. */
function readSmallInteger(bytes: Uint8Array, tlv: Tlv): number {
  const v = readInteger(bytes, tlv.contentOffset, tlv.end);
  if (typeof v !== 'number') fail(tlv.contentOffset, `INTEGER ${v} is too large for this field`);
  return v;
}

export function encodeInteger(value: number | bigint): asn1js.Integer {
  if (typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) < 2 ** 31) {
    return new asn1js.Integer({ value });
  }
  let v = BigInt(value);
  const bytes: number[] = [];
  const negative = v < 0n;
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (negative ? v !== -1n || !(bytes[0] & 0x80) : v !== 0n || bytes[0] & 0x80);
  return new asn1js.Integer({ valueHex: buf(new Uint8Array(bytes)) });
}

export function enumerated(
  typeName: string,
  names: NameTable,
  spec?: string,
): PrimitiveSchema<number> {
  return {
    kind: 'primitive',
    typeName,
    spec,
    tag: 0x0a,
    decode(ctx, node, tlv) {
      const v = readInteger(ctx.bytes, tlv.contentOffset, tlv.end);
      node.value = v;
      node.label = typeof v === 'number' ? (names[v] ?? `unknown (${v})`) : undefined;
    },
    read: (bytes, tlv) => readSmallInteger(bytes, tlv),
    encode: (value) => new asn1js.Enumerated({ value }),
  };
}

/**
 * An ENUMERATED whose values are the indices of `names`; its typed value is the name. A number
 * outside the list decodes into the tree (labelled unknown) but fails a typed read.
 */
export function namedEnumerated<const N extends readonly string[]>(
  typeName: string,
  names: N,
  spec?: string,
): PrimitiveSchema<N[number]> {
  const base = enumerated(typeName, { ...names }, spec);
  return {
    kind: 'primitive',
    typeName,
    spec,
    tag: base.tag,
    decode: base.decode,
    read(bytes, tlv) {
      const v = readSmallInteger(bytes, tlv);
      if (!(v >= 0 && v < names.length))
        fail(tlv.contentOffset, `${typeName} ${v} is not defined${spec ? ` (${spec})` : ''}`);
      return names[v];
    },
    encode: (name) => base.encode(names.indexOf(name)),
  };
}

/** A BIT STRING's typed value: the indices of the set bits (0 = first, most significant) and its size in bits. */
export interface BitStringValue {
  bits: number[];
  size?: number;
}

/** A BIT STRING with named bits; the node's value is the hex of the bits, the label the set names. */
export function bitString(
  typeName: string,
  names: Record<number, string>,
  spec?: string,
): PrimitiveSchema<BitStringValue> {
  return {
    kind: 'primitive',
    typeName,
    spec,
    tag: 0x03,
    decode(ctx, node, tlv) {
      const bits = readBitString(ctx.bytes, tlv.contentOffset, tlv.end);
      node.value = bits.hex;
      node.label = bits.set.map((b) => names[b] ?? `bit ${b}`).join(', ') || 'none';
    },
    read(bytes, tlv) {
      const bits = readBitString(bytes, tlv.contentOffset, tlv.end);
      return { bits: bits.set, size: (tlv.end - tlv.contentOffset - 1) * 8 - bits.unusedBits };
    },
    encode: ({ bits, size }) => encodeBitString(bits, size),
  };
}

/**
 * `size` fixes the length in bits (Kerberos flags are always 32 bits, RFC 4120 §5.2.8); without
 * it, trailing zero bits are dropped as DER requires for named-bit lists (RFC 4178 §4.2.1).
 */
export function encodeBitString(bits: number[], size?: number): asn1js.BitString {
  const highest = bits.length ? Math.max(...bits) + 1 : 0;
  const total = size ?? highest;
  const data = new Uint8Array(Math.ceil(total / 8));
  for (const b of bits) data[b >> 3] |= 0x80 >> (b & 7);
  const unusedBits = data.length * 8 - total;
  return new asn1js.BitString({ valueHex: buf(data), unusedBits });
}

export type InnerDecoder = (ctx: DecodeContext, node: Node, start: number, end: number) => void;

/** OCTET STRING; `inner` decodes what it carries (a mechanism token, a MIC) as children. */
export function octetString(
  typeName = 'OCTET STRING',
  inner?: InnerDecoder,
  spec?: string,
): PrimitiveSchema<Uint8Array> {
  return {
    kind: 'primitive',
    typeName,
    spec,
    tag: 0x04,
    decode(ctx, node, tlv) {
      if (inner && tlv.end > tlv.contentOffset) inner(ctx, node, tlv.contentOffset, tlv.end);
      else node.value = toHex(ctx.bytes, tlv.contentOffset, tlv.end);
    },
    read: (bytes, tlv) => bytes.slice(tlv.contentOffset, tlv.end),
    encode: (value) => new asn1js.OctetString({ valueHex: buf(value) }),
  };
}

/** KerberosString, Realm, hintName: GeneralString carrying bytes, shown as Latin-1 (RFC 4120 §5.2.1). */
export function generalString(typeName = 'GeneralString', spec?: string): PrimitiveSchema<string> {
  return {
    kind: 'primitive',
    typeName,
    spec,
    tag: 0x1b,
    decode(ctx, node, tlv) {
      node.value = decodeLatin1(ctx.bytes, tlv.contentOffset, tlv.end);
      for (let i = tlv.contentOffset; i < tlv.end; i++) {
        if (ctx.bytes[i] > 0x7e || ctx.bytes[i] < 0x20) {
          warn(ctx, node, i, 'GeneralString holds non-ASCII or control bytes');
          node.label = printable(node.value);
          break;
        }
      }
    },
    read: (bytes, tlv) => decodeLatin1(bytes, tlv.contentOffset, tlv.end),
    encode: (value) =>
      new asn1js.Primitive({
        idBlock: { tagClass: UNIVERSAL, tagNumber: 27 },
        valueHex: buf(Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff)),
      }),
  };
}

export function utf8String(typeName = 'UTF8String', spec?: string): PrimitiveSchema<string> {
  return {
    kind: 'primitive',
    typeName,
    spec,
    tag: 0x0c,
    decode(ctx, node, tlv) {
      node.value = readUtf8(ctx.bytes, tlv.contentOffset, tlv.end);
    },
    read: (bytes, tlv) => readUtf8(bytes, tlv.contentOffset, tlv.end),
    encode: (value) => new asn1js.Utf8String({ value }),
  };
}

/** KerberosTime: GeneralizedTime `YYYYMMDDHHMMSSZ`; value as ISO-8601. */
export function generalizedTime(typeName = 'KerberosTime', spec?: string): PrimitiveSchema<string> {
  return {
    kind: 'primitive',
    typeName,
    spec,
    tag: 0x18,
    decode(ctx, node, tlv) {
      node.value = readGeneralizedTime(ctx.bytes, tlv.contentOffset, tlv.end);
      if (tlv.end - tlv.contentOffset !== 15) {
        warn(
          ctx,
          node,
          tlv.contentOffset,
          'KerberosTime should be exactly 15 characters (RFC 4120 §5.2.3)',
        );
      }
    },
    read: (bytes, tlv) => readGeneralizedTime(bytes, tlv.contentOffset, tlv.end),
    encode(iso) {
      // Built by hand: asn1js would add fractional seconds, which KerberosTime forbids.
      const text = iso.replace(/\.\d+Z$/, 'Z').replace(/[-:T]/g, '');
      return new asn1js.Primitive({
        idBlock: { tagClass: UNIVERSAL, tagNumber: 24 },
        valueHex: buf(new TextEncoder().encode(text)),
      });
    },
  };
}

export function boolean(typeName = 'BOOLEAN', spec?: string): PrimitiveSchema<boolean> {
  return {
    kind: 'primitive',
    typeName,
    spec,
    tag: 0x01,
    decode(ctx, node, tlv) {
      if (tlv.end - tlv.contentOffset !== 1)
        fail(tlv.contentOffset, 'BOOLEAN must have one content octet');
      node.value = ctx.bytes[tlv.contentOffset] !== 0;
    },
    read(bytes, tlv) {
      if (tlv.end - tlv.contentOffset !== 1)
        fail(tlv.contentOffset, 'BOOLEAN must have one content octet');
      return bytes[tlv.contentOffset] !== 0;
    },
    encode: (value) => new asn1js.Boolean({ value }),
  };
}
