import * as asn1js from 'asn1js';
import type { Asn1Value, Schema } from './schema';

/**
 * Builds DER from the same schema the decoder reads, with asn1js. Values: an object keyed by
 * field name for a SEQUENCE (absent optional fields left undefined), an array for SEQUENCE OF,
 * whatever the primitive's `encode` takes otherwise.
 */
export function encodeBlock<T>(schema: Schema<T>, value: T): asn1js.BaseBlock {
  switch (schema.kind) {
    case 'primitive':
      return schema.encode(value);
    case 'application':
      return new asn1js.Constructed({
        idBlock: { tagClass: 2, tagNumber: schema.tagNumber },
        value: [encodeBlock(schema.inner, value)],
      });
    case 'sequenceOf':
      return new asn1js.Sequence({
        value: (value as Asn1Value[]).map((v) => encodeBlock(schema.item, v)),
      });
    case 'sequence': {
      const record = value as Record<string, Asn1Value>;
      const items: asn1js.BaseBlock[] = [];
      for (const f of schema.fields) {
        const v = record[f.name];
        if (v === undefined || v === null) {
          if (!f.optional) throw new Error(`${schema.typeName}.${f.name} is required`);
          continue;
        }
        items.push(
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: f.tag },
            value: [encodeBlock(f.type, v)],
          }),
        );
      }
      return new asn1js.Sequence({ value: items });
    }
  }
}

export function toDer<T>(schema: Schema<T>, value: T): Uint8Array {
  return new Uint8Array(encodeBlock(schema, value).toBER(false));
}

/** DER of `[tagNumber] EXPLICIT` around an already encoded element (a CHOICE alternative). */
export function explicitContext(tagNumber: number, inner: asn1js.BaseBlock): asn1js.BaseBlock {
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value: [inner] });
}
