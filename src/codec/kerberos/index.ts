/**
 * Kerberos V5 in GSS-API tokens (RFC 4120, RFC 4121, RFC 1964): schemas to decode and
 * to build messages with `toDer`, and the decoders the GSS/SPNEGO layer calls. A schema's name
 * is also its value's type where RFC 4120 App. A spells it so (`Ticket`, `EncTicketPart`,
 * `Authenticator`, `PrincipalName`, `EncryptedData`…); the messages' types are `ApReq`, `ApRep`,
 * `EncApRepPart`, `KrbError`, `KrbCred`, `EncKrbCredPart`, `KdcReq`… (`readDer` gives them).
 */
export {
  Int32,
  UInt32,
  Microseconds,
  KerberosString,
  Realm,
  KerberosTime,
  PrincipalName,
  HostAddress,
  HostAddresses,
  AuthorizationDataElement,
  AuthorizationData,
  APOptions,
  TicketFlags,
  KDCOptions,
  EncryptedData,
  EncryptionKey,
  Checksum,
  type KerberosFlags,
} from './types';
export { Ticket, EncTicketPart, TransitedEncoding } from './ticket';
export {
  AP_REQ,
  AP_REP,
  Authenticator,
  EncAPRepPart,
  type ApReq,
  type ApRep,
  type EncApRepPart,
} from './ap';
export { AuthenticatorChecksum, decodeGssChecksum, gssFlagNames } from './gss-checksum';
export {
  KRB_CRED,
  EncKrbCredPart,
  KrbCredInfo,
  KRB_SAFE,
  KRB_SAFE_BODY,
  KRB_PRIV,
  EncKrbPrivPart,
  type KrbCred,
  type KrbSafe,
  type KrbPriv,
} from './cred';
export {
  PA_DATA,
  METHOD_DATA,
  TYPED_DATA,
  ETYPE_INFO,
  ETYPE_INFO_ENTRY,
  ETYPE_INFO2,
  ETYPE_INFO2_ENTRY,
  KERB_PA_PAC_REQUEST,
  PA_PAC_OPTIONS,
  PA_FOR_USER,
  KERB_ERROR_DATA,
  decodeEData,
  type PaData,
  type MethodData,
  type EtypeInfo2,
  type KerbErrorData,
} from './padata';
export { KRB_ERROR, KRB_ERROR_BODY, type KrbError } from './error';
export {
  KDC_REQ,
  KDC_REQ_BODY,
  KDC_REP,
  AS_REQ,
  AS_REP,
  TGS_REQ,
  TGS_REP,
  LastReq,
  EncKDCRepPart,
  EncASRepPart,
  EncTGSRepPart,
  type KdcReq,
  type KdcRep,
  type EncKdcRepPart,
} from './kdc';
export { TGT_REQ, TGT_REP } from './u2u';
export { IAKERB_HEADER } from './iakerb';
export { KERBEROS_MESSAGE_TAGS, isKerberosMessageTag, decodeKerberosMessage } from './messages';
export { decodeKerberosFramedBody } from './framing';
export {
  readKrbContextToken,
  encodeKrbContextToken,
  encodeKrbContextMessage,
  type KrbContextToken,
  type KrbContextMessage,
} from './context-token';
export { decodePerMessageToken, isPerMessageToken, cfxFlagNames } from './per-message';
export { TOK_IDS, CONTEXT_TOK_ID } from '../../data/kerberos';
export { flagMask } from './refine';
export type { RefinedSchema } from './refine';
