import { toDer, explicitContext, encodeBlock } from '../asn1/encode';
import { readElement, type ReadResult } from '../asn1/read';
import { asDecodeError, fail } from '../context';
import { readTlv } from '../der/reader';
import { encodeInitialContextToken, readInitialContextToken } from '../gss';
import { OID } from '../../data/oids';
import { isNegTokenInit2 } from './decode';
import {
  MechTypeList,
  SPNEGO,
  type NegTokenInit,
  type NegTokenInit2,
  type NegTokenResp,
} from './schema';

/**
 * SPNEGO tokens as typed values, read and built from the schemas in schema.ts — the same ones the
 * inspector's tree comes from. NegotiationToken ::= CHOICE { negTokenInit [0], negTokenResp [1] }
 * (RFC 4178 §4.2); `[0]` also carries MS-SPNG's NegTokenInit2 (MS-SPNG §2.2.1).
 */
export type SpnegoToken =
  | ({ kind: 'NegTokenInit'; mechTypesDer: Uint8Array } & NegTokenInit)
  | ({ kind: 'NegTokenInit2'; mechTypesDer: Uint8Array } & NegTokenInit2)
  | ({ kind: 'NegTokenResp' } & NegTokenResp);

/**
 * A SPNEGO token: a first token framed as an InitialContextToken with thisMech SPNEGO
 * (RFC 2743 §3.1), or a bare NegotiationToken. `mechTypesDer` is the MechTypeList exactly as
 * received, which is what the mechListMIC covers (RFC 4178 §5).
 */
export function readSpnegoToken(bytes: Uint8Array): ReadResult<SpnegoToken> {
  let start = 0;
  if (bytes[0] === 0x60) {
    const framed = readInitialContextToken(bytes);
    if (!framed.ok) return framed;
    if (framed.value.thisMech !== OID.spnego)
      return invalid(0, `a token of ${framed.value.thisMech}, not SPNEGO`);
    start = framed.value.innerOffset;
  }
  try {
    const choice = readTlv(bytes, start, bytes.length);
    if (choice.end !== bytes.length)
      fail(choice.end, `${bytes.length - choice.end} unexpected bytes after the NegotiationToken`);
    if (choice.tag !== 0xa0 && choice.tag !== 0xa1)
      fail(
        start,
        `expected a NegotiationToken (a0 NegTokenInit or a1 NegTokenResp) but found 0x${choice.tag.toString(16).padStart(2, '0')}`,
      );
    const sequence = readTlv(bytes, choice.contentOffset, choice.end);
    if (sequence.end !== choice.end)
      fail(sequence.end, 'unexpected bytes after the NegotiationToken inside its tag');
    if (choice.tag === 0xa1) {
      const resp = readElement(SPNEGO.NegTokenResp, bytes, sequence);
      return { ok: true, value: { kind: 'NegTokenResp', ...resp } };
    }
    const mechTypesDer = mechTypesElement(bytes, sequence.contentOffset, sequence.end);
    if (isNegTokenInit2(bytes, choice.contentOffset, choice.end)) {
      const init2 = readElement(SPNEGO.NegTokenInit2, bytes, sequence);
      return { ok: true, value: { kind: 'NegTokenInit2', mechTypesDer, ...init2 } };
    }
    const init = readElement(SPNEGO.NegTokenInit, bytes, sequence);
    return { ok: true, value: { kind: 'NegTokenInit', mechTypesDer, ...init } };
  } catch (e) {
    const err = asDecodeError(e, start);
    return invalid(err.offset, err.message);
  }
}

function invalid<T>(offset: number, message: string): ReadResult<T> {
  return { ok: false, error: { offset, message } };
}

/** The element inside field `[0] mechTypes`, header included, as the sender wrote it. */
function mechTypesElement(bytes: Uint8Array, start: number, end: number): Uint8Array {
  for (let pos = start; pos < end;) {
    const field = readTlv(bytes, pos, end);
    if (field.tag === 0xa0) return bytes.slice(field.contentOffset, field.end);
    pos = field.end;
  }
  return new Uint8Array();
}

/** DER(MechTypeList): what the mechListMIC is computed over (RFC 4178 §5 a). */
export function encodeMechTypeList(oids: string[]): Uint8Array {
  return toDer(MechTypeList, oids);
}

/** The first initiator token: always GSS-framed with thisMech = SPNEGO (RFC 4178 §4.2). */
export function encodeNegTokenInit(value: NegTokenInit): Uint8Array {
  const inner = explicitContext(0, encodeBlock(SPNEGO.NegTokenInit, value));
  return encodeInitialContextToken(OID.spnego, new Uint8Array(inner.toBER(false)));
}

/** MS-SPNG §2.2.1: the server-initiated token, GSS-framed like a NegTokenInit. */
export function encodeNegTokenInit2(value: NegTokenInit2): Uint8Array {
  const inner = explicitContext(0, encodeBlock(SPNEGO.NegTokenInit2, value));
  return encodeInitialContextToken(OID.spnego, new Uint8Array(inner.toBER(false)));
}

/** Every later token, both directions: never framed (RFC 4178 §4.2: "MUST NOT be encapsulated"). */
export function encodeNegTokenResp(value: NegTokenResp): Uint8Array {
  return new Uint8Array(explicitContext(1, encodeBlock(SPNEGO.NegTokenResp, value)).toBER(false));
}
