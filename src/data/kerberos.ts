/**
 * Kerberos name tables (RFC 4120 §7.5 unless a line says otherwise). Keys are wire values; the
 * strings are what a label shows.
 */

/** The encryption types the crypto implements, by name [RFC 3962 §7]. */
export const AES_ETYPE = { aes128: 17, aes256: 18 } as const;

/**
 * Every encryption type the crypto implements, by name: AES with HMAC-SHA1 [RFC 3962 §7], AES
 * with HMAC-SHA2 [RFC 8009 §8], RC4-HMAC [RFC 4757 §4], Camellia [RFC 6803 §6].
 */
export const KRB_ETYPE = {
  ...AES_ETYPE,
  aes128Sha256: 19,
  aes256Sha384: 20,
  rc4Hmac: 23,
  camellia128: 25,
  camellia256: 26,
} as const;

/** Encryption types [RFC 3961 §8, RFC 3962 §7, RFC 8009, RFC 4757, RFC 6803; krb5.hin; heimdal krb5.asn1]. */
export const ETYPES: Record<number, string> = {
  0: 'null',
  1: 'des-cbc-crc',
  2: 'des-cbc-md4',
  3: 'des-cbc-md5',
  5: 'des3-cbc-md5',
  7: 'des3-cbc-sha1',
  9: 'dsaWithSHA1-CmsOID',
  10: 'md5WithRSAEncryption-CmsOID',
  11: 'sha1WithRSAEncryption-CmsOID',
  12: 'rc2CBC-EnvOID',
  13: 'rsaEncryption-EnvOID',
  14: 'rsaES-OAEP-ENV-OID',
  15: 'des-ede3-cbc-Env-OID',
  16: 'des3-cbc-sha1-kd',
  [AES_ETYPE.aes128]: 'aes128-cts-hmac-sha1-96',
  [AES_ETYPE.aes256]: 'aes256-cts-hmac-sha1-96',
  19: 'aes128-cts-hmac-sha256-128',
  20: 'aes256-cts-hmac-sha384-192',
  23: 'rc4-hmac',
  24: 'rc4-hmac-exp',
  25: 'camellia128-cts-cmac',
  26: 'camellia256-cts-cmac',
  65: 'subkey-keymaterial',
  [-128]: 'rc4-md4 (Microsoft)',
  [-133]: 'rc4-hmac-old (Microsoft)',
  [-135]: 'rc4-hmac-old-exp (Microsoft)',
};

/** Their keyed checksums, hmac-sha1-96-aes128/-aes256 [RFC 3962 §7]. */
export const AES_CKSUMTYPE = { aes128: 15, aes256: 16 } as const;

/**
 * The keyed checksum of each implemented encryption type [RFC 3962 §7, RFC 8009 §8, RFC 4757 §4,
 * RFC 6803 §6].
 */
export const KRB_CKSUMTYPE = {
  ...AES_CKSUMTYPE,
  camellia128: 17,
  camellia256: 18,
  aes128Sha256: 19,
  aes256Sha384: 20,
  hmacMd5: -138,
} as const;

/** The GSS-API authenticator checksum type (RFC 4121 §4.1.1). */
export const CKSUMTYPE_GSSAPI = 0x8003;

/** Checksum types [RFC 3961 §8, RFC 3962, RFC 8009, RFC 4121 §4.1.1; krb5.hin]. */
export const CKSUMTYPES: Record<number, string> = {
  1: 'CRC32',
  2: 'rsa-md4',
  3: 'rsa-md4-des',
  4: 'des-mac',
  5: 'des-mac-k',
  6: 'rsa-md4-des-k',
  7: 'rsa-md5',
  8: 'rsa-md5-des',
  9: 'rsa-md5-des3',
  10: 'sha1 (unkeyed)',
  12: 'hmac-sha1-des3-kd',
  13: 'hmac-sha1-des3',
  14: 'sha1 (unkeyed)',
  [AES_CKSUMTYPE.aes128]: 'hmac-sha1-96-aes128',
  [AES_CKSUMTYPE.aes256]: 'hmac-sha1-96-aes256',
  17: 'cmac-camellia128',
  18: 'cmac-camellia256',
  19: 'hmac-sha256-128-aes128',
  20: 'hmac-sha384-192-aes256',
  [CKSUMTYPE_GSSAPI]: 'GSS-API authenticator checksum (0x8003)',
  [-138]: 'hmac-md5 (RC4, Microsoft)',
  [-137]: 'md5-hmac (Microsoft netlogon)',
};

