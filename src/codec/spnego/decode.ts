import { fail, within, type DecodeContext } from '../context';
import { decodeField } from '../asn1/decode';
import { readTlvLenient } from '../der/reader';
import { addChild, type Node } from '../tree';
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
  const choice = readTlvLenient(ctx.bytes, start, end);
  if (choice.tag !== 0xa0 && choice.tag !== 0xa1) {
    const node: Node = { name: 'NegotiationToken', offset: start, length: choice.end - start };
    if (parent) addChild(parent, node);
    within(ctx, node, () =>
      fail(
        start,
        `expected a NegotiationToken (a0 NegTokenInit or a1 NegTokenResp) but found 0x${choice.tag.toString(16).padStart(2, '0')}`,
      ),
    );
  }
  const isResp = choice.tag === 0xa1;
  if (!isResp) ctx.mechHint = undefined;
  const schema = isResp
    ? SCHEMAS.NegTokenResp
    : isNegTokenInit2(ctx.bytes, choice.contentOffset, choice.end)
      ? SCHEMAS.NegTokenInit2
      : SCHEMAS.NegTokenInit;
  const label = isResp ? 'NegTokenResp (NegTokenTarg in RFC 2478 and Wireshark)' : undefined;
  return decodeField(
    ctx,
    parent,
    {
      tag: isResp ? 1 : 0,
      name: schema.typeName,
      type: schema,
      optional: false,
      spec: schema.spec,
      label,
    },
    choice,
  );
}

/** Peeks inside the `[0]`'s SEQUENCE for a `[4]`, or a `[3]` holding a SEQUENCE (NegHints). */
export function isNegTokenInit2(bytes: Uint8Array, choiceContent: number, end: number): boolean {
  try {
    const seq = readTlvLenient(bytes, choiceContent, end);
    if (seq.tag !== 0x30) return false;
    let pos = seq.contentOffset;
    while (pos < seq.end) {
      const tlv = readTlvLenient(bytes, pos, seq.end);
      if (tlv.tag === 0xa4) return true;
      if (tlv.tag === 0xa3) return bytes[tlv.contentOffset] === 0x30;
      pos = tlv.end;
    }
  } catch {
    // A malformed field: let the real decode report it; RFC 4178 form is the default.
  }
  return false;
}
