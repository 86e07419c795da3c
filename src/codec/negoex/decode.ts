import { contain, fail, warn, within, type DecodeContext } from '../context';
import { need, readTypedWith, type Decoded, type Struct } from '../binary';
import { addChild, type Node } from '../tree';
import {
  NEGOEX_FIXED_LENGTH,
  NEGOEX_HEADER_LENGTH,
  NEGOEX_MESSAGE_TYPES,
  NEGOEX_SIGNATURE,
  NEGOEX_STRUCTURE_SPEC,
  type NegoexStructure,
} from '../../data/negoex';
import {
  ALERT_MESSAGE,
  EXCHANGE_MESSAGE,
  MESSAGE_HEADER,
  NEGO_MESSAGE,
  VERIFY_MESSAGE,
  exchangeOptions,
  type AlertMessage,
  type ExchangeMessage,
  type MessageHeader,
  type NegoMessage,
  type NegoexOptions,
  type VerifyMessage,
} from './messages';
import { startsWith } from '../../bytes';

export function isNegoex(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start >= NEGOEX_HEADER_LENGTH && startsWith(bytes, start, NEGOEX_SIGNATURE);
}

/** One NEGOEX message as a typed value, by the structure its MessageType carries. */
export type NegoexMessage =
  | { structure: 'NEGO_MESSAGE'; message: NegoMessage }
  | { structure: 'EXCHANGE_MESSAGE'; message: ExchangeMessage }
  | { structure: 'VERIFY_MESSAGE'; message: VerifyMessage }
  | { structure: 'ALERT_MESSAGE'; message: AlertMessage };

const BODIES: Record<NegoexStructure, Struct<never>> = {
  NEGO_MESSAGE: NEGO_MESSAGE as Struct<never>,
  EXCHANGE_MESSAGE: EXCHANGE_MESSAGE as Struct<never>,
  VERIFY_MESSAGE: VERIFY_MESSAGE as Struct<never>,
  ALERT_MESSAGE: ALERT_MESSAGE as Struct<never>,
};

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
  return readMessages(ctx, parent, start, end, options).root;
}

/** The typed messages of a NEGOEX token, or the first error with its offset. */
export function readNegoex(bytes: Uint8Array): Decoded<NegoexMessage[]> {
  return readTypedWith(
    bytes,
    'NEGOEX',
    0,
    bytes.length,
    (ctx) => readMessages(ctx, null, 0, bytes.length, {}).messages,
  );
}

function readMessages(
  ctx: DecodeContext,
  parent: Node | null,
  start: number,
  end: number,
  options: NegoexOptions,
): { root: Node; messages: NegoexMessage[] } {
  const root: Node = {
    name: 'NEGOEX',
    offset: start,
    length: end - start,
    type: 'NEGOEX messages',
  };
  if (parent) addChild(parent, root);
  const messages: NegoexMessage[] = [];
  const previousOptions = exchangeOptions.get(ctx);
  exchangeOptions.set(ctx, options);
  try {
    within(ctx, root, () => {
      if (start >= end) fail(start, 'empty NEGOEX token: it carries at least one message');
      let pos = start;
      let previous: MessageHeader | undefined;
      const seen: string[] = [];
      while (pos < end) {
        const { node, header, typed } = decodeMessage(ctx, root, pos, end);
        const at = (name: string) => fieldAt(node, name);
        if (previous && header.conversationId !== previous.conversationId) {
          warn(ctx, node, at('ConversationId'), 'ConversationId differs from the previous message');
        }
        if (previous && header.sequenceNum !== previous.sequenceNum + 1) {
          warn(
            ctx,
            node,
            at('SequenceNum'),
            `SequenceNum ${header.sequenceNum} does not follow ${previous.sequenceNum}`,
          );
        }
        previous = header;
        seen.push(`${node.name} #${header.sequenceNum}`);
        if (typed) messages.push(typed);
        pos = node.offset + node.length;
      }
      root.label = seen.join(', ');
    });
  } finally {
    if (previousOptions) exchangeOptions.set(ctx, previousOptions);
    else exchangeOptions.delete(ctx);
  }
  return { root, messages };
}

/** Absolute offset of a MESSAGE_HEADER field, where errors about it point. */
function fieldAt(message: Node, name: string): number {
  const header = message.children?.find((c) => c.name === 'Header');
  return header?.children?.find((c) => c.name === name)?.offset ?? message.offset;
}

function decodeMessage(
  ctx: DecodeContext,
  parent: Node,
  start: number,
  limit: number,
): { node: Node; header: MessageHeader; typed?: NegoexMessage } {
  // Until cbMessageLength is checked the node covers what remains, so it never leaves the token.
  const node = addChild(parent, {
    name: 'NEGOEX_MESSAGE',
    offset: start,
    length: limit - start,
    type: 'NEGOEX',
  });
  return within(ctx, node, () => {
    need(ctx.bytes, start, NEGOEX_HEADER_LENGTH, limit, 'a NEGOEX MESSAGE_HEADER');
    if (!startsWith(ctx.bytes, start, NEGOEX_SIGNATURE)) {
      fail(start, 'not a NEGOEX message: the signature is not "NEGOEXTS"');
    }
    const headerNode = addChild(node, {
      name: 'Header',
      offset: start,
      length: NEGOEX_HEADER_LENGTH,
    });
    const header = MESSAGE_HEADER.read(ctx, headerNode);
    const at = (name: string) => fieldAt(node, name);
    const messageLength = header.messageLength ?? 0;
    const headerLength = header.headerLength ?? 0;
    if (messageLength < NEGOEX_HEADER_LENGTH || start + messageLength > limit) {
      fail(
        at('cbMessageLength'),
        `cbMessageLength ${messageLength} does not fit the ${limit - start} bytes left`,
      );
    }
    node.length = messageLength;
    let typed: NegoexMessage | undefined;
    contain(ctx, node, () => {
      const info = NEGOEX_MESSAGE_TYPES[header.messageType];
      if (!info) fail(at('MessageType'), `unknown NEGOEX MessageType ${header.messageType}`);
      node.name = info.structure;
      node.spec = NEGOEX_STRUCTURE_SPEC[info.structure];
      node.label = `${info.name}, SequenceNum ${header.sequenceNum}`;
      const fixed = NEGOEX_FIXED_LENGTH[info.structure];
      if (headerLength < fixed || headerLength > messageLength) {
        fail(
          at('cbHeaderLength'),
          `cbHeaderLength ${headerLength} must lie between the ${fixed}-byte fixed part and cbMessageLength ${messageLength}`,
        );
      }
      const body = BODIES[info.structure];
      const message = body.readRest(ctx, node, { header } as never, start + headerNode.length);
      typed = { structure: info.structure, message } as NegoexMessage;
    });
    return { node, header, typed };
  });
}