/** msg-type [RFC 4120 §7.5.7]; 16/17 are the user-to-user TGT exchange (draft-ietf-cat-user2user-03). */
export const MSG_TYPES: Record<number, string> = {
  10: 'KRB_AS_REQ',
  11: 'KRB_AS_REP',
  12: 'KRB_TGS_REQ',
  13: 'KRB_TGS_REP',
  14: 'KRB_AP_REQ',
  15: 'KRB_AP_REP',
  16: 'KRB_TGT_REQ (user-to-user)',
  17: 'KRB_TGT_REP (user-to-user)',
  20: 'KRB_SAFE',
  21: 'KRB_PRIV',
  22: 'KRB_CRED',
  30: 'KRB_ERROR',
};

/** The principal name types the simulator writes, by name [RFC 4120 §6.2]. */
export const NAME_TYPE = { principal: 1, srvInst: 2, srvHst: 3 } as const;

/** Principal name types [RFC 4120 §7.5.8; RFC 6111; krb5.hin]. */
export const NAME_TYPES: Record<number, string> = {
  0: 'NT-UNKNOWN',
  [NAME_TYPE.principal]: 'NT-PRINCIPAL',
  [NAME_TYPE.srvInst]: 'NT-SRV-INST',
  [NAME_TYPE.srvHst]: 'NT-SRV-HST',
  4: 'NT-SRV-XHST',
  5: 'NT-UID',
  6: 'NT-X500-PRINCIPAL',
  7: 'NT-SMTP-NAME',
  10: 'NT-ENTERPRISE',
  11: 'NT-WELLKNOWN',
  [-128]: 'NT-MS-PRINCIPAL',
  [-129]: 'NT-MS-PRINCIPAL-AND-ID',
  [-130]: 'NT-ENT-PRINCIPAL-AND-ID',
};

