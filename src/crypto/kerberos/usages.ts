/** Key usage numbers this project uses (RFC 4120 §7.5.1, RFC 4121 §2). */
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
