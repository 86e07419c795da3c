import { asDecodeError, fail, within, type DecodeContext } from './context';
import { readTlv, readTlvLenient, truncationMessage } from './der/reader';
import { addChild, type Node } from './tree';
import { KERBEROS_FAMILY_OIDS, OID, oidName } from '../data/oids';
import { decodeNegotiationToken } from './spnego/decode';
import { decodeKerberosFramedBody } from './kerberos';
import { concatBytes, toHex } from '../bytes';
import { decodeElement } from './asn1/decode';
import { oid } from './asn1/primitives';
import { readElement, type ReadResult } from './asn1/read';

/**
 * RFC 2743 §3.1 InitialContextToken: `60 len 06 len <thisMech> <innerContextToken>`. The inner
 * token is "the rest of the bytes", by mechanism: not ASN.1 for Kerberos (a 2-byte TOK_ID first,
 * RFC 4121 §4.1), so it is never walked as DER blindly. Described here once: the tree the
 * inspector shows, the typed value the state machines read, and the encoder.
 */
export interface InitialContextToken {
  thisMech: string;
  /** Offset of innerContextToken in the bytes read (error offsets inside it stay absolute). */
  innerOffset: number;
  innerContextToken: Uint8Array;
}

const GSS_TAG = 0x60;
const ThisMech = oid('OBJECT IDENTIFIER', 'RFC 2743 §3.1');

/** The typed framing of a first token; `bytes` must be exactly one InitialContextToken. */
export function readInitialContextToken(bytes: Uint8Array): ReadResult<InitialContextToken> {
  try {
    const outer = readTlv(bytes, 0, bytes.length);
    if (outer.tag !== GSS_TAG) fail(0, 'expected the GSS-API token tag 0x60');
    if (outer.indefinite)
      fail(0, 'the GSS-API token header must use a definite length (RFC 2743 §3.1)');
    if (outer.end !== bytes.length)
      fail(outer.end, `${bytes.length - outer.end} unexpected bytes after the GSS-API token`);
    const mech = readTlv(bytes, outer.contentOffset, outer.end);
    const thisMech = readElement(ThisMech, bytes, mech);
    return {
      ok: true,
      value: {
        thisMech,
        innerOffset: mech.end,
        innerContextToken: bytes.slice(mech.end, outer.end),
      },
    };
  } catch (e) {
    const err = asDecodeError(e, 0);
    return { ok: false, error: { offset: err.offset, message: err.message } };
  }
}

/** `60 len 06 len <thisMech> <inner>`; the inner token is raw bytes (a TOK_ID and a Kerberos message, or a DER NegotiationToken). */
export function encodeInitialContextToken(thisMech: string, inner: Uint8Array): Uint8Array {
  const mech = new Uint8Array(ThisMech.encode(thisMech).toBER(false));
  return concatBytes(Uint8Array.of(GSS_TAG), derLength(mech.length + inner.length), mech, inner);
}

/** DER definite length octets, shortest form (X.690 §8.1.3, §10.1). */
export function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const octets: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n & 0xff);
  return Uint8Array.of(0x80 | octets.length, ...octets);
}

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
    if (outer.tag !== GSS_TAG) fail(start, 'expected the GSS-API token tag 0x60');
    if (outer.indefinite)
      fail(start, 'the GSS-API token header must use a definite length (RFC 2743 §3.1)');
    if (outer.nonMinimalLength)
      (node.warnings ??= []).push('length not in its shortest form (RFC 2743 §3.1 2a)');
    const thisMech = decodeElement(ctx, node, ThisMech, outer.contentOffset, outer.end, 'thisMech');
    const mech = thisMech.value as string;
    const innerStart = thisMech.offset + thisMech.length;
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
  } else if (KERBEROS_FAMILY_OIDS.includes(mech)) {
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
