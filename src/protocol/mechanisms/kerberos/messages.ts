import { implementationOf } from '../../profiles';
import { toDer } from '../../../codec/asn1/encode';
import { readDer } from '../../../codec/asn1/read';
import {
  AP_OPTIONS_BIT,
  CKSUMTYPE_GSSAPI,
  ERROR_CODE,
  KEY_USAGE,
  KERB_ERROR_DATA_TYPE,
} from '../../../data/kerberos';
import {
  Authenticator,
  EncAPRepPart,
  flagMask,
  KERB_ERROR_DATA,
  type ApRep,
  type ApReq,
  type KrbError,
  type Ticket,
} from '../../../codec/kerberos';
import type { SimConfig } from '../../config';
import { sealed, susec, type TypedKey } from './keys';
import { sequenceOf } from '../../../codec/asn1/schema';
import { Int32 } from '../../../codec/kerberos/types';
import { AuthorizationData } from '../../../codec/kerberos';
import { clientName, serviceName } from './principals';
import { kerberosTime, serverSeconds } from './time';

/** APOptions with mutual-required set (RFC 4120 §5.5.1). */
export const MUTUAL_REQUIRED = flagMask([AP_OPTIONS_BIT.mutualRequired]);

export interface AuthenticatorInput {
  ctime: string;
  cusec: number;
  checksum: Uint8Array;
  subkey: TypedKey;
  seq: number;
  /** RFC 4537: the etypes the client would rather protect the context with, best first. */
  etypeList?: number[];
}

/** RFC 4537 §3: EtypeList ::= SEQUENCE OF Int32. */
const EtypeList = sequenceOf('EtypeList', Int32(undefined, 'RFC 4537 §3'), 'RFC 4537 §3');
const AD_IF_RELEVANT = 1;
const AD_ETYPE_NEGOTIATION = 129;

/**
 * authorization-data carrying AD-ETYPE-NEGOTIATION (129) inside AD-IF-RELEVANT (RFC 4537 §3), as
 * MIT's client adds it when the session key's etype is not its first choice.
 */
function etypeNegotiation(etypes: number[]) {
  const inner = toDer(AuthorizationData, [
    { 'ad-type': AD_ETYPE_NEGOTIATION, 'ad-data': toDer(EtypeList, etypes) },
  ]);
  return [{ 'ad-type': AD_IF_RELEVANT, 'ad-data': inner }];
}

/** The RFC 4537 list in an Authenticator's authorization-data, if any. */
export function readEtypeNegotiation(
  ad: readonly { 'ad-type': number; 'ad-data': Uint8Array }[] | undefined,
): number[] | null {
  for (const element of ad ?? []) {
    if (element['ad-type'] !== AD_IF_RELEVANT) continue;
    const inner = readDer(AuthorizationData, element['ad-data']);
    if (!inner.ok) continue;
    for (const e of inner.value) {
      if (e['ad-type'] !== AD_ETYPE_NEGOTIATION) continue;
      const list = readDer(EtypeList, e['ad-data']);
      if (list.ok) return list.value as number[];
    }
  }
  return null;
}

/** AP-REQ (RFC 4120 §5.5.1): the ticket plus an Authenticator sealed in the session key (usage 11). */
export function apReq(
  config: SimConfig,
  ticket: Ticket,
  sessionKey: TypedKey,
  auth: AuthenticatorInput,
): ApReq {
  const authenticator = toDer(Authenticator, {
    'authenticator-vno': 5,
    crealm: config.realm,
    cname: clientName(config),
    cksum: { cksumtype: CKSUMTYPE_GSSAPI, checksum: auth.checksum },
    cusec: auth.cusec,
    ctime: auth.ctime,
    subkey: { keytype: auth.subkey.etype, keyvalue: auth.subkey.key },
    'seq-number': auth.seq,
    ...(auth.etypeList ? { 'authorization-data': etypeNegotiation(auth.etypeList) } : {}),
  });
  return {
    pvno: 5,
    'msg-type': 14,
    'ap-options': config.initiator.mutual || config.kerberos.dceStyle ? MUTUAL_REQUIRED : 0,
    ticket,
    authenticator: sealed(
      config,
      sessionKey,
      KEY_USAGE.apReqAuthenticator,
      authenticator,
      'authenticator',
    ),
  };
}

export interface ApRepInput {
  ctime: string;
  cusec: number;
  /** Absent in the DCE initiator's AP-REP (MIT krb5 src/lib/krb5/krb/mk_rep.c, k5_mk_rep()). */
  subkey?: TypedKey;
  seq: number;
}

