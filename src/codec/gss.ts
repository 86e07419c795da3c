import { fail, within, type DecodeContext } from './context';
import { readTlv, readTlvLenient, truncationMessage } from './der/reader';
import { readOid } from './der/values';
import { addChild, type Node } from './tree';
import { KERBEROS_OIDS, OID, oidName } from '../data/oids';
import { decodeNegotiationToken } from './spnego/decode';
import { decodeKerberosFramedBody } from './kerberos';
import { toHex } from '../bytes';

/**
 * RFC 2743 §3.1 InitialContextToken: `60 len 06 len <thisMech> <innerContextToken>`. The inner
 * token is "the rest of the bytes", by mechanism: not ASN.1 for Kerberos (a 2-byte TOK_ID first,
 * RFC 4121 §4.1), so it is never walked as DER blindly.
 */
export function decodeInitialContextToken(
  ctx: DecodeContext,
  parent: Node | null,
  start: number,
  end: number,
): Node {
  const outer = readTlvLenient(ctx.bytes, start, end);
  const node: Node = {
    name: 'InitialContextToken',
    offset: start,
    length: outer.end - start,
    headerLength: outer.headerLength,
    type: '[APPLICATION 0]',
    spec: 'RFC 2743 §3.1',
  };
  if (parent) addChild(parent, node);
  within(ctx, node, () => {
    if (outer.tag !== 0x60) fail(start, 'expected the GSS-API token tag 0x60');
    if (outer.indefinite)
      fail(start, 'the GSS-API token header must use a definite length (RFC 2743 §3.1)');
    if (outer.nonMinimalLength)
      (node.warnings ??= []).push('length not in its shortest form (RFC 2743 §3.1 2a)');
    const oidTlv = readTlv(ctx.bytes, outer.contentOffset, outer.end);
    const thisMech: Node = {
      name: 'thisMech',
      offset: oidTlv.offset,
      length: oidTlv.end - oidTlv.offset,
      headerLength: oidTlv.headerLength,
      type: 'OBJECT IDENTIFIER',
      spec: 'RFC 2743 §3.1',
    };
    addChild(node, thisMech);
    within(ctx, thisMech, () => {
      if (oidTlv.tag !== 0x06) fail(oidTlv.offset, 'expected thisMech OBJECT IDENTIFIER (0x06)');
      thisMech.value = readOid(ctx.bytes, oidTlv.contentOffset, oidTlv.end);
      thisMech.label = oidName(thisMech.value);
    });
    const mech = thisMech.value as string;
    const innerStart = oidTlv.end;
    decodeInner(ctx, node, mech, innerStart, outer.end);
    if (outer.missing > 0) fail(outer.end, truncationMessage(outer, outer.end));
  });
  return node;
}

/** What follows thisMech, by mechanism: SPNEGO, Kerberos (TOK_ID + message), or raw bytes. */
function decodeInner(
  ctx: DecodeContext,
  node: Node,
  mech: string,
  innerStart: number,
  end: number,
): void {
  if (innerStart >= end) return;
  if (mech === OID.spnego) {
    const neg = decodeNegotiationToken(ctx, node, innerStart, end);
    if (neg.offset + neg.length !== end) {
      fail(
        neg.offset + neg.length,
        `${end - neg.offset - neg.length} unexpected bytes after the NegotiationToken`,
      );
    }
  } else if (KERBEROS_OIDS.includes(mech) || mech === OID.krb5U2U || mech === OID.iakerb) {
    decodeKerberosFramedBody(ctx, node, innerStart, end, mech);
  } else {
    addChild(node, {
      name: 'innerContextToken',
      offset: innerStart,
      length: end - innerStart,
      type: 'bytes',
      value: toHex(ctx.bytes, innerStart, end),
      label: `token of ${oidName(mech) ?? 'an unknown mechanism'} (not decoded)`,
      spec: 'RFC 2743 §3.1',
    });
  }
}
