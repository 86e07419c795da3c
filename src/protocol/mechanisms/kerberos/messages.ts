import { toDer } from '../../../codec/asn1/encode';
import { OID } from '../../../data/oids';
import { encodeInitialContextToken } from '../../../codec/gss';
import {
  AP_REP,
  AP_REQ,
  Authenticator,
  EncAPRepPart,
  KERB_ERROR_DATA,
  KRB_ERROR,
} from '../../../codec/kerberos';
import { encrypt } from '../../../crypto/kerberos/encrypt';
import { KEY_USAGE } from '../../../crypto/kerberos/usages';
import type { SimConfig } from '../../config';
import { CKSUMTYPE_GSSAPI } from './gss-checksum';
import { confounder, ETYPE, susec } from './keys';
import { clientName, serviceName } from './principals';
import { kerberosTime, serverSeconds } from './time';
import type { TicketValue } from './tickets';

/** TOK_IDs of the context tokens (RFC 4121 §4.1). */
export const TOK_ID = { apReq: '0100', apRep: '0200', error: '0300' } as const;

/** `60 … 06 09 <mech OID> <TOK_ID> <message>` (RFC 4121 §4.1, RFC 2743 §3.1). */
export function frame(tokId: string, message: Uint8Array, mechOid: string = OID.krb5): Uint8Array {
  const inner = new Uint8Array(2 + message.length);
  inner[0] = Number.parseInt(tokId.slice(0, 2), 16);
  inner[1] = Number.parseInt(tokId.slice(2, 4), 16);
  inner.set(message, 2);
  return encodeInitialContextToken(mechOid, inner);
}

/** APOptions bit 2 (RFC 4120 §5.5.1). */
export const MUTUAL_REQUIRED = 0x20000000;

export interface AuthenticatorInput {
  ctime: string;
  cusec: number;
  checksum: Uint8Array;
  subkey: Uint8Array;
  seq: number;
}

/** AP-REQ (RFC 4120 §5.5.1): the ticket plus an Authenticator sealed in the session key (usage 11). */
export function apReq(
  config: SimConfig,
  ticket: TicketValue,
  sessionKey: Uint8Array,
  auth: AuthenticatorInput,
): Uint8Array {
  const authenticator = toDer(Authenticator, {
    'authenticator-vno': 5,
    crealm: config.realm,
    cname: clientName(config),
    cksum: { cksumtype: CKSUMTYPE_GSSAPI, checksum: auth.checksum },
    cusec: auth.cusec,
    ctime: auth.ctime,
    subkey: { keytype: ETYPE, keyvalue: auth.subkey },
    'seq-number': auth.seq,
  });
  return toDer(AP_REQ, {
    pvno: 5,
    'msg-type': 14,
    'ap-options': config.initiator.mutual ? MUTUAL_REQUIRED : 0,
    ticket,
    authenticator: {
      etype: ETYPE,
      cipher: encrypt(
        sessionKey,
        KEY_USAGE.apReqAuthenticator,
        authenticator,
        confounder(config, 'authenticator'),
      ),
    },
  });
}

export interface ApRepInput {
  ctime: string;
  cusec: number;
  subkey: Uint8Array;
  seq: number;
}

/** AP-REP (RFC 4120 §5.5.2): EncAPRepPart sealed in the session key (usage 12), no kvno. */
export function apRep(config: SimConfig, sessionKey: Uint8Array, part: ApRepInput): Uint8Array {
  const enc = toDer(EncAPRepPart, {
    ctime: part.ctime,
    cusec: part.cusec,
    subkey: { keytype: ETYPE, keyvalue: part.subkey },
    'seq-number': part.seq,
  });
  return toDer(AP_REP, {
    pvno: 5,
    'msg-type': 15,
    'enc-part': {
      etype: ETYPE,
      cipher: encrypt(sessionKey, KEY_USAGE.apRepEncPart, enc, confounder(config, 'ap-rep')),
    },
  });
}

/** Error codes the acceptor can answer with, and RFC 4120 §7.5.9's words for them. */
export const KRB_ERRORS = {
  KRB_AP_ERR_TKT_EXPIRED: [32, 'ticket expired'],
  KRB_AP_ERR_TKT_NYV: [33, 'ticket not yet valid'],
  KRB_AP_ERR_BAD_INTEGRITY: [31, 'integrity check on decrypted field failed'],
  KRB_AP_ERR_NOT_US: [35, 'the ticket is not for us'],
  KRB_AP_ERR_BADMATCH: [36, 'ticket and authenticator do not match'],
  KRB_AP_ERR_SKEW: [37, 'clock skew too great'],
  KRB_AP_ERR_BADVERSION: [39, 'protocol version mismatch'],
  KRB_AP_ERR_MSG_TYPE: [40, 'invalid message type'],
  KRB_AP_ERR_MODIFIED: [41, 'message stream modified'],
  KRB_AP_ERR_BADKEYVER: [44, 'specified version of key is not available'],
  KRB_AP_ERR_NOKEY: [45, 'service key not available'],
  KRB_AP_ERR_MUT_FAIL: [46, 'mutual authentication failed'],
  KRB_AP_ERR_INAPP_CKSUM: [50, 'inappropriate type of checksum in message'],
  KDC_ERR_ETYPE_NOSUPP: [14, 'encryption type not supported'],
} as const;

export type KrbErrorName = keyof typeof KRB_ERRORS;

/** `KRB_AP_ERR_SKEW (37): clock skew too great`. */
export function errorText(name: KrbErrorName): string {
  const [code, words] = KRB_ERRORS[name];
  return `${name} (${code}): ${words}`;
}

const SKEW_RECOVERY = 2;

/**
 * KRB-ERROR (RFC 4120 §5.9.1) with the server's time, realm and name, as MIT sends it (no ctime,
 * no e-text: observed from an MIT krb5 1.20 acceptor). A Windows server adds KERB-ERROR-DATA type 2
 * to a clock-skew error so the client can retry with the server's time (MS-KILE §3.2.5.8).
 */
export function krbError(config: SimConfig, name: KrbErrorName): Uint8Array {
  const withRecovery = name === 'KRB_AP_ERR_SKEW' && config.profile === 'windows';
  return toDer(KRB_ERROR, {
    pvno: 5,
    'msg-type': 30,
    stime: kerberosTime(serverSeconds(config)),
    susec: susec(config),
    'error-code': KRB_ERRORS[name][0],
    realm: config.realm,
    sname: serviceName(config),
    'e-data': withRecovery ? toDer(KERB_ERROR_DATA, { 'data-type': SKEW_RECOVERY }) : undefined,
  });
}

/** The name of a received error code, for the initiator's message. */
export function nameOfCode(code: number): KrbErrorName | undefined {
  return (Object.keys(KRB_ERRORS) as KrbErrorName[]).find((n) => KRB_ERRORS[n][0] === code);
}
