import { asDecodeError, DecodeError, fail, MAX_DEPTH } from '../context';
import { readTlv, tagName, type Tlv } from '../der/reader';
import type { Issue } from '../tree';
import { contentEnd } from './decode';
import { outerTag, type FieldSchema, type Schema } from './schema';

/**
 * Reads DER into the typed value a schema describes — the same definition the inspector's tree
 * and the encoder use, so what a state machine acts on is what the inspector shows. Stricter than
 * the tree decoder: anything the tree would mark as an error makes the read fail, with the byte
 * offset, and nothing throws to the caller.
 */
export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: Issue };

export function readDer<T>(
  schema: Schema<T>,
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
): ReadResult<T> {
  try {
    const tlv = readTlv(bytes, start, end);
    if (tlv.end !== end) fail(tlv.end, `${end - tlv.end} bytes after the ${schema.typeName}`);
    return { ok: true, value: readElement(schema, bytes, tlv, 0) };
  } catch (e) {
    const err = asDecodeError(e, start);
    return { ok: false, error: { offset: err.offset, message: err.message } };
  }
}

/** The typed value of an element whose header was already read (throws a positioned DecodeError). */
export function readElement<T>(schema: Schema<T>, bytes: Uint8Array, tlv: Tlv, depth = 0): T {
  if (depth > MAX_DEPTH) fail(tlv.offset, `nesting deeper than ${MAX_DEPTH} levels`);
  expectTag(tlv, outerTag(schema), schema.typeName);
  return readBody(schema, bytes, tlv, depth);
}

/** The typed value of `tlv`'s content, read as `schema` (whose outer tag was already checked). */
export function readBody<T>(schema: Schema<T>, bytes: Uint8Array, tlv: Tlv, depth = 0): T {
  switch (schema.kind) {
    case 'primitive':
      return schema.read(bytes, tlv);
    case 'application':
      return readElement(schema.inner, bytes, only(bytes, tlv, schema.typeName), depth + 1);
    case 'sequenceOf': {
      const items: unknown[] = [];
      const end = contentEnd(tlv);
      for (let pos = tlv.contentOffset; pos < end;) {
        const item = readTlv(bytes, pos, end);
        items.push(readElement(schema.item, bytes, item, depth + 1));
        pos = item.end;
      }
      return items as T;
    }
    case 'sequence':
      return readFields(schema.fields, schema.typeName, bytes, tlv, depth) as T;
  }
}

function readFields(
  fields: readonly FieldSchema[],
  typeName: string,
  bytes: Uint8Array,
  tlv: Tlv,
  depth: number,
): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  let lastTag = -1;
  const end = contentEnd(tlv);
  for (let pos = tlv.contentOffset; pos < end;) {
    const wrapper = readTlv(bytes, pos, end);
    pos = wrapper.end;
    // Unknown context tags are allowed by the `...` extension marker and skipped.
    const f =
      wrapper.tagClass === 'context' ? fields.find((x) => x.tag === wrapper.tagNumber) : undefined;
    if (!f) continue;
    if (f.tag <= lastTag) fail(wrapper.offset, `${f.name} is out of tag order or repeated`);
    lastTag = f.tag;
    if (!wrapper.constructed)
      fail(wrapper.offset, `${f.name} [${f.tag}] must be a constructed explicit tag`);
    value[f.name] = readElement(f.type, bytes, only(bytes, wrapper, f.name), depth + 1);
  }
  const missing = fields.find((f) => !f.optional && !(f.name in value));
  if (missing) fail(end, `${typeName} lacks its required field ${missing.name} [${missing.tag}]`);
  return value;
}

/** The single element inside an explicit or application tag. */
function only(bytes: Uint8Array, wrapper: Tlv, name: string): Tlv {
  const end = contentEnd(wrapper);
  const inner = readTlv(bytes, wrapper.contentOffset, end);
  if (inner.end !== end)
    fail(inner.end, `${end - inner.end} unexpected bytes after the ${name} element inside its tag`);
  return inner;
}

function expectTag(tlv: Tlv, tag: number, name: string): void {
  if (tlv.tag !== tag)
    throw new DecodeError(
      tlv.offset,
      `expected ${tagName(tag)} (0x${tag.toString(16).padStart(2, '0')}) for ${name} but found 0x${tlv.tag.toString(16).padStart(2, '0')} at offset ${tlv.offset}`,
    );
}
