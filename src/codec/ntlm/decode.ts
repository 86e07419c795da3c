import { fail, within, type DecodeContext } from '../context';
import { need } from '../binary';
import { addChild, type Node } from '../tree';
import { NTLM_MESSAGE_TYPES, NTLMSSP_SIGNATURE } from '../../data/ntlm';
import { decodeAuthenticate } from './authenticate';
import { decodeChallenge } from './challenge';
import { decodeMessageHeader } from './common';
import { decodeNegotiate } from './negotiate';
import { readU32LE, startsWith } from '../../bytes';

/** True when [start, end) begins with `NTLMSSP\0` and a known MessageType. */
export function isNtlmMessage(bytes: Uint8Array, start: number, end: number): boolean {
  return (
    end - start >= 12 &&
    startsWith(bytes, start, NTLMSSP_SIGNATURE) &&
    NTLM_MESSAGE_TYPES[readU32LE(bytes, start + 8)] !== undefined
  );
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
  within(ctx, node, () => {
    need(ctx.bytes, start, 8, end, 'the NTLMSSP signature');
    if (!startsWith(ctx.bytes, start, NTLMSSP_SIGNATURE)) {
      fail(start, 'not an NTLM message: the first 8 bytes are not "NTLMSSP\\0"');
    }
    const type = decodeMessageHeader(ctx, node, start, end);
    const info = NTLM_MESSAGE_TYPES[type];
    if (!info) fail(start + 8, `unknown NTLM MessageType ${type}`);
    node.name = info.structure;
    node.spec = info.spec;
    if (type === 1) decodeNegotiate(ctx, node, start, end);
    else if (type === 2) decodeChallenge(ctx, node, start, end);
    else decodeAuthenticate(ctx, node, start, end);
  });
  return node;
}
