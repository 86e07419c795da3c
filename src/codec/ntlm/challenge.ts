import { warn, type DecodeContext } from '../context';
import { leaf, need } from '../binary';
import type { Node } from '../tree';
import { decodeAvPairs } from './avpairs';
import {
  decodeNegotiateFlags,
  decodeStringInto,
  decodeVersion,
  fixedBytes,
  hex32,
  messageCharset,
} from './common';
import { decodePayload, firstPayloadOffset, readPayloadField, type PayloadItem } from './payload';

const SPEC = 'MS-NLMP §2.2.1.2';

/**
 * CHALLENGE_MESSAGE body after Signature and MessageType [MS-NLMP §2.2.1.2]. Reserved,
 * TargetInfoFields and Version are each read only when the payload starts after them: old
 * servers send 32-, 40- or 48-byte fixed parts (Chromium's tests keep a 32-byte one).
 */
export function decodeChallenge(ctx: DecodeContext, msg: Node, start: number, end: number): void {
  const b = ctx.bytes;
  need(b, start + 12, 8, end, 'TargetNameFields');
  const targetName = readPayloadField(ctx, msg, start + 12, 'TargetName', SPEC);
  const { flags, node: flagsNode } = decodeNegotiateFlags(ctx, msg, start + 20, end);
  fixedBytes(ctx, msg, 'ServerChallenge', start + 24, 8, end, SPEC, '8-byte nonce');
  const length = end - start;
  const firstBeforeInfo = firstPayloadOffset([targetName], length);
  let fixedEnd = start + 32;
  if (firstBeforeInfo >= 40) {
    leaf(b, msg, 'Reserved', start + 32, 8, { type: 'bytes', spec: SPEC, label: 'must be zero' });
    fixedEnd = start + 40;
  }
  const fields = [targetName];
  if (firstBeforeInfo >= 48) {
    fields.push(readPayloadField(ctx, msg, start + 40, 'TargetInfo', SPEC));
    fixedEnd = start + 48;
  }
  if (firstPayloadOffset(fields, length) >= 56) {
    decodeVersion(ctx, msg, start + 48, flags);
    fixedEnd = start + 56;
  }
  const charset = messageCharset(ctx, flagsNode, flags);
  const items: PayloadItem[] = [
    { field: targetName, decode: (n, s, e) => decodeStringInto(ctx, n, s, e, charset) },
  ];
  if (fields[1]) {
    items.push({ field: fields[1], decode: (n, s, e) => decodeTargetInfo(ctx, n, s, e) });
  }
  decodePayload(ctx, msg, start, end, fixedEnd, items);
  msg.label = `CHALLENGE, flags ${hex32(flags)}`;
}

/** TargetInfo: an AV_PAIR list; bytes after MsvAvEOL are shown and flagged. */
function decodeTargetInfo(ctx: DecodeContext, node: Node, start: number, end: number): void {
  node.type = 'AV_PAIR list';
  const listEnd = decodeAvPairs(ctx, node, start, end);
  if (listEnd < end) {
    leaf(ctx.bytes, node, 'Padding', listEnd, end - listEnd, {
      type: 'bytes',
      label: 'after MsvAvEOL',
    });
    warn(ctx, node, listEnd, `${end - listEnd} bytes after MsvAvEOL inside TargetInfo`);
  }
}
