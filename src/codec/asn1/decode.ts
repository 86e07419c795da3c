import { DecodeError, fail, warn, within, type DecodeContext } from '../context';
import { readTlvLenient, tagName, truncationMessage, type Tlv } from '../der/reader';
import { addChild, type Node } from '../tree';
import { outerTag, type FieldSchema, type Schema } from './schema';
import { toHex } from '../../bytes';

/**
 * Decodes one element described by `schema` at `offset` into a node named `name` appended to
 * `parent`. Explicit and application tags are folded into the node they wrap: the node covers the
 * outer tag, and `headerLength` spans every header up to the content.
 */
export function decodeElement(
  ctx: DecodeContext,
  parent: Node | null,
  schema: Schema,
  offset: number,
  limit: number,
  name: string = schema.typeName,
  spec?: string,
): Node {
  const outer = readTlvLenient(ctx.bytes, offset, limit);
  const node: Node = {
    name,
    offset,
    length: outer.end - offset,
    headerLength: outer.headerLength,
    spec: spec ?? schema.spec,
  };
  if (parent) addChild(parent, node);
  within(ctx, node, () => {
    checkDer(ctx, node, outer);
    expectTag(outer, outerTag(schema), name);
    decodeBody(ctx, node, schema, outer);
    failIfTruncated(outer, limit);
  });
  return node;
}

/** Decodes the content of an element whose header was already read into `node`. */
export function decodeBody(ctx: DecodeContext, node: Node, schema: Schema, tlv: Tlv): void {
  switch (schema.kind) {
    case 'application': {
      const inner = unwrap(ctx, node, tlv, outerTag(schema.inner), node.name);
      decodeBody(ctx, node, schema.inner, inner);
      node.type = `[APPLICATION ${schema.tagNumber}] ${node.type ?? ''}`.trim();
      failIfTruncated(inner, contentEnd(tlv));
      return;
    }
    case 'sequence':
      node.type ??= 'SEQUENCE';
      decodeFields(ctx, node, schema.fields, tlv);
      return;
    case 'sequenceOf': {
      node.type ??= 'SEQUENCE OF';
      let pos = tlv.contentOffset;
      const end = contentEnd(tlv);
      while (pos < end) {
        const item = decodeElement(ctx, node, schema.item, pos, end);
        pos = item.offset + item.length;
      }
      endOfContents(ctx, node, tlv);
      return;
    }
    case 'primitive':
      node.type ??= tagName(schema.tag);
      schema.decode(ctx, node, tlv);
      return;
  }
}

function decodeFields(
  ctx: DecodeContext,
  node: Node,
  fields: readonly FieldSchema[],
  tlv: Tlv,
): void {
  let pos = tlv.contentOffset;
  const end = contentEnd(tlv);
  let lastTag = -1;
  const seen = new Set<number>();
  while (pos < end) {
    const wrapper = readTlvLenient(ctx.bytes, pos, end);
    const f =
      wrapper.tagClass === 'context' ? fields.find((x) => x.tag === wrapper.tagNumber) : undefined;
    if (!f) {
      // Unknown fields are allowed by the `...` extension marker; show them raw.
      const unknown = decodeGeneric(ctx, node, pos, end, `[${wrapper.tagNumber}]`);
      warn(ctx, unknown, pos, `field ${tagName(wrapper.tag)} is not defined for ${node.name}`);
      pos = wrapper.end;
      continue;
    }
    if (f.tag <= lastTag)
      warn(ctx, node, pos, `${f.name} is out of tag order or repeated (not DER)`);
    lastTag = f.tag;
    seen.add(f.tag);
    decodeField(ctx, node, f, wrapper);
    pos = wrapper.end;
  }
  failIfTruncated(tlv, tlv.end);
  endOfContents(ctx, node, tlv);
  const missing = fields.find((f) => !f.optional && !seen.has(f.tag));
  if (missing) fail(end, `${node.name} lacks its required field ${missing.name} [${missing.tag}]`);
}