/** error-code [RFC 4120 §7.5.9; RFC 4556 §3.1.3 (77–81); RFC 6113 §7.5 (90–93)]. */
export const ERROR_CODES: Record<number, string> = {
  0: 'KDC_ERR_NONE',
  1: 'KDC_ERR_NAME_EXP',
  2: 'KDC_ERR_SERVICE_EXP',
  3: 'KDC_ERR_BAD_PVNO',
  4: 'KDC_ERR_C_OLD_MAST_KVNO',
  5: 'KDC_ERR_S_OLD_MAST_KVNO',
  6: 'KDC_ERR_C_PRINCIPAL_UNKNOWN',
  7: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
  8: 'KDC_ERR_PRINCIPAL_NOT_UNIQUE',
  9: 'KDC_ERR_NULL_KEY',
  10: 'KDC_ERR_CANNOT_POSTDATE',
  11: 'KDC_ERR_NEVER_VALID',
  12: 'KDC_ERR_POLICY',
  13: 'KDC_ERR_BADOPTION',
  14: 'KDC_ERR_ETYPE_NOSUPP',
  15: 'KDC_ERR_SUMTYPE_NOSUPP',
  16: 'KDC_ERR_PADATA_TYPE_NOSUPP',
  17: 'KDC_ERR_TRTYPE_NOSUPP',
  18: 'KDC_ERR_CLIENT_REVOKED',
  19: 'KDC_ERR_SERVICE_REVOKED',
  20: 'KDC_ERR_TGT_REVOKED',
  21: 'KDC_ERR_CLIENT_NOTYET',
  22: 'KDC_ERR_SERVICE_NOTYET',
  23: 'KDC_ERR_KEY_EXPIRED',
  24: 'KDC_ERR_PREAUTH_FAILED',
  25: 'KDC_ERR_PREAUTH_REQUIRED',
  26: 'KDC_ERR_SERVER_NOMATCH',
  27: 'KDC_ERR_MUST_USE_USER2USER',
  28: 'KDC_ERR_PATH_NOT_ACCEPTED',
  29: 'KDC_ERR_SVC_UNAVAILABLE',
  31: 'KRB_AP_ERR_BAD_INTEGRITY',
  32: 'KRB_AP_ERR_TKT_EXPIRED',
  33: 'KRB_AP_ERR_TKT_NYV',
  34: 'KRB_AP_ERR_REPEAT',
  35: 'KRB_AP_ERR_NOT_US',
  36: 'KRB_AP_ERR_BADMATCH',
  37: 'KRB_AP_ERR_SKEW',
  38: 'KRB_AP_ERR_BADADDR',
  39: 'KRB_AP_ERR_BADVERSION',
  40: 'KRB_AP_ERR_MSG_TYPE',
  41: 'KRB_AP_ERR_MODIFIED',
  42: 'KRB_AP_ERR_BADORDER',
  44: 'KRB_AP_ERR_BADKEYVER',
  45: 'KRB_AP_ERR_NOKEY',
  46: 'KRB_AP_ERR_MUT_FAIL',
  47: 'KRB_AP_ERR_BADDIRECTION',
  48: 'KRB_AP_ERR_METHOD',
  49: 'KRB_AP_ERR_BADSEQ',
  50: 'KRB_AP_ERR_INAPP_CKSUM',
  51: 'KRB_AP_PATH_NOT_ACCEPTED',
  52: 'KRB_ERR_RESPONSE_TOO_BIG',
  60: 'KRB_ERR_GENERIC',
  61: 'KRB_ERR_FIELD_TOOLONG',
  62: 'KDC_ERR_CLIENT_NOT_TRUSTED',
  63: 'KDC_ERR_KDC_NOT_TRUSTED',
  64: 'KDC_ERR_INVALID_SIG',
  65: 'KDC_ERR_KEY_TOO_WEAK',
  66: 'KDC_ERR_CERTIFICATE_MISMATCH',
  67: 'KRB_AP_ERR_NO_TGT',
  68: 'KDC_ERR_WRONG_REALM',
  69: 'KRB_AP_ERR_USER_TO_USER_REQUIRED',
  70: 'KDC_ERR_CANT_VERIFY_CERTIFICATE',
  71: 'KDC_ERR_INVALID_CERTIFICATE',
  72: 'KDC_ERR_REVOKED_CERTIFICATE',
  73: 'KDC_ERR_REVOCATION_STATUS_UNKNOWN',
  74: 'KDC_ERR_REVOCATION_STATUS_UNAVAILABLE',
  75: 'KDC_ERR_CLIENT_NAME_MISMATCH',
  76: 'KDC_ERR_KDC_NAME_MISMATCH',
  77: 'KDC_ERR_INCONSISTENT_KEY_PURPOSE',
  78: 'KDC_ERR_DIGEST_IN_CERT_NOT_ACCEPTED',
  79: 'KDC_ERR_PA_CHECKSUM_MUST_BE_INCLUDED',
  80: 'KDC_ERR_DIGEST_IN_SIGNED_DATA_NOT_ACCEPTED',
  81: 'KDC_ERR_PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED',
  90: 'KDC_ERR_PREAUTH_EXPIRED',
  91: 'KDC_ERR_MORE_PREAUTH_DATA_REQUIRED',
  92: 'KDC_ERR_PREAUTH_BAD_AUTHENTICATION_SET',
  93: 'KDC_ERR_UNKNOWN_CRITICAL_FAST_OPTIONS',
};

/** error-code by name: ERROR_CODES read the other way. */
export const ERROR_CODE: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(ERROR_CODES).map(([code, name]) => [name, Number(code)]),
);

/**
 * padata-type, also used for TYPED-DATA data-type (one number space) [RFC 4120 §7.5.2; RFC 6113
 * §7.x (133–138); RFC 6806 §11 (149); MS-KILE §2.2.3, §2.2.8, §2.2.10; MS-SFU §2.2.1–2.2.2;
 * heimdal krb5.asn1].
 */
