import type { Explanations } from './explain';

/** RFC 2743 §3.1 framing (`gss.ts`): every node here carries its spec from the decoder. */
export const GSS_EXPLANATIONS: Explanations = {
  InitialContextToken: {
    meaning:
      'The GSS-API wrapper of a first context token: tag 0x60, the mechanism OID, then the mechanism’s own token.',
    note: 'Only the first SPNEGO token and Kerberos AP-REQ/AP-REP/KRB-ERROR tokens carry it.',
  },
  thisMech: {
    meaning:
      'The mechanism this token belongs to, which tells the receiver how to read the bytes that follow.',
    note: 'SPNEGO (1.3.6.1.5.5.2) for a NegTokenInit, the Kerberos OID for a Kerberos context token.',
  },
  innerContextToken: {
    meaning:
      'The mechanism’s own token after thisMech, for a mechanism this inspector does not decode.',
  },
  innerToken: {
    meaning: 'The bytes after an unknown TOK_ID, shown raw.',
    note: 'An acceptor answers a TOK_ID it does not know with KRB_AP_ERR_MSG_TYPE.',
  },
};