/** `[n] EXPLICIT T`: one node for the field, covering the context tag and the inner element. */
export function decodeField(
  ctx: DecodeContext,
  parent: Node | null,
  f: FieldSchema,
  wrapper: Tlv,
): Node {
  const node: Node = {
    name: f.name,
    offset: wrapper.offset,
    length: wrapper.end - wrapper.offset,
    headerLength: wrapper.headerLength,
    spec: f.spec ?? f.type.spec,
    label: f.label,
  };
  if (parent) addChild(parent, node);
  within(ctx, node, () => {
    checkDer(ctx, node, wrapper);
    if (!wrapper.constructed)
      fail(wrapper.offset, `${f.name} [${f.tag}] must be a constructed explicit tag`);
    const inner = unwrap(ctx, node, wrapper, outerTag(f.type), f.name);
    if (f.type.kind === 'application') {
      const innermost = unwrap(ctx, node, inner, outerTag(f.type.inner), f.name);
      decodeBody(ctx, node, f.type.inner, innermost);
      node.type = `[${f.tag}] [APPLICATION ${f.type.tagNumber}] ${node.type}`;
      failIfTruncated(innermost, contentEnd(inner));
    } else {
      decodeBody(ctx, node, f.type, inner);
      node.type = `[${f.tag}] ${node.type}`;
    }
    // An inner element claiming more than its explicit tag holds is as wrong as a truncation.
    failIfTruncated(inner, contentEnd(wrapper));
    failIfTruncated(wrapper, wrapper.end);
  });
  return node;
}

/**
 * Reads the single element inside a wrapper, checks its tag and folds its header into the node.
 * Anything after that element inside the wrapper is reported, not silently skipped.
 */
function unwrap(ctx: DecodeContext, node: Node, wrapper: Tlv, tag: number, name: string): Tlv {
  const end = contentEnd(wrapper);
  const inner = readTlvLenient(ctx.bytes, wrapper.contentOffset, end);
  checkDer(ctx, node, inner);
  expectTag(inner, tag, name);
  node.headerLength = (node.headerLength ?? 0) + inner.headerLength;
  if (inner.missing === 0 && inner.end !== end) {
    fail(inner.end, `${end - inner.end} unexpected bytes after the ${name} element inside its tag`);
  }
  return inner;
}

function expectTag(tlv: Tlv, tag: number, name: string): void {
  if (tlv.tag !== tag) {
    fail(
      tlv.offset,
      `expected ${tagName(tag)} (0x${hex2(tag)}) for ${name} but found 0x${hex2(tlv.tag)}`,
    );
  }
}

function checkDer(ctx: DecodeContext, node: Node, tlv: Tlv): void {
  if (tlv.indefinite) warn(ctx, node, tlv.offset, 'indefinite length (BER, not DER)');
  if (tlv.nonMinimalLength)
    warn(ctx, node, tlv.offset, 'length not in its shortest form (not DER)');
}

/** Content end, before a BER end-of-contents marker if there is one. */
export function contentEnd(tlv: Tlv): number {
  return tlv.indefinite ? tlv.end - 2 : tlv.end;
}

function endOfContents(ctx: DecodeContext, node: Node, tlv: Tlv): void {
  if (tlv.indefinite) {
    addChild(node, {
      name: 'end-of-contents',
      offset: tlv.end - 2,
      length: 2,
      type: 'EOC',
      value: '0000',
    });
  }
}

/**
 * An element of unknown meaning, shown as ASN.1: constructed elements are walked (bounded by the
 * context's depth limit), primitives shown as hex.
 */
export function decodeGeneric(
  ctx: DecodeContext,
  parent: Node | null,
  offset: number,
  limit: number,
  name?: string,
): Node {
  const tlv = readTlvLenient(ctx.bytes, offset, limit);
  const node: Node = {
    name: name ?? tagName(tlv.tag),
    offset,
    length: tlv.end - offset,
    headerLength: tlv.headerLength,
    type: tagName(tlv.tag),
  };
  if (parent) addChild(parent, node);
  within(ctx, node, () => {
    checkDer(ctx, node, tlv);
    if (tlv.constructed) {
      let pos = tlv.contentOffset;
      const end = contentEnd(tlv);
      while (pos < end) {
        const child = decodeGeneric(ctx, node, pos, end);
        pos = child.offset + child.length;
      }
      endOfContents(ctx, node, tlv);
    } else {
      node.value = toHex(ctx.bytes, tlv.contentOffset, tlv.end);
    }
    failIfTruncated(tlv, tlv.end);
  });
  return node;
}

/** After showing what a clipped element holds, report that its length ran past the data. */
function failIfTruncated(tlv: Tlv, limit: number): void {
  if (tlv.missing > 0) fail(limit, truncationMessage(tlv, limit));
}

/** Tries a schema; on failure returns null and leaves nothing behind (for sniffing). */
export function tryDecode(
  ctx: DecodeContext,
  schema: Schema,
  offset: number,
  limit: number,
): Node | null {
  const probe: DecodeContext = { bytes: ctx.bytes, errors: [], warnings: [], depth: ctx.depth };
  try {
    const node = decodeElement(probe, null, schema, offset, limit);
    if (probe.errors.length > 0) return null;
    ctx.warnings.push(...probe.warnings);
    return node;
  } catch (e) {
    if (e instanceof DecodeError) return null;
    throw e;
  }
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