export const PADATA_TYPES: Record<number, string> = {
  1: 'PA-TGS-REQ',
  2: 'PA-ENC-TIMESTAMP',
  3: 'PA-PW-SALT',
  5: 'PA-ENC-UNIX-TIME',
  6: 'PA-SANDIA-SECUREID',
  7: 'PA-SESAME',
  8: 'PA-OSF-DCE',
  9: 'PA-CYBERSAFE-SECUREID',
  10: 'PA-AFS3-SALT',
  11: 'PA-ETYPE-INFO',
  12: 'PA-SAM-CHALLENGE',
  13: 'PA-SAM-RESPONSE',
  14: 'PA-PK-AS-REQ_OLD',
  15: 'PA-PK-AS-REP_OLD',
  16: 'PA-PK-AS-REQ',
  17: 'PA-PK-AS-REP',
  19: 'PA-ETYPE-INFO2',
  20: 'PA-SVR-REFERRAL-INFO',
  21: 'PA-SAM-REDIRECT',
  22: 'PA-GET-FROM-TYPED-DATA',
  101: 'TD-PKINIT-CMS-CERTIFICATES',
  102: 'TD-KRB-PRINCIPAL',
  103: 'TD-KRB-REALM',
  104: 'TD-TRUSTED-CERTIFIERS',
  105: 'TD-CERTIFICATE-INDEX',
  106: 'TD-APP-DEFINED-ERROR',
  107: 'TD-REQ-NONCE',
  108: 'TD-REQ-SEQ',
  128: 'PA-PAC-REQUEST',
  129: 'PA-FOR-USER',
  130: 'PA-FOR-X509-USER',
  133: 'PA-FX-COOKIE',
  134: 'PA-AUTHENTICATION-SET',
  135: 'PA-AUTH-SET-SELECTED',
  136: 'PA-FX-FAST',
  137: 'PA-FX-ERROR',
  138: 'PA-ENCRYPTED-CHALLENGE',
  149: 'PA-REQ-ENC-PA-REP',
  165: 'PA-SUPPORTED-ENCTYPES',
  167: 'PA-PAC-OPTIONS',
};

/** APOptions bits by name [RFC 4120 §5.5.1]. */
export const AP_OPTIONS_BIT = { reserved: 0, useSessionKey: 1, mutualRequired: 2 } as const;

/** APOptions named bits [RFC 4120 §5.5.1]. */
export const AP_OPTIONS: Record<number, string> = {
  [AP_OPTIONS_BIT.reserved]: 'reserved',
  [AP_OPTIONS_BIT.useSessionKey]: 'use-session-key',
  [AP_OPTIONS_BIT.mutualRequired]: 'mutual-required',
};

/** The TicketFlags bits the simulator sets, by name [RFC 4120 §5.3; RFC 6806 §11 for bit 15]. */
export const TICKET_FLAG = {
  forwardable: 1,
  forwarded: 2,
  renewable: 8,
  transitedPolicyChecked: 12,
  encPaRep: 15,
} as const;

/** TicketFlags named bits [RFC 4120 §5.3; heimdal krb5.asn1 for bit 15]. */
export const TICKET_FLAGS: Record<number, string> = {
  0: 'reserved',
  [TICKET_FLAG.forwardable]: 'forwardable',
  [TICKET_FLAG.forwarded]: 'forwarded',
  3: 'proxiable',
  4: 'proxy',
  5: 'may-postdate',
  6: 'postdated',
  7: 'invalid',
  [TICKET_FLAG.renewable]: 'renewable',
  9: 'initial',
  10: 'pre-authent',
  11: 'hw-authent',
  [TICKET_FLAG.transitedPolicyChecked]: 'transited-policy-checked',
  13: 'ok-as-delegate',
  [TICKET_FLAG.encPaRep]: 'enc-pa-rep',
};

/**
 * KDCOptions named bits [RFC 4120 §5.4.1; MS-SFU §2.2.5 (14); RFC 6806 §11 (15); RFC 6112 §4 (16);
 * heimdal krb5.asn1].
 */
export const KDC_OPTIONS: Record<number, string> = {
  0: 'reserved',
  1: 'forwardable',
  2: 'forwarded',
  3: 'proxiable',
  4: 'proxy',
  5: 'allow-postdate',
  6: 'postdated',
  8: 'renewable',
  11: 'opt-hardware-auth',
  14: 'cname-in-addl-tkt',
  15: 'canonicalize',
  16: 'request-anonymous',
  26: 'disable-transited-check',
  27: 'renewable-ok',
  28: 'enc-tkt-in-skey',
  30: 'renew',
  31: 'validate',
};

