import {
  bitString,
  generalString,
  namedEnumerated,
  octetString,
  oid,
  type InnerDecoder,
} from '../asn1/primitives';
import {
  optional,
  field,
  sequence,
  sequenceOf,
  type PrimitiveSchema,
  type Schema,
  type SchemaValue,
} from '../asn1/schema';
import { CONTEXT_FLAGS, NEG_STATE_NAMES } from '../../data/spnego';

/**
 * The SPNEGO module (RFC 4178 §4, App. A) and MS-SPNG §2.2.1 NegTokenInit2, described once for
 * decoding and encoding. The OCTET STRING fields take an inner decoder so a decoded tree shows
 * the mechanism token inside; encoding ignores it.
 */
export const MechType = oid('MechType', 'RFC 4178 §4.1');
export const MechTypeList = sequenceOf('MechTypeList', MechType, 'RFC 4178 §4.1');
export const ContextFlags = bitString('ContextFlags', CONTEXT_FLAGS, 'RFC 4178 §4.2.1');
export const NegState = namedEnumerated('negState', NEG_STATE_NAMES, 'RFC 4178 §4.2.2');

/** supportedMech also tells how to read the mechListMIC that follows it in the same token. */
const SupportedMech: PrimitiveSchema<string> = {
  ...MechType,
  decode(ctx, node, tlv) {
    MechType.decode(ctx, node, tlv);
    ctx.mechHint = node.value as string;
  },
};

export interface SpnegoInnerDecoders {
  mechToken?: InnerDecoder;
  mechListMIC?: InnerDecoder;
}

export function spnegoSchemas(inner: SpnegoInnerDecoders = {}) {
  const mechToken = octetString('OCTET STRING', inner.mechToken);
  const mechListMIC = octetString('OCTET STRING', inner.mechListMIC);

  const NegTokenInit = sequence(
    'NegTokenInit',
    [
      field(0, 'mechTypes', MechTypeList, { spec: 'RFC 4178 §4.2.1' }),
      optional(1, 'reqFlags', ContextFlags, 'RFC 4178 §4.2.1'),
      optional(2, 'mechToken', mechToken, 'RFC 4178 §4.2.1'),
      optional(3, 'mechListMIC', mechListMIC, 'RFC 4178 §4.2.1'),
    ],
    'RFC 4178 §4.2.1',
  );

  const NegHints = sequence(
    'NegHints',
    [
      optional(0, 'hintName', generalString('GeneralString'), 'MS-SPNG §2.2.1'),
      optional(1, 'hintAddress', octetString(), 'MS-SPNG §2.2.1'),
    ],
    'MS-SPNG §2.2.1',
  );

  const NegTokenInit2 = sequence(
    'NegTokenInit2',
    [
      optional(0, 'mechTypes', MechTypeList, 'MS-SPNG §2.2.1'),
      optional(1, 'reqFlags', ContextFlags, 'MS-SPNG §2.2.1'),
      optional(2, 'mechToken', mechToken, 'MS-SPNG §2.2.1'),
      optional(3, 'negHints', NegHints, 'MS-SPNG §2.2.1'),
      optional(4, 'mechListMIC', mechListMIC, 'MS-SPNG §2.2.1'),
    ],
    'MS-SPNG §2.2.1',
  );

  const NegTokenResp = sequence(
    'NegTokenResp',
    [
      optional(0, 'negState', NegState, 'RFC 4178 §4.2.2'),
      optional(1, 'supportedMech', SupportedMech, 'RFC 4178 §4.2.2'),
      optional(2, 'responseToken', mechToken, 'RFC 4178 §4.2.2'),
      optional(3, 'mechListMIC', mechListMIC, 'RFC 4178 §4.2.2'),
    ],
    'RFC 4178 §4.2.2',
  );

  return { NegTokenInit, NegTokenInit2, NegHints, NegTokenResp } satisfies Record<string, Schema>;
}

/** Schemas without inner decoders, for building and reading tokens as typed values. */
export const SPNEGO = spnegoSchemas();

export type NegTokenInit = SchemaValue<typeof SPNEGO.NegTokenInit>;
export type NegTokenInit2 = SchemaValue<typeof SPNEGO.NegTokenInit2>;
export type NegTokenResp = SchemaValue<typeof SPNEGO.NegTokenResp>;
export type NegHints = SchemaValue<typeof SPNEGO.NegHints>;
