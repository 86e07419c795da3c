import { toDer } from '../asn1/encode';
import { readDer, type ReadResult } from '../asn1/read';
import { outerTag } from '../asn1/schema';
import { encodeInitialContextToken, readInitialContextToken } from '../gss';
import { CONTEXT_TOK_ID, type ContextMessageKind } from '../../data/kerberos';
import { KERBEROS_FAMILY_OIDS, OID } from '../../data/oids';
import { AP_REP, AP_REQ, type ApRep, type ApReq } from './ap';
import { KRB_ERROR, type KrbError } from './error';
import { concatBytes, fromHex, toHex } from '../../bytes';

/**
 * The Kerberos context tokens of RFC 4121 §4.1: an InitialContextToken (RFC 2743 §3.1) whose
 * innerContextToken is a two-byte TOK_ID and then the AP-REQ (`01 00`), AP-REP (`02 00`) or
 * KRB-ERROR (`03 00`). The layout is written here once, for reading into typed values and for
 * encoding; the inspector's tree of the same bytes comes from `framing.ts` with the same schemas.
 */
export type KrbContextMessage =
  | { kind: 'AP-REQ'; value: ApReq }
  | { kind: 'AP-REP'; value: ApRep }
  | { kind: 'KRB-ERROR'; value: KrbError };

export interface KrbContextToken {
  thisMech: string;
  /** The TOK_ID as four lowercase hex digits (`0100`). */
  tokId: string;
  /**
   * The message after the TOK_ID, chosen by its [APPLICATION n] tag (which need not be the one
   * the TOK_ID announces). Absent only after a TOK_ID that announces no context message and is
   * not followed by one: an acceptor answers that with KRB_AP_ERR_MSG_TYPE (RFC 4121 §4.1).
   */
  message?: KrbContextMessage;
}

const SCHEMAS = { 'AP-REQ': AP_REQ, 'AP-REP': AP_REP, 'KRB-ERROR': KRB_ERROR } as const;
const KINDS = Object.keys(SCHEMAS) as ContextMessageKind[];

/** The identifier octet of the message each context TOK_ID announces (`0100` → 0x6e). */
export const CONTEXT_MESSAGE_TAG: Readonly<Record<string, number>> = Object.fromEntries(
  KINDS.map((kind) => [CONTEXT_TOK_ID[kind], outerTag(SCHEMAS[kind])]),
);

/** Reads a whole GSS-framed Kerberos context token; errors carry absolute offsets, nothing throws. */
export function readKrbContextToken(bytes: Uint8Array): ReadResult<KrbContextToken> {
  const framed = readInitialContextToken(bytes);
  if (!framed.ok) return framed;
  const { thisMech, innerOffset } = framed.value;
  if (!KERBEROS_FAMILY_OIDS.includes(thisMech))
    return invalid(innerOffset, `framed for ${thisMech}, not Kerberos`);
  if (bytes.length - innerOffset < 2)
    return invalid(innerOffset, 'expected a two-byte TOK_ID but the token ended (RFC 4121 §4.1)');
  const tokId = toHex(bytes, innerOffset, innerOffset + 2);
  const start = innerOffset + 2;
  const kind = KINDS.find((k) => outerTag(SCHEMAS[k]) === bytes[start]);
  if (!kind) {
    const announced = KINDS.find((k) => CONTEXT_TOK_ID[k] === tokId);
    if (!announced && start === bytes.length) return { ok: true, value: { thisMech, tokId } };
    const found =
      start < bytes.length ? `0x${bytes[start].toString(16).padStart(2, '0')}` : 'nothing';
    const expected = announced ? `the ${announced} TOK_ID ${tokId} announces` : 'a context message';
    return invalid(start, `expected ${expected} but found ${found} after the TOK_ID`);
  }
  const message = readMessage(kind, bytes, start);
  if (!message.ok) return message;
  return { ok: true, value: { thisMech, tokId, message: message.value } };
}

function readMessage(
  kind: ContextMessageKind,
  bytes: Uint8Array,
  start: number,
): ReadResult<KrbContextMessage> {
  const wrap = <T>(read: ReadResult<T>, as: (value: T) => KrbContextMessage) =>
    read.ok ? { ok: true as const, value: as(read.value) } : read;
  switch (kind) {
    case 'AP-REQ':
      return wrap(readDer(AP_REQ, bytes, start), (value) => ({ kind, value }));
    case 'AP-REP':
      return wrap(readDer(AP_REP, bytes, start), (value) => ({ kind, value }));
    case 'KRB-ERROR':
      return wrap(readDer(KRB_ERROR, bytes, start), (value) => ({ kind, value }));
  }
}

/** The DER of a context message, without its framing. */
export function encodeKrbContextMessage(message: KrbContextMessage): Uint8Array {
  switch (message.kind) {
    case 'AP-REQ':
      return toDer(AP_REQ, message.value);
    case 'AP-REP':
      return toDer(AP_REP, message.value);
    case 'KRB-ERROR':
      return toDer(KRB_ERROR, message.value);
  }
}

/**
 * `60 … 06 09 <mech OID> <TOK_ID> <message>`, the TOK_ID the message's kind calls for. Replies
 * are framed with the OID the AP-REQ used (MIT krb5 src/lib/gssapi/krb5/accept_sec_context.c,
 * kg_accept_krb5(): `mech_used`), hence `thisMech`.
 */
export function encodeKrbContextToken(
  message: KrbContextMessage,
  thisMech: string = OID.krb5,
): Uint8Array {
  const inner = concatBytes(
    fromHex(CONTEXT_TOK_ID[message.kind]),
    encodeKrbContextMessage(message),
  );
  return encodeInitialContextToken(thisMech, inner);
}

function invalid<T>(offset: number, message: string): ReadResult<T> {
  return { ok: false, error: { offset, message } };
}
