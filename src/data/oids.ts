/** OID names (RFC 4178, RFC 4121, MS-SPNG App. A, RFC 2743 §4). */
export interface OidInfo {
  name: string;
  /** Short name for diagrams and labels. */
  short: string;
  spec: string;
}

/** The OIDs the codec and the simulator name in code. */
export const OID = {
  spnego: '1.3.6.1.5.5.2',
  krb5: '1.2.840.113554.1.2.2',
  msKrb5: '1.2.840.48018.1.2.2',
  krb5Old: '1.3.5.1.5.2',
  krb5U2U: '1.2.840.113554.1.2.2.3',
  iakerb: '1.3.6.1.5.2.5',
  ntlmssp: '1.3.6.1.4.1.311.2.2.10',
  negoex: '1.3.6.1.4.1.311.2.2.30',
} as const;

export const OIDS: Record<string, OidInfo> = {
  [OID.spnego]: { name: 'SPNEGO', short: 'SPNEGO', spec: 'RFC 4178 §4.2' },
  [OID.krb5]: { name: 'Kerberos 5 (KRB5)', short: 'Kerberos', spec: 'RFC 4121 §1' },
  [OID.msKrb5]: {
    name: 'MS Kerberos 5 (MS-KRB5, legacy truncated OID)',
    short: 'MS-Kerberos',
    spec: 'MS-SPNG App. A <10>',
  },
  [OID.krb5Old]: {
    name: 'Kerberos 5 pre-RFC OID',
    short: 'Kerberos (old)',
    spec: 'RFC 4120 App. A',
  },
  [OID.krb5U2U]: {
    name: 'Kerberos 5 user-to-user (KRB5-U2U)',
    short: 'Kerberos U2U',
    spec: 'MS-SPNG §3.1.5.2',
  },
  '1.2.840.113554.1.2.3': {
    name: 'Kerberos 5 v2 (unused)',
    short: 'Kerberos v2',
    spec: 'MIT krb5 gssapi_krb5.c',
  },
  [OID.iakerb]: { name: 'IAKERB', short: 'IAKERB', spec: 'MS-SPNG §3.1.5.3' },
  '1.3.6.1.5.2.7': { name: 'PKU2U', short: 'PKU2U', spec: 'MS-SPNG App. A <2>' },
  [OID.ntlmssp]: { name: 'NTLMSSP', short: 'NTLM', spec: 'MS-NLMP §1.9' },
  [OID.negoex]: { name: 'NEGOEX', short: 'NEGOEX', spec: 'MS-NEGOEX §1.9' },
  '1.3.6.1.4.1.311.2.2.40': {
    name: 'Negotiate Late Fallback',
    short: 'Late Fallback',
    spec: 'MS-SPNG §3.1.5.4',
  },
  '1.3.6.1.5.5.15.1.1.17': {
    name: 'GSS-EAP aes128-cts-hmac-sha1-96',
    short: 'GSS-EAP',
    spec: 'RFC 7055',
  },
  '1.3.6.1.5.5.15.1.1.18': {
    name: 'GSS-EAP aes256-cts-hmac-sha1-96',
    short: 'GSS-EAP',
    spec: 'RFC 7055',
  },
  '1.3.6.1.4.1.5322.26.1.110': {
    name: 'Heimdal SAnon-X25519',
    short: 'SAnon',
    spec: 'draft-howard-gss-sanon',
  },
  '1.3.6.1.5.2': { name: 'id-krb5 arc', short: 'id-krb5', spec: 'RFC 4120 App. A' },
  '1.2.840.113554.1.2.2.1': {
    name: 'GSS_KRB5_NT_PRINCIPAL_NAME',
    short: 'krb5 principal name',
    spec: 'RFC 1964 §2.1.1',
  },
  '1.2.840.113554.1.2.2.2': {
    name: 'gss_nt_krb5_principal',
    short: 'krb5 principal',
    spec: 'MIT krb5',
  },
  '1.2.840.113554.1.2.2.6': {
    name: 'GSS_KRB5_NT_ENTERPRISE_NAME',
    short: 'enterprise name',
    spec: 'MIT krb5',
  },
  '1.2.840.113554.1.2.2.7': {
    name: 'GSS_KRB5_NT_X509_CERT',
    short: 'X.509 cert name',
    spec: 'MIT krb5',
  },
  '1.2.840.113554.1.2.1.1': {
    name: 'GSS_C_NT_USER_NAME',
    short: 'user name',
    spec: 'RFC 2743 §4.2',
  },
  '1.2.840.113554.1.2.1.4': {
    name: 'GSS_C_NT_HOSTBASED_SERVICE',
    short: 'host-based service',
    spec: 'RFC 2743 §4.1',
  },
  '1.3.6.1.5.6.2': {
    name: 'GSS_C_NT_HOSTBASED_SERVICE (RFC 2078 value)',
    short: 'host-based service',
    spec: 'RFC 2743 §4.1',
  },
  '1.3.6.1.5.6.3': { name: 'GSS_C_NT_ANONYMOUS', short: 'anonymous', spec: 'RFC 2743 §4.5' },
  '1.3.6.1.5.6.4': { name: 'GSS_C_NT_EXPORT_NAME', short: 'export name', spec: 'RFC 2743 §4.7' },
};

/** Any of the OIDs under which Kerberos is negotiated counts as Kerberos (krb5 `is_kerb_mech`). */
export const KERBEROS_OIDS: readonly string[] = [OID.krb5, OID.msKrb5, OID.krb5Old];

/** The mechanisms whose tokens are Kerberos GSS tokens (RFC 4121 §4.1): those, user-to-user, IAKERB. */
export const KERBEROS_FAMILY_OIDS: readonly string[] = [...KERBEROS_OIDS, OID.krb5U2U, OID.iakerb];

export function oidName(dotted: string): string | undefined {
  return OIDS[dotted]?.name;
}
