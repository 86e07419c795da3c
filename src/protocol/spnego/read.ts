import { decodeToken } from '../../codec/token';
import { readTlv } from '../../codec/der/reader';
import { findNode, type Node } from '../../codec/tree';
import { NEG_STATES } from '../../data/spnego';
import type { NegStateName } from '../types';

/**
 * What a side reads from a token it received: parsed by the same decoder the inspector uses, so
 * the state machines act on the real bytes (a man in the middle's edits included).
 */
export interface ReceivedInit {
  kind: 'NegTokenInit' | 'NegTokenInit2';
  mechTypes: string[];
  /** The MechTypeList bytes exactly as received: the mechListMIC input (spnego.md §3.1). */
  mechTypesDer: Uint8Array;
  mechToken?: Uint8Array;
  mechListMIC?: Uint8Array;
  hintName?: string;
}

export interface ReceivedResp {
  kind: 'NegTokenResp';
  negState?: NegStateName;
  supportedMech?: string;
  responseToken?: Uint8Array;
  mechListMIC?: Uint8Array;
}

export type ReceivedToken = ReceivedInit | ReceivedResp | { kind: 'invalid'; error: string };

export function readToken(bytes: Uint8Array): ReceivedToken {
  const { root, errors } = decodeToken(bytes);
  if (errors.length > 0) return { kind: 'invalid', error: errors[0].message };
  const message =
    findNode(root, 'NegTokenInit') ??
    findNode(root, 'NegTokenInit2') ??
    findNode(root, 'NegTokenResp');
  if (!message) return { kind: 'invalid', error: `not a SPNEGO token (${root.name})` };
  const field = (name: string) => message.children?.find((c) => c.name === name);
  if (message.name === 'NegTokenResp') {
    const negState = field('negState')?.value;
    return {
      kind: 'NegTokenResp',
      negState: typeof negState === 'number' ? (NEG_STATES[negState] as NegStateName) : undefined,
      supportedMech: field('supportedMech')?.value as string | undefined,
      responseToken: contentOf(bytes, field('responseToken')),
      mechListMIC: contentOf(bytes, field('mechListMIC')),
    };
  }
  const mechTypes = field('mechTypes');
  return {
    kind: message.name as 'NegTokenInit' | 'NegTokenInit2',
    mechTypes: (mechTypes?.children ?? []).map((n) => n.value as string),
    mechTypesDer: mechTypes ? innerElement(bytes, mechTypes) : new Uint8Array(),
    mechToken: contentOf(bytes, field('mechToken')),
    mechListMIC: contentOf(bytes, field('mechListMIC')),
    hintName: findNode(message, 'hintName')?.value as string | undefined,
  };
}

/** The bytes inside an explicit field's headers (an OCTET STRING's content). */
function contentOf(bytes: Uint8Array, node: Node | undefined): Uint8Array | undefined {
  if (!node) return undefined;
  return bytes.slice(node.offset + (node.headerLength ?? 0), node.offset + node.length);
}

/** The element inside an explicit tag (`a0 LL [30 LL …]`), with its own header. */
function innerElement(bytes: Uint8Array, node: Node): Uint8Array {
  const wrapper = readTlv(bytes, node.offset, node.offset + node.length);
  return bytes.slice(wrapper.contentOffset, node.offset + node.length);
}