/** PAC-OPTIONS-FLAGS named bits [MS-KILE §2.2.10; MS-SFU §2.2.5 (3); heimdal krb5.asn1]. */
export const PAC_OPTIONS: Record<number, string> = {
  0: 'claims',
  1: 'branch-aware',
  2: 'forward-to-full-dc',
  3: 'resource-based-constrained-delegation',
};

/** ad-type [RFC 4120 §7.5.4; MS-KILE §3.2.5.8 for 141–144 (Heimdal swaps 141/142)]. */
export const AD_TYPES: Record<number, string> = {
  1: 'AD-IF-RELEVANT',
  2: 'AD-INTENDED-FOR-SERVER',
  3: 'AD-INTENDED-FOR-APPLICATION-CLASS',
  4: 'AD-KDC-ISSUED',
  5: 'AD-AND-OR',
  6: 'AD-MANDATORY-TICKET-EXTENSIONS',
  7: 'AD-IN-TICKET-EXTENSIONS',
  8: 'AD-MANDATORY-FOR-KDC',
  64: 'OSF-DCE',
  65: 'SESAME',
  128: 'AD-WIN2K-PAC',
  129: 'AD-ETYPE-NEGOTIATION',
  141: 'KERB-AUTH-DATA-TOKEN-RESTRICTIONS',
  142: 'KERB-AUTH-DATA-LOOPBACK',
  143: 'AD-AUTH-DATA-AP-OPTIONS',
  144: 'KERB-AUTH-DATA-CLIENT-TARGET',
};

/** Host address types [RFC 4120 §7.5.3]. */
export const ADDRESS_TYPES: Record<number, string> = {
  2: 'IPv4',
  3: 'Directional',
  5: 'ChaosNet',
  6: 'XNS',
  7: 'ISO',
  12: 'DECNET Phase IV',
  16: 'AppleTalk DDP',
  20: 'NetBIOS',
  24: 'IPv6',
};

/** The key usages the crypto and the simulator use, by name [RFC 4120 §7.5.1; RFC 4121 §2]. */
export const KEY_USAGE = {
  /** Ticket enc-part, with the service key. */
  ticket: 2,
  /** AP-REQ Authenticator, with the ticket's session key. */
  apReqAuthenticator: 11,
  /** AP-REP enc-part, with the session key. */
  apRepEncPart: 12,
  /** KRB-CRED enc-part (GSS delegation), with the session key. */
  krbCred: 14,
  acceptorSeal: 22,
  acceptorSign: 23,
  initiatorSeal: 24,
  initiatorSign: 25,
} as const;

/** Key usage numbers [RFC 4120 §7.5.1; RFC 4121 §2; MS-NEGOEX §3.1.5.7]. */
export const KEY_USAGES: Record<number, string> = {
  1: 'AS-REQ PA-ENC-TIMESTAMP (client key)',
  [KEY_USAGE.ticket]: 'Ticket enc-part (service key)',
  3: 'AS-REP enc-part (client key; RC4-HMAC uses 8)',
  4: 'TGS-REQ enc-authorization-data (session key)',
  5: 'TGS-REQ enc-authorization-data (subkey)',
  6: 'TGS-REQ PA-TGS-REQ authenticator checksum',
  7: 'TGS-REQ PA-TGS-REQ authenticator',
  8: 'TGS-REP enc-part (session key)',
  9: 'TGS-REP enc-part (subkey)',
  10: 'AP-REQ authenticator checksum',
  [KEY_USAGE.apReqAuthenticator]: 'AP-REQ authenticator',
  [KEY_USAGE.apRepEncPart]: 'AP-REP enc-part',
  13: 'KRB-PRIV enc-part',
  [KEY_USAGE.krbCred]: 'KRB-CRED enc-part',
  15: 'KRB-SAFE checksum',
  19: 'AD-KDC-ISSUED checksum',
  [KEY_USAGE.acceptorSeal]: 'KG-USAGE-ACCEPTOR-SEAL',
  [KEY_USAGE.acceptorSign]: 'KG-USAGE-ACCEPTOR-SIGN',
  [KEY_USAGE.initiatorSeal]: 'KG-USAGE-INITIATOR-SEAL',
  [KEY_USAGE.initiatorSign]: 'KG-USAGE-INITIATOR-SIGN',
  1024: 'generic application encryption',
  1025: 'generic application checksum',
};

