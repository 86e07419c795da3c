import { decodeElement, decodeGeneric } from '../asn1/decode';
import type { Schema } from '../asn1/schema';
import { fail, warn, DecodeError, type DecodeContext } from '../context';
import { readTlv } from '../der/reader';
import { readInteger } from '../der/values';
import type { Node } from '../tree';
import { AP_REP, AP_REQ, Authenticator, EncAPRepPart } from './ap';
import { EncKrbCredPart, EncKrbPrivPart, KRB_CRED, KRB_PRIV, KRB_SAFE } from './cred';
import { KRB_ERROR, KRB_ERROR_BODY } from './error';
import {
  AS_REP,
  AS_REQ,
  EncASRepPart,
  EncTGSRepPart,
  KDC_REP,
  KDC_REQ,
  TGS_REP,
  TGS_REQ,
} from './kdc';
import { EncTicketPart, Ticket } from './ticket';
import { TGT_REP, TGT_REQ } from './u2u';

/** Kerberos structures by their identifier octet, [APPLICATION n] (RFC 4120 §5.10). */
const BY_TAG: Record<number, Schema> = {
  0x61: Ticket,
  0x62: Authenticator,
  0x63: EncTicketPart,
  0x6a: AS_REQ,
  0x6b: AS_REP,
  0x6c: TGS_REQ,
  0x6d: TGS_REP,
  0x6e: AP_REQ,
  0x6f: AP_REP,
  0x74: KRB_SAFE,
  0x75: KRB_PRIV,
  0x76: KRB_CRED,
  0x79: EncASRepPart,
  0x7a: EncTGSRepPart,
  0x7b: EncAPRepPart,
  0x7c: EncKrbPrivPart,
  0x7d: EncKrbCredPart,
  0x7e: KRB_ERROR,
};

/** Identifier octet → ASN.1 type name, for every Kerberos structure decodeKerberosMessage knows. */
export const KERBEROS_MESSAGE_TAGS: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(BY_TAG).map(([tag, schema]) => [tag, schema.typeName]),
);

/** Protocol messages (those with a msg-type) that travel on the wire: AS/TGS/AP, SAFE/PRIV/CRED, ERROR. */
const WIRE_TAGS = new Set([0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x74, 0x75, 0x76, 0x7e]);

/** True for the first octet of a Kerberos protocol message (`6a`–`6f`, `74`–`76`, `7e`). */
export function isKerberosMessageTag(byte: number): boolean {
  return WIRE_TAGS.has(byte);
}

/** Messages stored without their [APPLICATION n] tag, chosen by msg-type. */
const UNTAGGED: Record<number, { schema: Schema; name: string; tagged: boolean }> = {
  10: { schema: KDC_REQ, name: 'AS-REQ', tagged: true },
  11: { schema: KDC_REP, name: 'AS-REP', tagged: true },
  12: { schema: KDC_REQ, name: 'TGS-REQ', tagged: true },
  13: { schema: KDC_REP, name: 'TGS-REP', tagged: true },
  14: { schema: AP_REQ.inner, name: 'AP-REQ', tagged: true },
  15: { schema: AP_REP.inner, name: 'AP-REP', tagged: true },
  16: { schema: TGT_REQ, name: 'KERB-TGT-REQUEST', tagged: false },
  17: { schema: TGT_REP, name: 'KERB-TGT-REPLY', tagged: false },
  20: { schema: KRB_SAFE.inner, name: 'KRB-SAFE', tagged: true },
  21: { schema: KRB_PRIV.inner, name: 'KRB-PRIV', tagged: true },
  22: { schema: KRB_CRED.inner, name: 'KRB-CRED', tagged: true },
  30: { schema: KRB_ERROR_BODY, name: 'KRB-ERROR', tagged: true },
};

/**
 * msg-type of a bare SEQUENCE: `[0] pvno, [1] msg-type` for most messages, `[1] pvno, [2]
 * msg-type` for KDC-REQ (RFC 4120 §5.4.1). Undefined when the bytes do not look like that.
 */
function untaggedMsgType(bytes: Uint8Array, start: number, end: number): number | undefined {
  try {
    const seq = readTlv(bytes, start, end);
    const first = readTlv(bytes, seq.contentOffset, seq.end);
    if (first.tag !== 0xa0 && first.tag !== 0xa1) return undefined;
    const second = readTlv(bytes, first.end, seq.end);
    const int = readTlv(bytes, second.contentOffset, second.end);
    if (second.tag !== first.tag + 1 || int.tag !== 0x02) return undefined;
    const type = readInteger(bytes, int.contentOffset, int.end);
    if (typeof type !== 'number') return undefined;
    // KDC-REQ is the only message whose pvno sits at [1].
    const kdcReq = type === 10 || type === 12;
    return kdcReq === (first.tag === 0xa1) ? type : undefined;
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
}

/**
 * Decodes an unframed Kerberos message at `start` (ending by `end`), chosen by its APPLICATION
 * tag. A bare SEQUENCE is recognised by its msg-type (the user-to-user TGT messages have no
 * APPLICATION tag; other messages stored that way are flagged). Anything else is shown as generic
 * ASN.1. Throws a positioned DecodeError, recorded on the innermost node, when the bytes are bad.
 */
export function decodeKerberosMessage(
  ctx: DecodeContext,
  parent: Node | null,
  start: number,
  end: number,
): Node {
  if (start >= end) fail(start, 'expected a Kerberos message but the data ended');
  const tag = ctx.bytes[start];
  const schema = BY_TAG[tag];
  if (schema) return decodeElement(ctx, parent, schema, start, end);
  if (tag === 0x30) {
    const msgType = untaggedMsgType(ctx.bytes, start, end);
    const untagged = msgType === undefined ? undefined : UNTAGGED[msgType];
    if (untagged) {
      const node = decodeElement(ctx, parent, untagged.schema, start, end, untagged.name);
      if (untagged.tagged) {
        warn(ctx, node, start, `${untagged.name} without its [APPLICATION] tag (RFC 4120 §5.10)`);
      }
      return node;
    }
  }
  const node = decodeGeneric(ctx, parent, start, end);
  warn(ctx, node, start, `0x${tag.toString(16).padStart(2, '0')} is not a Kerberos message tag`);
  return node;
}
