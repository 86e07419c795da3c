import type { DecodeContext } from '../context';
import type { Node } from '../tree';
import type { Tlv } from '../der/reader';
import type * as asn1js from 'asn1js';

/**
 * One description per ASN.1 structure, read in both directions: `decode.ts` walks bytes with it
 * into positioned nodes, `encode.ts` builds DER with asn1js from it. Explicit tags everywhere,
 * as both the SPNEGO (RFC 4178 §4) and Kerberos (RFC 4120 App. A) modules are `EXPLICIT TAGS`.
 */
export type Schema = SequenceSchema | SequenceOfSchema | PrimitiveSchema | ApplicationSchema;

interface Described {
  /** The ASN.1 type name (`NegTokenResp`, `PrincipalName`, `MechType`). */
  typeName: string;
  /** Section that defines it. */
  spec?: string;
}

export interface FieldSchema {
  name: string;
  /** Context-specific tag number: the field is `[tag] EXPLICIT type`. */
  tag: number;
  type: Schema;
  optional?: boolean;
  spec?: string;
  /** A fixed human label for the field's node. */
  label?: string;
}

export interface SequenceSchema extends Described {
  kind: 'sequence';
  fields: FieldSchema[];
}

export interface SequenceOfSchema extends Described {
  kind: 'sequenceOf';
  item: Schema;
}

/** `[APPLICATION n] inner` (Kerberos messages). */
export interface ApplicationSchema extends Described {
  kind: 'application';
  tagNumber: number;
  inner: Schema;
}

export interface PrimitiveSchema extends Described {
  kind: 'primitive';
  /** The full identifier octet expected (`0x02` INTEGER, `0x04` OCTET STRING, …). */
  tag: number;
  /** Fills `value`, `label`, maybe `children` of the node from the element's content. */
  decode(ctx: DecodeContext, node: Node, tlv: Tlv): void;
  encode(value: unknown): asn1js.BaseBlock;
}

/** A value ready to encode: objects for sequences, arrays for SEQUENCE OF, as each primitive says. */
export type Asn1Value = unknown;

export function sequence(typeName: string, fields: FieldSchema[], spec?: string): SequenceSchema {
  return { kind: 'sequence', typeName, fields, spec };
}

export function sequenceOf(typeName: string, item: Schema, spec?: string): SequenceOfSchema {
  return { kind: 'sequenceOf', typeName, item, spec };
}

export function application(
  tagNumber: number,
  inner: Schema,
  typeName = inner.typeName,
  spec = inner.spec,
): ApplicationSchema {
  return { kind: 'application', typeName, tagNumber, inner, spec };
}

export function field(
  tag: number,
  name: string,
  type: Schema,
  options: { optional?: boolean; spec?: string } = {},
): FieldSchema {
  return { tag, name, type, ...options };
}

export function optional(tag: number, name: string, type: Schema, spec?: string): FieldSchema {
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
