import { contain, type DecodeContext } from './context';
import { addChild, type Node } from './tree';
import { KERBEROS_OIDS, OID } from '../data/oids';
import { decodeInitialContextToken } from './gss';
import { decodeNegotiationToken } from './spnego/decode';
import { decodeKerberosMessage, decodePerMessageToken } from './kerberos';
import { decodeNtlm, decodeNtlmSignature } from './ntlm';
import { decodeNegoex } from './negoex';
import { startsWith, toHex } from '../bytes';

export type BlobKind =
  | 'gss'
  | 'negTokenInit'
  | 'negTokenResp'
  | 'ntlm'
  | 'negoex'
  | 'kerberos'
  | 'perMessage'
  | 'ntlmSignature'
  | 'unknown';

const NTLMSSP = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00];
const NEGOEXTS = [0x4e, 0x45, 0x47, 0x4f, 0x45, 0x58, 0x54, 0x53];
/** Kerberos messages by APPLICATION tag (RFC 4120 App. A): Ticket, KDC messages, AP, CRED, ERROR, U2U. */
const KERBEROS_TAGS = new Set([
  0x61, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x74, 0x75, 0x76, 0x7e,
]);

/** What a blob is, from its first bytes (RFC 2743 §3.1 framing first; first match wins). */
export function classify(bytes: Uint8Array, start: number, end: number): BlobKind {
  const b0 = bytes[start];
  if (b0 === 0x60) return 'gss';
  if (b0 === 0xa0) return 'negTokenInit';
  if (b0 === 0xa1) return 'negTokenResp';
  if (startsWith(bytes, start, NTLMSSP)) return 'ntlm';
  if (startsWith(bytes, start, NEGOEXTS)) return 'negoex';
  if (KERBEROS_TAGS.has(b0)) return 'kerberos';
  if (
    end - start >= 16 &&
    (startsWith(bytes, start, [0x04, 0x04]) || startsWith(bytes, start, [0x05, 0x04]))
  ) {
    return 'perMessage';
  }
  if (end - start === 16 && startsWith(bytes, start, [0x01, 0x00, 0x00, 0x00]))
    return 'ntlmSignature';
  return 'unknown';
}

/** Decodes any token or mechanism message, chosen by sniffing; returns its root node. */
export function decodeBlob(
  ctx: DecodeContext,
  parent: Node | null,
  start: number,
  end: number,
): Node {
  switch (classify(ctx.bytes, start, end)) {
    case 'gss':
      return decodeInitialContextToken(ctx, parent, start, end);
    case 'negTokenInit':
    case 'negTokenResp':
      return decodeNegotiationToken(ctx, parent, start, end);
    case 'ntlm':
      return decodeNtlm(ctx, parent, start, end);
    case 'negoex':
      // Exchange bytes hold GSS-framed Kerberos or PKU2U tokens: decode them like any embedded token.
      return decodeNegoex(ctx, parent, start, end, { decodeExchange: decodeEmbeddedToken });
    case 'kerberos':
      return decodeKerberosMessage(ctx, parent, start, end);
    case 'perMessage':
      return decodePerMessageToken(ctx, parent, start, end);
    case 'ntlmSignature':
      return decodeNtlmSignature(ctx, parent, start, end);
    case 'unknown':
      return unknownBytes(ctx, parent, start, end);
  }
}

function unknownBytes(ctx: DecodeContext, parent: Node | null, start: number, end: number): Node {
  const node: Node = {
    name: 'unknown token',
    offset: start,
    length: end - start,
    type: 'bytes',
    value: toHex(ctx.bytes, start, end),
    label: 'not a GSS-API, SPNEGO, Kerberos, NTLM or NEGOEX token',
  };
  if (parent) addChild(parent, node);
  return node;
}

/**
 * mechToken / responseToken: the embedded token's length is fixed by its OCTET STRING, so a
 * failure inside it stays inside it and the rest of the SPNEGO token is still decoded.
 */
export function decodeEmbeddedToken(
  ctx: DecodeContext,
  node: Node,
  start: number,
  end: number,
): void {
  contain(ctx, node, () => {
    decodeBlob(ctx, node, start, end);
  });
}

/**
 * mechListMIC: a MIC token of the negotiated mechanism over DER(MechTypeList) (RFC 4178 §5):
 * an NTLMSSP_MESSAGE_SIGNATURE (16 bytes), an RFC 4121 MIC token (`04 04`) or an RFC 1964 framed
 * one (`60 …`). Which one is read from the bytes, with the negotiated mechanism as a tie-breaker.
 */
export function decodeMechListMic(
  ctx: DecodeContext,
  node: Node,
  start: number,
  end: number,
): void {
  contain(ctx, node, () => {
    const kind = classify(ctx.bytes, start, end);
    const mech = ctx.mechHint;
    if (kind === 'ntlmSignature' || (mech === OID.ntlmssp && end - start === 16)) {
      decodeNtlmSignature(ctx, node, start, end);
    } else if (kind === 'perMessage' || kind === 'gss') {
      decodeBlob(ctx, node, start, end);
    } else {
      node.value = toHex(ctx.bytes, start, end);
      node.label =
        mech && KERBEROS_OIDS.includes(mech) ? 'Kerberos MIC (unrecognised form)' : 'MIC bytes';
    }
  });
}
