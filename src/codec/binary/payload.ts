import { contain, fail, warn, type DecodeContext } from '../context';
import { addChild, type Node } from '../tree';
import { readU16LE, readU32LE, toHex } from '../../bytes';
import { leaf } from './leaf';

/**
 * Payloads located by descriptors: a fixed part holds (length, offset) pairs, the items lie after
 * it in any order. MS-NLMP's 8-byte "Fields" (Len, MaxLen, BufferOffset, §2.2.1.1–§2.2.1.3) are
 * read here; MS-NEGOEX's vectors (§2.2.5.2) build the same `PayloadField` themselves. Offsets are
 * relative to the first byte of the structure, which may itself sit anywhere inside the token.
 */

export interface PayloadField {
  /** The payload item's spec name (`DomainName`); its descriptor node is `DomainNameFields`. */
  name: string;
  /** The descriptor node. */
  node: Node;
  len: number;
  maxLen: number;
  /** BufferOffset, relative to the structure's start. */
  offset: number;
  spec: string;
  /** Absolute positions of the length and offset fields, where errors about them point. */
  lenAt: number;
  offsetAt: number;
}

/** Reads one Len/MaxLen/BufferOffset descriptor at absolute `at` (the caller has checked the 8 bytes are there). */
export function readPayloadField(
  ctx: DecodeContext,
  parent: Node,
  at: number,
  name: string,
  spec: string,
): PayloadField {
  const bytes = ctx.bytes;
  const len = readU16LE(bytes, at);
  const maxLen = readU16LE(bytes, at + 2);
  const offset = readU32LE(bytes, at + 4);
  const node = addChild(parent, {
    name: `${name}Fields`,
    offset: at,
    length: 8,
    type: 'Fields',
    spec,
  });
  leaf(bytes, node, 'Len', at, 2, { type: 'uint16le', value: len });
  leaf(bytes, node, 'MaxLen', at + 2, 2, { type: 'uint16le', value: maxLen });
  leaf(bytes, node, 'BufferOffset', at + 4, 4, {
    type: 'uint32le',
    value: offset,
    label: 'from the start of the NTLM message',
  });
  node.label = len === 0 ? `${name}: empty` : `${name}: ${len} bytes at offset ${offset}`;
  // MaxLen "SHOULD be set to Len" and is ignored on receipt [MS-NLMP §2.2.1.1]: a note, no more.
  if (maxLen !== len) warn(ctx, node, at + 2, `MaxLen ${maxLen} differs from Len ${len} (ignored)`);
  return { name, node, len, maxLen, offset, spec, lenAt: at, offsetAt: at + 4 };
}

/** The smallest offset among non-empty items: where the payload really starts. */
export function firstPayloadOffset(fields: PayloadField[], messageLength: number): number {
  let first = messageLength;
  for (const f of fields) if (f.len > 0 && f.offset < first) first = f.offset;
  return first;
}

export interface PayloadItem {
  field: PayloadField;
  /** Decodes the item's bytes [start, end) into `node`; the default shows them as hex. */
  decode?: (node: Node, start: number, end: number) => void;
}

export interface PayloadOptions {
  /**
   * Empty items (length 0) get a zero-length node too, where their offset points when that is
   * inside the payload and in order, else where the items placed before it end — so every field a
   * sender described can be found in the tree, as Wireshark lists them.
   */
  emptyItems?: boolean;
}

/**
 * Places the non-empty items where their bytes are, in offset order, under one `Payload` node
 * covering [fixedEnd, messageEnd). A descriptor pointing into the fixed fields, past the message
 * or onto another item gets the error (or warning) on its own node; an item running past the end
 * is still shown, clipped, so what is there can be read. Errors inside an item stay inside it:
 * its length was fixed by its descriptor, so the next item can still be decoded.
 */
export function decodePayload(
  ctx: DecodeContext,
  message: Node,
  messageStart: number,
  messageEnd: number,
  fixedEnd: number,
  items: PayloadItem[],
  options: PayloadOptions = {},
): void {
  const emptyItems = options.emptyItems ?? false;
  const hasEmpty = emptyItems && items.some((i) => i.field.len === 0);
  const payload: Node | undefined =
    fixedEnd < messageEnd || hasEmpty
      ? addChild(message, { name: 'Payload', offset: fixedEnd, length: messageEnd - fixedEnd })
      : undefined;
  const present = items
    .filter((i) => emptyItems || i.field.len > 0)
    .map((item, index) => ({ item, index }))
    // An empty item sharing its offset with a non-empty one comes first (it ends where it starts).
    .sort(
      (a, b) =>
        a.item.field.offset - b.item.field.offset ||
        Number(a.item.field.len > 0) - Number(b.item.field.len > 0) ||
        a.index - b.index,
    )
    .map((x) => x.item);
  const messageLength = messageEnd - messageStart;
  let cursor = fixedEnd;
  let previous = '';
  for (const item of present) {
    const f = item.field;
    if (f.len === 0) {
      const at = messageStart + f.offset;
      const where = at >= cursor && at <= messageEnd ? at : cursor;
      // The next item goes after it: one whose offset lies outside the message sorts after items
      // in it but is placed at the cursor, so the cursor must follow every node placed.
      cursor = where;
      addChild(payload!, {
        name: f.name,
        offset: where,
        length: 0,
        type: 'empty',
        value: '',
        label: 'empty (Len 0)',
        spec: f.spec,
      });
      continue;
    }
    const start = messageStart + f.offset;
    const what = `${f.name} (${f.len} bytes at offset ${f.offset})`;
    if (start < fixedEnd) {
      report(ctx, f.node, f.offsetAt, `${what} overlaps the fixed fields of the message`);
      continue;
    }
    if (start >= messageEnd || !payload) {
      report(
        ctx,
        f.node,
        f.offsetAt,
        `${what} lies past the end of the ${messageLength}-byte message`,
      );
      continue;
    }
    if (start < cursor) {
      warn(ctx, f.node, f.offsetAt, `${what} overlaps ${previous}; shown only as its descriptor`);
      continue;
    }
    const end = Math.min(start + f.len, messageEnd);
    if (start + f.len > messageEnd) {
      report(
        ctx,
        f.node,
        f.lenAt,
        `${what} runs past the end of the ${messageLength}-byte message`,
      );
    }
    const node = addChild(payload, {
      name: f.name,
      offset: start,
      length: end - start,
      spec: f.spec,
    });
    const decode = item.decode;
    if (decode) contain(ctx, node, () => decode(node, start, end));
    else Object.assign(node, { type: 'bytes', value: toHex(ctx.bytes, start, end) });
    cursor = end;
    previous = f.name;
  }
}

/** Records a positioned error on `node` without stopping the caller. */
export function report(ctx: DecodeContext, node: Node, offset: number, message: string): void {
  contain(ctx, node, () => fail(offset, message));
}
