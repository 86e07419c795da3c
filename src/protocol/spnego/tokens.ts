import { toDer, explicitContext, encodeBlock } from '../../codec/asn1/encode';
import { MechTypeList, SPNEGO } from '../../codec/spnego/schema';
import { encodeInitialContextToken } from '../../codec/gss-encode';
import { OID } from '../../data/oids';
import { NEG_STATE_VALUES, type NegStateName } from '../types';

/** Builds SPNEGO tokens from the codec's schemas (one description per structure, RFC 4178 §4.2). */

/** DER(MechTypeList): what the mechListMIC is computed over (RFC 4178 §5 a). */
export function mechTypeListDer(oids: string[]): Uint8Array {
  return toDer(MechTypeList, oids);
}

export interface NegTokenInitFields {
  mechTypes: string[];
  mechToken?: Uint8Array;
  mechListMIC?: Uint8Array;
}

/** The first initiator token: always GSS-framed with thisMech = SPNEGO (RFC 4178 §4.2). */
export function encodeNegTokenInit(fields: NegTokenInitFields): Uint8Array {
  const inner = explicitContext(0, encodeBlock(SPNEGO.NegTokenInit, fields));
  return encodeInitialContextToken(OID.spnego, new Uint8Array(inner.toBER(false)));
}

/** MS-SPNG §2.2.1 / §3.2.5.2: the server-initiated token with its fixed hint name. */
export const FIXED_HINT_NAME = 'not_defined_in_RFC4178@please_ignore';

export function encodeNegTokenInit2(mechTypes: string[]): Uint8Array {
  const inner = explicitContext(
    0,
    encodeBlock(SPNEGO.NegTokenInit2, { mechTypes, negHints: { hintName: FIXED_HINT_NAME } }),
  );
  return encodeInitialContextToken(OID.spnego, new Uint8Array(inner.toBER(false)));
}

export interface NegTokenRespFields {
  negState?: NegStateName;
  supportedMech?: string;
  responseToken?: Uint8Array;
  mechListMIC?: Uint8Array;
}

/** Every later token, both directions: never framed (RFC 4178 §4.2: "MUST NOT be encapsulated"). */
export function encodeNegTokenResp(fields: NegTokenRespFields): Uint8Array {
  const value = {
    ...fields,
    negState: fields.negState === undefined ? undefined : NEG_STATE_VALUES[fields.negState],
  };
  return new Uint8Array(explicitContext(1, encodeBlock(SPNEGO.NegTokenResp, value)).toBER(false));
}
