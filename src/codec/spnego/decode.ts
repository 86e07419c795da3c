import { fail, within, type DecodeContext } from '../context';
import { decodeBody } from '../asn1/decode';
import { readTlv } from '../der/reader';
import { addChild, findNode, type Node } from '../tree';
import { decodeEmbeddedToken, decodeMechListMic } from '../blob';
import { spnegoSchemas } from './schema';

const SCHEMAS = spnegoSchemas({
  mechToken: (ctx, node, start, end) => decodeEmbeddedToken(ctx, node, start, end),
  mechListMIC: (ctx, node, start, end) => decodeMechListMic(ctx, node, start, end),
});

/**
 * NegotiationToken ::= CHOICE { negTokenInit [0], negTokenResp [1] } (RFC 4178 §4.2). `[0]` is
 * also MS-SPNG's NegTokenInit2: told apart by what `[3]` holds (an OCTET STRING mechListMIC or a
 * NegHints SEQUENCE) or by a `[4]` field (MS-SPNG §2.2.1).
 */
export function decodeNegotiationToken(
  ctx: DecodeContext,
  parent: Node | null,
  start: number,
  end: number,
): Node {
  const choice = readTlv(ctx.bytes, start, end);
  const node: Node = {
    name: 'NegotiationToken',
    offset: start,
    length: choice.end - start,
    headerLength: choice.headerLength,
  };
  if (parent) addChild(parent, node);
  within(ctx, node, () => {
    if (choice.tag !== 0xa0 && choice.tag !== 0xa1) {
      fail(
        start,
        `expected a NegotiationToken ([0] a0 NegTokenInit or [1] a1 NegTokenResp) but found 0x${choice.tag.toString(16).padStart(2, '0')}`,
      );
    }
    if (choice.indefinite) node.warnings = ['indefinite length (BER, not DER)'];
    const inner = readTlv(
      ctx.bytes,
      choice.contentOffset,
      choice.indefinite ? choice.end - 2 : choice.end,
    );
    if (inner.tag !== 0x30)
      fail(
        inner.offset,
        `expected SEQUENCE (0x30) inside NegotiationToken but found 0x${inner.tag.toString(16).padStart(2, '0')}`,
      );
    node.headerLength = choice.headerLength + inner.headerLength;
    const isResp = choice.tag === 0xa1;
    const schema = isResp
      ? SCHEMAS.NegTokenResp
      : isNegTokenInit2(ctx, inner.contentOffset, inner.end)
        ? SCHEMAS.NegTokenInit2
        : SCHEMAS.NegTokenInit;
    node.name = schema.typeName;
    node.spec = schema.spec;
    node.type = `[${isResp ? 1 : 0}] SEQUENCE`;
    if (isResp) node.label = 'NegTokenResp (NegTokenTarg in RFC 2478 and Wireshark)';
    if (!isResp) ctx.mechHint = undefined;
    decodeBody(ctx, node, schema, inner);
    node.type = `[${isResp ? 1 : 0}] SEQUENCE`;
    if (inner.end !== (choice.indefinite ? choice.end - 2 : choice.end)) {
      fail(inner.end, 'unexpected bytes after the SEQUENCE inside NegotiationToken');
    }
  });
  return node;
}

function isNegTokenInit2(ctx: DecodeContext, start: number, end: number): boolean {
  let pos = start;
  try {
    while (pos < end) {
      const tlv = readTlv(ctx.bytes, pos, end);
      if (tlv.tag === 0xa4) return true;
      if (tlv.tag === 0xa3) return ctx.bytes[tlv.contentOffset] === 0x30;
      pos = tlv.end;
    }
  } catch {
    // A malformed field: let the real decode report it; RFC 4178 form is the default.
  }
  return false;
}

/** The mechanism a NegTokenResp/NegTokenInit names, to read its mechListMIC (set while decoding). */
export function negotiatedMech(node: Node): string | undefined {
  const supported = findNode(node, 'supportedMech');
  if (typeof supported?.value === 'string') return supported.value;
  const first = findNode(node, 'MechType');
  return typeof first?.value === 'string' ? first.value : undefined;
}
