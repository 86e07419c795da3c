import { decodeElement, tryDecode } from '../asn1/decode';
import { bitString, octetString, utf8String } from '../asn1/primitives';
import { sequence } from '../asn1/schema';
import { warn, type DecodeContext } from '../context';
import { addChild, type Node } from '../tree';
import { fieldsOf } from './types';
import { decodeLatin1 } from '../../bytes';

const IAK = 'draft-ietf-kitten-iakerb-03';
const h = fieldsOf(IAK);
const cookie = octetString('OCTET STRING', undefined, IAK);
// Microsoft's extension; its bits are not named in the sources used here.
const headerFlags = bitString('HeaderFlags', {}, IAK);

/** IAKERB-HEADER; its tags start at [1] (krb5 iakerb.c, wireshark spnego.asn). */
export const IAKERB_HEADER = sequence(
  'IAKERB-HEADER',
  [
    h.req(1, 'target-realm', utf8String('UTF8String', IAK)),
    h.opt(2, 'cookie', cookie),
    h.opt(3, 'header-flags', headerFlags),
  ],
  IAK,
);

/**
 * Older MIT wrote target-realm as an OCTET STRING (Wireshark's
 * epan/dissectors/asn1/spnego/spnego.asn notes it); MIT krb5
 * src/lib/krb5/asn.1/asn1_k_encode.c now writes UTF8String.
 */
const IAKERB_HEADER_OCTETS = sequence(
  'IAKERB-HEADER',
  [
    h.req(
      1,
      'target-realm',
      octetString(
        'OCTET STRING',
        (ctx, node, start, end) => {
          node.value = decodeLatin1(ctx.bytes, start, end);
        },
        IAK,
      ),
    ),
    h.opt(2, 'cookie', cookie),
    h.opt(3, 'header-flags', headerFlags),
  ],
  IAK,
);

/** Decodes the IAKERB-HEADER at `start`; the KDC message follows it. */
export function decodeIakerbHeader(
  ctx: DecodeContext,
  parent: Node,
  start: number,
  end: number,
): Node {
  const modern = tryDecode(ctx, IAKERB_HEADER, start, end);
  if (modern) return addChild(parent, modern);
  const old = tryDecode(ctx, IAKERB_HEADER_OCTETS, start, end);
  if (old) {
    addChild(parent, old);
    warn(ctx, old, start, 'target-realm is an OCTET STRING (older MIT), not a UTF8String');
    return old;
  }
  // Neither parses: decode again for real so the error lands on the right node and offset.
  return decodeElement(ctx, parent, IAKERB_HEADER, start, end);
}
