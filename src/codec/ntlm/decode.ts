import { fail, within, type DecodeContext } from '../context';
import { need, readInto, readTypedWith, type Codec, type Decoded } from '../binary';
import { addChild, type Node } from '../tree';
import {
  NTLM_AUTHENTICATE_MESSAGE_TYPE,
  NTLM_CHALLENGE_MESSAGE_TYPE,
  NTLM_MESSAGE_TYPES,
  NTLM_NEGOTIATE_MESSAGE_TYPE,
  NTLMSSP_SIGNATURE,
} from '../../data/ntlm';
import { AUTHENTICATE_MESSAGE, type AuthenticateMessage } from './authenticate';
import { CHALLENGE_MESSAGE, type ChallengeMessage } from './challenge';
import { messageTypeCodec, signatureCodec } from './common';
import { NEGOTIATE_MESSAGE, type NegotiateMessage } from './negotiate';
import { NTLMV2_RESPONSE, type NtChallengeResponseV2 } from './responses';
import { readU32LE, startsWith } from '../../bytes';

/** True when [start, end) begins with `NTLMSSP\0` and a known MessageType. */
export function isNtlmMessage(bytes: Uint8Array, start: number, end: number): boolean {
  return (
    end - start >= 12 &&
    startsWith(bytes, start, NTLMSSP_SIGNATURE) &&
    NTLM_MESSAGE_TYPES[readU32LE(bytes, start + 8)] !== undefined
  );
}

/** Any of the three messages, told apart by `messageType`. */
export type NtlmMessage =
  | ({ messageType: 1 } & NegotiateMessage)
  | ({ messageType: 2 } & ChallengeMessage)
  | ({ messageType: 3 } & AuthenticateMessage);

const MESSAGES: Record<number, Codec<NegotiateMessage | ChallengeMessage | AuthenticateMessage>> = {
  [NTLM_NEGOTIATE_MESSAGE_TYPE]: NEGOTIATE_MESSAGE,
  [NTLM_CHALLENGE_MESSAGE_TYPE]: CHALLENGE_MESSAGE,
  [NTLM_AUTHENTICATE_MESSAGE_TYPE]: AUTHENTICATE_MESSAGE,
};

/** Checks the signature, reads MessageType and the message it names into `node`. */
function readMessage(ctx: DecodeContext, node: Node): NtlmMessage {
  const start = node.offset;
  const end = start + node.length;
  need(ctx.bytes, start, 8, end, 'the NTLMSSP signature');
  if (!startsWith(ctx.bytes, start, NTLMSSP_SIGNATURE)) {
    fail(start, 'not an NTLM message: the first 8 bytes are not "NTLMSSP\\0"');
  }
  need(ctx.bytes, start, 12, end, 'the NTLM Signature and MessageType');
  const type = readU32LE(ctx.bytes, start + 8);
  const info = NTLM_MESSAGE_TYPES[type];
  const codec = MESSAGES[type];
  if (!info || !codec) {
    for (const [name, at, c] of [
      ['Signature', start, signatureCodec('MS-NLMP §2.2.1')],
      ['MessageType', start + 8, messageTypeCodec],
    ] as const) {
      const leaf = addChild(node, { name, offset: at, length: c.size!, type: c.type });
      (c as Codec<unknown>).read(ctx, leaf);
    }
    fail(start + 8, `unknown NTLM MessageType ${type}`);
  }
  node.name = info.structure;
  node.spec = info.spec;
  return { messageType: type, ...codec.read(ctx, node) } as NtlmMessage;
}

/**
 * Decodes the NTLM message occupying [start, end) of the token (NEGOTIATE, CHALLENGE or
 * AUTHENTICATE, told apart by MessageType) into a node appended to `parent`. An NTLM message
 * carries no length of its own: it ends where its container (SPNEGO OCTET STRING, HTTP header,
 * SMB blob) ends. Payload offsets are relative to `start`.
 */
export function decodeNtlm(
  ctx: DecodeContext,
  parent: Node | null,
  start: number,
  end: number,
): Node {
  const node: Node = { name: 'NTLMSSP', offset: start, length: end - start, type: 'NTLMSSP' };
  if (parent) addChild(parent, node);
  within(ctx, node, () => readMessage(ctx, node));
  return node;
}

/** Any NTLM message as its typed value, or the first error with its offset. */
export function readNtlmMessage(bytes: Uint8Array): Decoded<NtlmMessage> {
  return readTypedWith(bytes, 'NTLMSSP', 0, bytes.length, readMessage);
}

function readOne<T>(bytes: Uint8Array, type: 1 | 2 | 3): Decoded<T> {
  const read = readNtlmMessage(bytes);
  if (!read.ok) return read;
  if (read.value.messageType !== type) {
    const want = NTLM_MESSAGE_TYPES[type].structure;
    return { ok: false, error: `expected an NTLM ${want} at offset 8`, offset: 8 };
  }
  return read as unknown as Decoded<T>;
}

export const readNegotiate = (bytes: Uint8Array): Decoded<NegotiateMessage> =>
  readOne(bytes, NTLM_NEGOTIATE_MESSAGE_TYPE);
export const readChallenge = (bytes: Uint8Array): Decoded<ChallengeMessage> =>
  readOne(bytes, NTLM_CHALLENGE_MESSAGE_TYPE);
export const readAuthenticate = (bytes: Uint8Array): Decoded<AuthenticateMessage> =>
  readOne(bytes, NTLM_AUTHENTICATE_MESSAGE_TYPE);

/** An NtChallengeResponse's NTLMv2 fields [MS-NLMP §2.2.2.8], or where they fail to decode. */
export function readNtlmv2Response(bytes: Uint8Array): Decoded<NtChallengeResponseV2> {
  return readTypedWith(bytes, 'NTLMv2_RESPONSE', 0, bytes.length, (ctx, node) =>
    readInto(ctx, node, NTLMV2_RESPONSE),
  );
}