export interface TokIdInfo {
  name: string;
  spec: string;
}

/** The TOK_IDs of the context tokens, by the message they announce [RFC 4121 §4.1]. */
export const CONTEXT_TOK_ID = {
  'AP-REQ': '0100',
  'AP-REP': '0200',
  'KRB-ERROR': '0300',
} as const;
export type ContextMessageKind = keyof typeof CONTEXT_TOK_ID;

/** Two-byte GSS token identifiers, keyed by lowercase hex [RFC 4121 §4.1, §4.2.6; RFC 1964 §1]. */
export const TOK_IDS: Record<string, TokIdInfo> = {
  [CONTEXT_TOK_ID['AP-REQ']]: { name: 'KRB_AP_REQ', spec: 'RFC 4121 §4.1' },
  [CONTEXT_TOK_ID['AP-REP']]: { name: 'KRB_AP_REP', spec: 'RFC 4121 §4.1' },
  [CONTEXT_TOK_ID['KRB-ERROR']]: { name: 'KRB_ERROR', spec: 'RFC 4121 §4.1' },
  // Not in the RFCs: picky-rs gss_api.rs and gokrb5 forks use these, and a Windows client sent
  // 04 00 under the U2U OID (zeek dce_rpc_ntlm capture).
  '0400': {
    name: 'KRB_TGT_REQ (user-to-user)',
    spec: 'draft-ietf-cat-user2user-03; picky-rs picky-krb/src/constants.rs, TGT_REQ_TOKEN_ID',
  },
  '0401': {
    name: 'KRB_TGT_REP (user-to-user)',
    spec: 'draft-ietf-cat-user2user-03; picky-rs picky-krb/src/constants.rs, TGT_REP_TOKEN_ID',
  },
  '0101': { name: 'MIC (RFC 1964)', spec: 'RFC 1964 §1.2.1' },
  '0201': { name: 'Wrap (RFC 1964)', spec: 'RFC 1964 §1.2.2' },
  '0102': { name: 'context deletion (RFC 1964)', spec: 'RFC 1964 §1.2.3' },
  '0404': { name: 'MIC (RFC 4121)', spec: 'RFC 4121 §4.2.6.1' },
  '0504': { name: 'Wrap (RFC 4121)', spec: 'RFC 4121 §4.2.6.2' },
  '0405': { name: 'context deletion (MIT KG2_TOK_DEL_CTX)', spec: 'RFC 4121 §4.3' },
  '0501': {
    name: 'IAKERB proxy message',
    spec: 'draft-ietf-kitten-iakerb-03; MIT krb5 src/lib/gssapi/krb5/gssapiP_krb5.h, IAKERB_TOK_PROXY',
  },
};

/** RFC 4121 §4.2.2 token Flags, by bit. */
export const CFX_FLAG = { sentByAcceptor: 0x01, sealed: 0x02, acceptorSubkey: 0x04 } as const;

/** Their names in the spec. */
export const CFX_FLAGS: Record<number, string> = {
  [CFX_FLAG.sentByAcceptor]: 'SentByAcceptor',
  [CFX_FLAG.sealed]: 'Sealed',
  [CFX_FLAG.acceptorSubkey]: 'AcceptorSubkey',
};

/** TOK_IDs of the RFC 4121 per-message tokens, as the big-endian number on the wire (§4.2.6), and MIT's deletion token. */
export const CFX_TOK_ID = { mic: 0x0404, wrap: 0x0504, delete: 0x0405 } as const;

/** Every RFC 4121 per-message token starts with a 16-byte header (§4.2.6.1, §4.2.6.2). */
export const CFX_HEADER_LENGTH = 16;

/** RFC 1964 / RC4-HMAC SGN_ALG, keyed by the two wire bytes in hex [RFC 1964 §1.2; RFC 4757]. */
export const SGN_ALGS: Record<string, { name: string; checksumLength: number }> = {
  '0000': { name: 'DES MAC MD5', checksumLength: 8 },
  '0100': { name: 'MD2.5', checksumLength: 8 },
  '0200': { name: 'DES MAC', checksumLength: 8 },
  '0400': { name: 'HMAC SHA1 DES3-KD', checksumLength: 20 },
  '1100': { name: 'HMAC MD5 (RC4-HMAC)', checksumLength: 8 },
};

