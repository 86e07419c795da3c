import type { DecodeContext } from '../context';
import type { Node } from '../tree';
import type { Tlv } from '../der/reader';
import type * as asn1js from 'asn1js';

/**
 * One description per ASN.1 structure, read in three ways: `decode.ts` walks bytes with it into
 * the positioned nodes the inspector shows, `read.ts` into a typed value (what the state machines
 * use), `encode.ts` builds DER with asn1js from a typed value. Explicit tags everywhere, as both
 * the SPNEGO (RFC 4178 §4) and Kerberos (RFC 4120 App. A) modules are `EXPLICIT TAGS`.
 *
 * `T` is the value type: a primitive's (string for an OID, Uint8Array for an OCTET STRING…), an
 * object keyed by field name for a SEQUENCE (optional fields optional), an array for SEQUENCE OF.
 * It is inferred from the definition, so `SchemaValue<typeof NegTokenResp>` is the typed message.
 */
export type Schema<T = unknown> =
  SequenceSchema<T> | SequenceOfSchema<T> | PrimitiveSchema<T> | ApplicationSchema<T>;

interface Described<T> {
  /** The ASN.1 type name (`NegTokenResp`, `PrincipalName`, `MechType`). */
  typeName: string;
  /** Section that defines it. */
  spec?: string;
  /** Never set: carries the value type for inference. */
  readonly __value?: T;
}

/** The typed value a schema reads and encodes. */
export type SchemaValue<S> = S extends { readonly __value?: infer T } ? T : never;

export interface FieldSchema<N extends string = string, T = unknown, O extends boolean = boolean> {
  name: N;
  /** Context-specific tag number: the field is `[tag] EXPLICIT type`. */
  tag: number;
  type: Schema<T>;
  optional: O;
  spec?: string;
  /** A fixed human label for the field's node. */
  label?: string;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** `{ name: value }` for the fields of a SEQUENCE: required ones required, optional ones optional. */
export type FieldsValue<F extends readonly FieldSchema[]> = Simplify<
  {
    [K in F[number] as K['optional'] extends true ? never : K['name']]: SchemaValue<K['type']>;
  } & {
    [K in F[number] as K['optional'] extends true ? K['name'] : never]?: SchemaValue<K['type']>;
  }
>;

export interface SequenceSchema<T = unknown> extends Described<T> {
  kind: 'sequence';
  fields: readonly FieldSchema[];
}

export interface SequenceOfSchema<T = unknown> extends Described<T> {
  kind: 'sequenceOf';
  item: Schema;
}

/** `[APPLICATION n] inner` (Kerberos messages). */
export interface ApplicationSchema<T = unknown> extends Described<T> {
  kind: 'application';
  tagNumber: number;
  inner: Schema<T>;
}

export interface PrimitiveSchema<T = unknown> extends Described<T> {
  kind: 'primitive';
  /** The full identifier octet expected (`0x02` INTEGER, `0x04` OCTET STRING, …). */
  tag: number;
  /** Fills `value`, `label`, maybe `children` of the node from the element's content. */
  decode(ctx: DecodeContext, node: Node, tlv: Tlv): void;
  /** The typed value of the element whose header is `tlv` (throws a positioned DecodeError). */
  read(bytes: Uint8Array, tlv: Tlv): T;
  encode(value: T): asn1js.BaseBlock;
}

/** A value ready to encode: objects for sequences, arrays for SEQUENCE OF, as each primitive says. */
export type Asn1Value = unknown;

export function sequence<const F extends readonly FieldSchema[]>(
  typeName: string,
  fields: F,
  spec?: string,
): SequenceSchema<FieldsValue<F>> {
  return { kind: 'sequence', typeName, fields, spec };
}

export function sequenceOf<T>(
  typeName: string,
  item: Schema<T>,
  spec?: string,
): SequenceOfSchema<T[]> {
  return { kind: 'sequenceOf', typeName, item, spec };
}

export function application<T>(
  tagNumber: number,
  inner: Schema<T>,
  typeName = inner.typeName,
  spec = inner.spec,
): ApplicationSchema<T> {
  return { kind: 'application', typeName, tagNumber, inner, spec };
}

export function field<const N extends string, T>(
  tag: number,
  name: N,
  type: Schema<T>,
  options: { spec?: string } = {},
): FieldSchema<N, T, false> {
  return { tag, name, type, optional: false, ...options };
}

export function optional<const N extends string, T>(
  tag: number,
  name: N,
  type: Schema<T>,
  spec?: string,
): FieldSchema<N, T, true> {
  return { tag, name, type, optional: true, spec };
}

/** The identifier octet a schema's outermost element starts with. */
export function outerTag(schema: Schema): number {
  switch (schema.kind) {
    case 'sequence':
    case 'sequenceOf':
      return 0x30;
    case 'application':
      return 0x60 | schema.tagNumber;
    case 'primitive':
      return schema.tag;
  }
}