/** AP-REP (RFC 4120 §5.5.2): EncAPRepPart sealed in the session key (usage 12), no kvno. */
export function apRep(
  config: SimConfig,
  sessionKey: TypedKey,
  part: ApRepInput,
  what = 'ap-rep',
): ApRep {
  const enc = toDer(EncAPRepPart, {
    ctime: part.ctime,
    cusec: part.cusec,
    ...(part.subkey ? { subkey: { keytype: part.subkey.etype, keyvalue: part.subkey.key } } : {}),
    'seq-number': part.seq,
  });
  return {
    pvno: 5,
    'msg-type': 15,
    'enc-part': sealed(config, sessionKey, KEY_USAGE.apRepEncPart, enc, what),
  };
}

/**
 * The errors the acceptor can answer with, and RFC 4120 §7.5.9's words for them; their codes are
 * in the one error-code table.
 */
const KRB_ERROR_WORDS = {
  KRB_AP_ERR_TKT_EXPIRED: 'ticket expired',
  KRB_AP_ERR_TKT_NYV: 'ticket not yet valid',
  KRB_AP_ERR_BAD_INTEGRITY: 'integrity check on decrypted field failed',
  KRB_AP_ERR_NOT_US: 'the ticket is not for us',
  KRB_AP_ERR_BADMATCH: 'ticket and authenticator do not match',
  KRB_AP_ERR_SKEW: 'clock skew too great',
  KRB_AP_ERR_BADVERSION: 'protocol version mismatch',
  KRB_AP_ERR_MSG_TYPE: 'invalid message type',
  KRB_AP_ERR_MODIFIED: 'message stream modified',
  KRB_AP_ERR_BADKEYVER: 'specified version of key is not available',
  KRB_AP_ERR_NOKEY: 'service key not available',
  KRB_AP_ERR_MUT_FAIL: 'mutual authentication failed',
  KRB_AP_ERR_INAPP_CKSUM: 'inappropriate type of checksum in message',
  KDC_ERR_ETYPE_NOSUPP: 'encryption type not supported',
  KRB_AP_ERR_REPEAT: 'request is a replay',
  KRB_ERR_GENERIC: 'generic error',
} as const;

export type KrbErrorName = keyof typeof KRB_ERROR_WORDS;

/** `KRB_AP_ERR_SKEW (37): clock skew too great`. */
export function errorText(name: KrbErrorName): string {
  return `${name} (${ERROR_CODE[name]}): ${KRB_ERROR_WORDS[name]}`;
}

/**
 * KRB-ERROR (RFC 4120 §5.9.1) with the server's time, realm and name, as MIT sends it (no ctime,
 * no e-text: observed from an MIT krb5 1.20 acceptor). A Windows server adds KERB-ERROR-DATA type 2
 * to a clock-skew error so the client can retry with the server's time (MS-KILE §3.2.5.8); so
 * does a Heimdal server.
 */
export function krbError(config: SimConfig, name: KrbErrorName): KrbError {
  const acceptor = implementationOf(config, 'acceptor');
  // Heimdal's acceptor sends the same e-data with both errors it answers at all
  // (Heimdal lib/gssapi/krb5/accept_sec_context.c, send_error_token()).
  const withRecovery =
    (name === 'KRB_AP_ERR_SKEW' && acceptor === 'windows') ||
    (HEIMDAL_ERROR_TOKENS.has(name) && acceptor === 'heimdal');
  return {
    pvno: 5,
    'msg-type': 30,
    stime: kerberosTime(serverSeconds(config)),
    susec: susec(config),
    'error-code': ERROR_CODE[name],
    realm: config.realm,
    sname: serviceName(config),
    'e-data': withRecovery
      ? toDer(KERB_ERROR_DATA, { 'data-type': KERB_ERROR_DATA_TYPE.skewRecovery })
      : undefined,
  };
}

/**
 * The only errors a Heimdal acceptor answers with a token: it cannot tell yet whether the client
 * asked for mutual authentication, so it sends none for the others (Heimdal
 * lib/gssapi/krb5/accept_sec_context.c, gsskrb5_acceptor_start()).
 */
export const HEIMDAL_ERROR_TOKENS: ReadonlySet<KrbErrorName> = new Set([
  'KRB_AP_ERR_SKEW',
  'KRB_AP_ERR_TKT_NYV',
]);

/** The name of a received error code, for the initiator's message. */
export function nameOfCode(code: number): KrbErrorName | undefined {
  return (Object.keys(KRB_ERROR_WORDS) as KrbErrorName[]).find((n) => ERROR_CODE[n] === code);
}