/** RFC 1964 / RC4-HMAC SEAL_ALG, keyed by the two wire bytes in hex [RFC 1964 §1.2; RFC 4757]. */
export const SEAL_ALGS: Record<string, string> = {
  ffff: 'none',
  '0000': 'DES',
  '0200': 'DES3-KD',
  '1000': 'RC4',
};

/** GSS authenticator checksum Flags bits (little-endian u32) [RFC 4121 §4.1.1.1]. */
export const GSS_FLAG = {
  deleg: 0x1,
  mutual: 0x2,
  replay: 0x4,
  sequence: 0x8,
  conf: 0x10,
  integ: 0x20,
  anon: 0x40,
  trans: 0x100,
} as const;

/** The Flags' names, for the inspector and the simulator's rules [RFC 4121 §4.1.1.1]. */
export const GSS_CHECKSUM_FLAGS: Record<number, string> = {
  [GSS_FLAG.deleg]: 'GSS_C_DELEG_FLAG',
  [GSS_FLAG.mutual]: 'GSS_C_MUTUAL_FLAG',
  [GSS_FLAG.replay]: 'GSS_C_REPLAY_FLAG',
  [GSS_FLAG.sequence]: 'GSS_C_SEQUENCE_FLAG',
  [GSS_FLAG.conf]: 'GSS_C_CONF_FLAG',
  [GSS_FLAG.integ]: 'GSS_C_INTEG_FLAG',
  [GSS_FLAG.anon]: 'GSS_C_ANON_FLAG',
  [GSS_FLAG.trans]: 'GSS_C_TRANS_FLAG',
  0x800: 'GSS_C_CHANNEL_BOUND_FLAG',
  0x1000: 'GSS_C_DCE_STYLE',
  0x2000: 'GSS_C_IDENTIFY_FLAG',
  0x4000: 'GSS_C_EXTENDED_ERROR_FLAG',
  0x8000: 'GSS_C_DELEG_POLICY_FLAG',
};

/** MIT checksum extension types [MIT krb5 src/lib/gssapi/krb5/gssapiP_krb5.h, `GSS_EXTS_FINISHED`]. */
export const GSS_CHECKSUM_EXTENSIONS: Record<number, string> = {
  2: 'IAKERB finished',
};

/** KERB-ERROR-DATA data-types by name [MS-KILE §2.2.1, §2.2.2]. */
export const KERB_ERROR_DATA_TYPE = { skewRecovery: 2, extended: 3 } as const;

/** KERB-ERROR-DATA data-type [MS-KILE §2.2.1, §2.2.2]. */
export const KERB_ERROR_DATA_TYPES: Record<number, string> = {
  [KERB_ERROR_DATA_TYPE.skewRecovery]: 'KERB_AP_ERR_TYPE_SKEW_RECOVERY',
  [KERB_ERROR_DATA_TYPE.extended]: 'KERB_ERR_TYPE_EXTENDED',
};

/** NTSTATUS values Windows KDCs put in KERB-EXT-ERROR [MS-ERREF §2.3.1]. */
export const NTSTATUS: Record<number, string> = {
  0x00000000: 'STATUS_SUCCESS',
  0xc000006d: 'STATUS_LOGON_FAILURE',
  0xc000006e: 'STATUS_ACCOUNT_RESTRICTION',
  0xc000006f: 'STATUS_INVALID_LOGON_HOURS',
  0xc0000070: 'STATUS_INVALID_WORKSTATION',
  0xc0000071: 'STATUS_PASSWORD_EXPIRED',
  0xc0000072: 'STATUS_ACCOUNT_DISABLED',
  0xc0000133: 'STATUS_TIME_DIFFERENCE_AT_DC',
  0xc000015b: 'STATUS_LOGON_TYPE_NOT_GRANTED',
  0xc0000193: 'STATUS_ACCOUNT_EXPIRED',
  0xc0000224: 'STATUS_PASSWORD_MUST_CHANGE',
  0xc0000234: 'STATUS_ACCOUNT_LOCKED_OUT',
  0xc0000413: 'STATUS_AUTHENTICATION_FIREWALL_FAILED',
};
