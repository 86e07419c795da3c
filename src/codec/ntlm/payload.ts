import { contain, fail, warn, type DecodeContext } from '../context';
import { leaf } from '../binary';
import { addChild, type Node } from '../tree';
import { readU16LE, readU32LE, toHex } from '../../bytes';

/**
 * The 8-byte "Fields" descriptors (Len, MaxLen, BufferOffset) and the payload they point into
 * [MS-NLMP §2.2.1.1–§2.2.1.3]. Offsets are relative to the first byte of the NTLM message, which
 * may itself sit anywhere inside the token.
 */

export interface PayloadField {
  /** The payload item's spec name (`DomainName`); its descriptor node is `DomainNameFields`. */
  name: string;
  /** The descriptor node. */
  node: Node;
  len: number;
  maxLen: number;
  /** BufferOffset, relative to the message start. */
  offset: number;
  spec: string;
  /** Absolute positions of the length and offset fields, where errors about them point. */
  lenAt: number;
  offsetAt: number;
}

/** Reads one descriptor at absolute `at` (the caller has checked the 8 bytes are there). */
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
  // MaxLen "SHOULD be set to Len" and is ignored on receipt [§2.2.1.1]: worth a note, no more.
  if (maxLen !== len) warn(ctx, node, at + 2, `MaxLen ${maxLen} differs from Len ${len} (ignored)`);
  return { name, node, len, maxLen, offset, spec, lenAt: at, offsetAt: at + 4 };
}

/** The smallest BufferOffset among non-empty items: where the payload really starts. */
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
): void {
  const payload: Node | undefined =
    fixedEnd < messageEnd
      ? addChild(message, { name: 'Payload', offset: fixedEnd, length: messageEnd - fixedEnd })
      : undefined;
  const present = items
    .filter((i) => i.field.len > 0)
    .sort((a, b) => a.field.offset - b.field.offset);
  const messageLength = messageEnd - messageStart;
  let cursor = fixedEnd;
  let previous = '';
  for (const item of present) {
    const f = item.field;
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
