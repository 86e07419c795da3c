/**
 * What `reproduce` compares of one message on the wire, read from its bytes with the codec's
 * typed readers (SPNEGO, Kerberos, NTLM) — the same reading for the real token and the simulated
 * one, so a difference is a difference of the bytes, not of two descriptions.
 */
import { readDer } from '../../codec/asn1/read';
import { AP_REP, AP_REQ, KRB_ERROR, readKrbContextToken } from '../../codec/kerberos';
import type { KrbContextMessage } from '../../codec/kerberos/context-token';
import { readSpnegoToken } from '../../codec/spnego/token';
import { readNtlmMessage, type NtlmMessage } from '../../codec/ntlm';
import { ERROR_CODES } from '../../data/kerberos';
import { OID, OIDS } from '../../data/oids';
import type { Side } from '../types';

export interface WireShape {
  direction: Side;
  /** `NegTokenInit`, `NegTokenInit2`, `NegTokenResp`, `mechanism` (a bare mechanism token) or `empty`. */
  message: string;
  negState: string | null;
  supportedMech: string | null;
  /** The offered mechanisms' OIDs, comma-separated ('' when the message lists none). */
  mechTypes: string;
  mechToken: boolean;
  responseToken: boolean;
  mechListMIC: boolean;
  /** The Kerberos message inside (or bare): AP-REQ, AP-REP, KRB-ERROR. */
  krbMsgType: string | null;
  /** KRB-ERROR error-code with its RFC 4120 §7.5.9 name. */
  errorCode: string | null;
  /** AP-REQ: ticket and authenticator etypes and the ticket's kvno; AP-REP: its enc-part etype. */
  etypes: string | null;
  /** AP-REQ ap-options as a hex mask (RFC 4120 §5.5.1, bit 0 the top bit). */
  apOptions: string | null;
  /** NTLM MessageType name (MS-NLMP §2.2.1). */
  ntlmType: string | null;
  /** NegotiateFlags as hex (MS-NLMP §2.2.2.5). */
  ntlmFlags: string | null;
}

export const SHAPE_FIELDS: readonly (keyof WireShape)[] = [
  'direction',
  'message',
  'negState',
  'supportedMech',
  'mechTypes',
  'mechToken',
  'responseToken',
  'mechListMIC',
  'krbMsgType',
  'errorCode',
  'etypes',
  'apOptions',
  'ntlmType',
  'ntlmFlags',
];

/**
 * The fields that make the message sequence: who sends, which message, negState, supportedMech,
 * which tokens ride, the Kerberos message and error, the NTLM message. The other fields (mech OIDs,
 * etypes, ap-options, NTLM flags) are details a reproduction reports but may still differ in.
 */
export const SEQUENCE_FIELDS: readonly (keyof WireShape)[] = [
  'direction',
  'message',
  'negState',
  'supportedMech',
  'mechToken',
  'responseToken',
  'mechListMIC',
  'krbMsgType',
  'errorCode',
  'ntlmType',
];

const NTLM_TYPES: Record<number, string> = { 1: 'NEGOTIATE', 2: 'CHALLENGE', 3: 'AUTHENTICATE' };

/** A Kerberos message, GSS-framed (RFC 4121 §4.1) or bare (DCE style, MS-KILE §3.4.5.1). */
export function readKrbMessage(bytes: Uint8Array): KrbContextMessage | null {
  const framed = readKrbContextToken(bytes);
  if (framed.ok) return framed.value.message ?? null;
  const bare = [
    ['AP-REQ', AP_REQ],
    ['AP-REP', AP_REP],
    ['KRB-ERROR', KRB_ERROR],
  ] as const;
  for (const [kind, schema] of bare) {
    const read = readDer(schema as typeof AP_REQ, bytes);
    if (read.ok) return { kind, value: read.value } as KrbContextMessage;
  }
  return null;
}

export function readNtlm(bytes: Uint8Array): NtlmMessage | null {
  const read = readNtlmMessage(bytes);
  return read.ok ? read.value : null;
}

/** An OID as its short name where it has one (`Kerberos`, `MS-Kerberos`, `NTLM`), else dotted. */
export function oidName(oid: string): string {
  if (oid === OID.msKrb5) return 'MS-Kerberos';
  return OIDS[oid]?.short ?? oid;
}

const hex32 = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

function mechanismFields(inner: Uint8Array | undefined) {
  const out = {
    krbMsgType: null as string | null,
    errorCode: null as string | null,
    etypes: null as string | null,
    apOptions: null as string | null,
    ntlmType: null as string | null,
    ntlmFlags: null as string | null,
  };
  if (!inner || inner.length === 0) return out;
  const ntlm = readNtlm(inner);
  if (ntlm) {
    out.ntlmType = NTLM_TYPES[ntlm.messageType];
    out.ntlmFlags = hex32(ntlm.flags);
    return out;
  }
  const krb = readKrbMessage(inner);
  if (!krb) return out;
  out.krbMsgType = krb.kind;
  if (krb.kind === 'AP-REQ') {
    const ticket = krb.value.ticket['enc-part'];
    out.etypes = `ticket ${ticket.etype} kvno ${ticket.kvno ?? '-'}, authenticator ${krb.value.authenticator.etype}`;
    out.apOptions = hex32(krb.value['ap-options']);
  } else if (krb.kind === 'AP-REP') {
    out.etypes = `enc-part ${krb.value['enc-part'].etype}`;
  } else {
    const code = krb.value['error-code'];
    out.errorCode = `${code} ${ERROR_CODES[code] ?? ''}`.trim();
  }
  return out;
}

/** The shape of one message as sent by `direction`. */
export function wireShape(direction: Side, bytes: Uint8Array): WireShape {
  const base = {
    direction,
    negState: null,
    supportedMech: null,
    mechTypes: '',
    mechToken: false,
    responseToken: false,
    mechListMIC: false,
  };
  if (bytes.length === 0) return { ...base, message: 'empty', ...mechanismFields(undefined) };
  const read = readSpnegoToken(bytes);
  if (!read.ok) return { ...base, message: 'mechanism', ...mechanismFields(bytes) };
  const token = read.value;
  if (token.kind === 'NegTokenResp')
    return {
      ...base,
      message: token.kind,
      negState: token.negState ?? null,
      supportedMech: token.supportedMech ? oidName(token.supportedMech) : null,
      responseToken: token.responseToken !== undefined,
      mechListMIC: token.mechListMIC !== undefined,
      ...mechanismFields(token.responseToken),
    };
  const mechToken = token.kind === 'NegTokenInit' ? token.mechToken : undefined;
  return {
    ...base,
    message: token.kind,
    mechTypes: (token.mechTypes ?? []).map(oidName).join(', '),
    mechToken: mechToken !== undefined,
    mechListMIC: token.kind === 'NegTokenInit' && token.mechListMIC !== undefined,
    ...mechanismFields(mechToken),
  };
}
