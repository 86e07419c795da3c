import { ERROR_CODES } from './kerberos';

/**
 * What a KRB-ERROR means to someone debugging a login: the meaning (RFC 4120 §7.5.9 and the
 * section that raises it), the usual causes seen in practice, and what to check. Causes follow
 * the MIT krb5 and Microsoft documentation of these codes (MIT krb5 doc/admin/troubleshoot.rst;
 * MS-KILE §3.3.5, §3.4.5; Microsoft "Kerberos and LDAP error messages").
 */
export interface KerberosErrorInfo {
  code: number;
  name: string;
  /** Who sends it: the KDC (AS/TGS exchange) or the service (AP exchange). */
  from: 'kdc' | 'service' | 'either';
  meaning: string;
  causes: string;
  check: string;
  spec: string;
}

type Entry = Omit<KerberosErrorInfo, 'code' | 'name'>;

const ENTRIES: Record<number, Entry> = {
  6: {
    from: 'kdc',
    meaning: 'the client principal is not in the KDC database',
    causes: 'a typo in the user name, the wrong realm, or an account that was deleted',
    check: 'the user name and realm the client used (cname and crealm) and that the account exists',
    spec: 'RFC 4120 §3.1.3, §7.5.9',
  },
  7: {
    from: 'kdc',
    meaning:
      'the KDC has no principal for the requested service: there is no such SPN, so the client cannot get a ticket and Negotiate clients fall back to NTLM',
    causes:
      'the SPN (e.g. HTTP/host) was never registered, the client built the SPN from a CNAME or an IP address, or the host name maps to another realm',
    check:
      'that the SPN in sname exists on exactly one account (setspn -Q, kadmin getprinc), and which host name the client used to build it',
    spec: 'RFC 4120 §3.3.3, §7.5.9',
  },
  9: {
    from: 'kdc',
    meaning: 'the client or server principal has a null key',
    causes: 'an account created without a password or keys',
    check: 'set a password or create keys for the principal',
    spec: 'RFC 4120 §7.5.9',
  },
  12: {
    from: 'kdc',
    meaning: 'the KDC policy rejects the request',
    causes:
      'a disabled or locked account, logon hours or workstation restrictions, or a ticket option the policy forbids',
    check: 'the account state and the KDC log for the policy that fired',
    spec: 'RFC 4120 §7.5.9',
  },
  14: {
    from: 'either',
    meaning: 'no encryption type in common',
    causes:
      'the client asks only for etypes the account has no key for (e.g. AES disabled on the account, RC4 removed from the client, a keytab with only DES or RC4)',
    check:
      'the etypes in the request, the account’s keys (msDS-SupportedEncryptionTypes) and permitted_enctypes in krb5.conf',
    spec: 'RFC 4120 §3.1.3, §7.5.9',
  },
  23: {
    from: 'kdc',
    meaning: 'the password has expired',
    causes: 'the user’s password passed its maximum age',
    check: 'change the password, then get a new ticket',
    spec: 'RFC 4120 §7.5.9',
  },
  24: {
    from: 'kdc',
    meaning:
      'pre-authentication failed: the timestamp encrypted with the user’s key did not decrypt',
    causes: 'a wrong password, or a stale keytab for the client principal',
    check: 'the password (or client keytab kvno), and lockout counters',
    spec: 'RFC 4120 §5.2.7.2, §7.5.9',
  },
  25: {
    from: 'kdc',
    meaning: 'the KDC requires pre-authentication: the client must send PA-ENC-TIMESTAMP',
    causes:
      'normal first round of an AS exchange; a problem only if the client never retries with pre-authentication',
    check: 'that the client’s next AS-REQ carries padata (this error alone is expected)',
    spec: 'RFC 4120 §3.1.1, §7.5.9',
  },
  29: {
    from: 'kdc',
    meaning: 'the KDC or a service it needs is unavailable',
    causes: 'a KDC that cannot reach its database, or a referral to a realm that is down',
    check: 'the KDC’s log and its database backend',
    spec: 'RFC 4120 §7.5.9',
  },
  31: {
    from: 'service',
    meaning:
      'the integrity check on decrypted data failed: the key the service used does not match the one the ticket was encrypted with',
    causes:
      'a wrong keytab or password on the service, a duplicate SPN on two accounts (the KDC used the other account’s key), or a password change not copied to the keytab',
    check:
      'the service’s keytab (klist -k) against the KDC’s key for the SPN, and that the SPN is on only one account',
    spec: 'RFC 4120 §3.2.3, §7.5.9',
  },
  32: {
    from: 'service',
    meaning: 'the ticket has expired',
    causes: 'a client that kept an expired service ticket, or clocks far apart',
    check:
      'the ticket’s endtime (klist) and the clocks of client and service; renew or get a new ticket',
    spec: 'RFC 4120 §3.2.3, §7.5.9',
  },
  34: {
    from: 'service',
    meaning: 'a replay: the service already saw this authenticator',
    causes:
      'a client resending the same AP-REQ (proxies retrying), two services sharing one replay cache, or a clock that jumped',
    check: 'whether the same token was sent twice, and the replay cache of the service',
    spec: 'RFC 4120 §3.2.3, §7.5.9',
  },
  35: {
    from: 'service',
    meaning:
      'the ticket is not for this service: the service has no key for the principal the ticket names',
    causes:
      'the keytab lacks the SPN the client asked for (e.g. HTTP/host), the client used a host name alias, or the service runs with the wrong keytab',
    check: 'that the service’s keytab holds sname (klist -k) and which host name the client used',
    spec: 'RFC 4120 §3.2.3, §7.5.9',
  },
  36: {
    from: 'service',
    meaning: 'the ticket and authenticator do not match (different client names or realms)',
    causes: 'a tampered or corrupted AP-REQ, or a client bug',
    check: 'whether a proxy rewrote the token',
    spec: 'RFC 4120 §3.2.3, §7.5.9',
  },
  37: {
    from: 'either',
    meaning: 'clock skew too great: the authenticator’s time is outside the allowed window',
    causes:
      'client and server clocks more than the limit apart (5 minutes by default), often a stopped NTP',
    check:
      'time synchronisation of client, service and KDC; ctime and stime in the error show both clocks',
    spec: 'RFC 4120 §3.2.3, §7.5.9',
  },
  41: {
    from: 'service',
    meaning:
      'the message was modified: the service could not decrypt the ticket or authenticator with its key',
    causes:
      'the service key does not match: a wrong keytab, a duplicate SPN (the KDC encrypted with another account’s key), or a password change not copied to the keytab',
    check:
      'the kvno and etype in the AP-REQ against the keytab (klist -ke), and that the SPN is registered on only one account',
    spec: 'RFC 4120 §3.2.3, §7.5.9; MS-KILE §3.4.5',
  },
  44: {
    from: 'service',
    meaning:
      'the key version is not available: the ticket is encrypted with a key version the service does not have',
    causes:
      'the service keytab’s kvno is older than the KDC’s (the service account’s password changed after the keytab was made)',
    check:
      'the ticket’s kvno (here in the AP-REQ) against klist -k on the service; re-export the keytab',
    spec: 'RFC 4120 §3.2.3, §7.5.9',
  },
  47: {
    from: 'service',
    meaning: 'incorrect message direction',
    causes: 'a token reflected back to its sender, or a client and server sharing one key',
    check: 'whether a proxy mixed up two connections',
    spec: 'RFC 4120 §7.5.9',
  },
  60: {
    from: 'either',
    meaning: 'a generic error: the e-text field says more',
    causes: 'anything the sender had no specific code for',
    check: 'e-text and e-data of the error, and the sender’s log',
    spec: 'RFC 4120 §7.5.9',
  },
  68: {
    from: 'kdc',
    meaning:
      'wrong realm: the KDC is not authoritative for the requested realm and refers the client elsewhere',
    causes:
      'a referral (normal with canonicalize), or a realm mapping that points to the wrong KDC',
    check: 'the realm in the request, [domain_realm] in krb5.conf and cross-realm trusts',
    spec: 'RFC 6806 §5; RFC 4120 §7.5.9',
  },
};

/** Everything known about a KRB-ERROR code, or null when the table has no entry for it. */
export function kerberosErrorInfo(code: number): KerberosErrorInfo | null {
  const entry = ENTRIES[code];
  if (!entry) return null;
  return { code, name: ERROR_CODES[code] ?? `error ${code}`, ...entry };
}

/** The codes with an explanation. */
export const EXPLAINED_KERBEROS_ERRORS: readonly number[] = Object.keys(ENTRIES).map(Number);
