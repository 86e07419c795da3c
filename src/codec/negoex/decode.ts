import { contain, fail, warn, within, type DecodeContext } from '../context';
import { leaf, need } from '../binary';
import { addChild, type Node } from '../tree';
import {
  NEGOEX_FIXED_LENGTH,
  NEGOEX_HEADER_LENGTH,
  NEGOEX_MESSAGE_TYPES,
  NEGOEX_SIGNATURE,
  NEGOEX_STRUCTURE_SPEC,
} from '../../data/negoex';
import { guidLeaf } from './vectors';
import {
  decodeAlert,
  decodeExchange,
  decodeNego,
  decodeVerify,
  type Body,
  type NegoexOptions,
} from './messages';
import { readU32LE, startsWith } from '../../bytes';

export function isNegoex(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start >= NEGOEX_HEADER_LENGTH && startsWith(bytes, start, NEGOEX_SIGNATURE);
}

/**
 * Decodes one or more concatenated NEGOEX messages filling [start, end) [MS-NEGOEX §3.1.5.4]
 * into a `NEGOEX` node with one child per message. Each message's cbMessageLength says where the
 * next begins, so a fault inside one message body does not stop the next; a bad header does.
 */
export function decodeNegoex(
  ctx: DecodeContext,
  parent: Node | null,
  start: number,
  end: number,
  options: NegoexOptions = {},
): Node {
  const root: Node = {
    name: 'NEGOEX',
    offset: start,
    length: end - start,
    type: 'NEGOEX messages',
  };
  if (parent) addChild(parent, root);
  within(ctx, root, () => {
    if (start >= end) fail(start, 'empty NEGOEX token: it carries at least one message');
    let pos = start;
    const seen: { seq: number; conversation: string; type: string }[] = [];
    while (pos < end) {
      const { node: message, seq, conversation } = decodeMessage(ctx, root, pos, end, options);
      const previous = seen[seen.length - 1];
      if (previous && conversation !== previous.conversation) {
        warn(ctx, message, pos + 24, 'ConversationId differs from the previous message');
      }
      if (previous && seq !== previous.seq + 1) {
        warn(ctx, message, pos + 12, `SequenceNum ${seq} does not follow ${previous.seq}`);
      }
      seen.push({ seq, conversation, type: message.name });
      pos = message.offset + message.length;
    }
    root.label = seen.map((s) => `${s.type} #${s.seq}`).join(', ');
  });
  return root;
}

function decodeMessage(
  ctx: DecodeContext,
  parent: Node,
  start: number,
  limit: number,
  options: NegoexOptions,
): { node: Node; seq: number; conversation: string } {
  const bytes = ctx.bytes;
  // Until cbMessageLength is checked the node covers what remains, so it never leaves the token.
  const node = addChild(parent, {
    name: 'NEGOEX_MESSAGE',
    offset: start,
    length: limit - start,
    type: 'NEGOEX',
  });
  return within(ctx, node, () => {
    need(bytes, start, NEGOEX_HEADER_LENGTH, limit, 'a NEGOEX MESSAGE_HEADER');
    if (!startsWith(bytes, start, NEGOEX_SIGNATURE)) {
      fail(start, 'not a NEGOEX message: the signature is not "NEGOEXTS"');
    }
    const header = decodeHeader(ctx, node, start);
    const info = NEGOEX_MESSAGE_TYPES[header.type];
    if (header.messageLength < NEGOEX_HEADER_LENGTH || start + header.messageLength > limit) {
      fail(
        start + 20,
        `cbMessageLength ${header.messageLength} does not fit the ${limit - start} bytes left`,
      );
    }
    node.length = header.messageLength;
    const end = start + header.messageLength;
    contain(ctx, node, () => {
      if (!info) fail(start + 8, `unknown NEGOEX MessageType ${header.type}`);
      node.name = info.structure;
      node.spec = NEGOEX_STRUCTURE_SPEC[info.structure];
      node.label = `${info.name}, SequenceNum ${header.seq}`;
      const fixed = NEGOEX_FIXED_LENGTH[info.structure];
      if (header.headerLength < fixed || header.headerLength > header.messageLength) {
        fail(
          start + 16,
          `cbHeaderLength ${header.headerLength} must lie between the ${fixed}-byte fixed part and cbMessageLength ${header.messageLength}`,
        );
      }
      const body: Body = { ctx, node, start, headerEnd: start + header.headerLength, end, options };
      if (info.structure === 'NEGO_MESSAGE') decodeNego(body);
      else if (info.structure === 'EXCHANGE_MESSAGE') decodeExchange(body);
      else if (info.structure === 'VERIFY_MESSAGE') decodeVerify(body);
      else decodeAlert(body);
    });
    return { node, seq: header.seq, conversation: header.conversation };
  });
}

/** MESSAGE_HEADER [MS-NEGOEX §2.2.6.2]. */
function decodeHeader(
  ctx: DecodeContext,
  message: Node,
  start: number,
): {
  type: number;
  seq: number;
  headerLength: number;
  messageLength: number;
  conversation: string;
} {
  const b = ctx.bytes;
  const spec = 'MS-NEGOEX §2.2.6.2';
  const header = addChild(message, {
    name: 'Header',
    offset: start,
    length: NEGOEX_HEADER_LENGTH,
    type: 'MESSAGE_HEADER',
    spec,
  });
  const type = readU32LE(b, start + 8);
  const seq = readU32LE(b, start + 12);
  const headerLength = readU32LE(b, start + 16);
  const messageLength = readU32LE(b, start + 20);
  leaf(b, header, 'Signature', start, 8, { type: 'bytes', label: '"NEGOEXTS"' });
  leaf(b, header, 'MessageType', start + 8, 4, {
    type: 'uint32le',
    value: type,
    label: NEGOEX_MESSAGE_TYPES[type]?.name ?? 'unknown',
    spec: 'MS-NEGOEX §2.2.6.1',
  });
  leaf(b, header, 'SequenceNum', start + 12, 4, { type: 'uint32le', value: seq });
  leaf(b, header, 'cbHeaderLength', start + 16, 4, { type: 'uint32le', value: headerLength });
  leaf(b, header, 'cbMessageLength', start + 20, 4, { type: 'uint32le', value: messageLength });
  const conversation = guidLeaf(b, header, 'ConversationId', start + 24).value as string;
  return { type, seq, headerLength, messageLength, conversation };
}
