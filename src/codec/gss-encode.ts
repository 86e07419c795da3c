import * as asn1js from 'asn1js';
import { concatBytes } from '../bytes';

/**
 * RFC 2743 §3.1 framing for a first token: `60 len 06 len <thisMech> <inner>`. The inner token is
 * raw bytes (a TOK_ID and a Kerberos message, or a DER NegotiationToken), so the outer header is
 * written here around the OID that asn1js encodes.
 */
export function encodeInitialContextToken(thisMech: string, inner: Uint8Array): Uint8Array {
  const oid = new Uint8Array(new asn1js.ObjectIdentifier({ value: thisMech }).toBER(false));
  return concatBytes(Uint8Array.of(0x60), derLength(oid.length + inner.length), oid, inner);
}

/** DER definite length octets, shortest form (gss-framing.md §1.2). */
export function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const octets: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n & 0xff);
  return Uint8Array.of(0x80 | octets.length, ...octets);
}
