import type { Explanations } from '../explain';

/**
 * SPNEGO (RFC 4178 §4, MS-SPNG §2.2): every field's spec comes from `schema.ts`; the
 * explanations say what the field is for.
 */
export const SPNEGO_EXPLANATIONS: Explanations = {
  NegotiationToken: {
    meaning: 'A SPNEGO message: [0] NegTokenInit (or NegTokenInit2) or [1] NegTokenResp.',
    spec: 'RFC 4178 §4.2',
  },
  NegTokenInit: {
    meaning:
      'The initiator’s first SPNEGO message: the mechanisms it can use, most preferred first.',
    note: 'Optionally it carries an optimistic token for the first of them.',
  },
  NegTokenInit2: {
    meaning:
      'Microsoft’s NegTokenInit sent first by a server (SMB NEGOTIATE response) to list the mechanisms it accepts.',
    note: 'Same outer tag as NegTokenInit; field [3] holds negHints instead of mechListMIC.',
  },
  NegTokenResp: {
    meaning: 'Every SPNEGO message after the first, in both directions.',
    note: 'It carries the negotiation state, the chosen mechanism (first reply only), the mechanism’s token and the mechListMIC. Called NegTokenTarg in RFC 2478 and in Wireshark.',
  },
  mechTypes: {
    meaning: 'The initiator’s mechanism list, most preferred first.',
    note: 'Its DER encoding (the SEQUENCE inside this tag) is exactly what the mechListMIC signs, so tampering with it is detected.',
  },
  MechType: {
    meaning: 'One mechanism OID in the list.',
    note: 'Kerberos (1.2.840.113554.1.2.2, or Microsoft’s truncated 1.2.840.48018.1.2.2), NTLMSSP (1.3.6.1.4.1.311.2.2.10), NEGOEX …',
  },
  reqFlags: {
    meaning:
      'Context flags the initiator asks for (delegation, mutual, replay, sequence, anonymous, confidentiality, integrity).',
    note: 'Not integrity-protected: senders should omit it and acceptors must ignore it.',
  },
  mechToken: {
    meaning: 'The optimistic token: the first token of the initiator’s preferred mechanism.',
    note: 'It is sent before knowing whether the acceptor will choose that mechanism, and discarded unread if another one is chosen.',
  },
  mechListMIC: {
    meaning:
      'A MIC with the negotiated mechanism’s key over DER(MechTypeList) as this side sent or received it.',
    note: 'Both sides check it so that nobody can have silently removed a stronger mechanism from the list.',
  },
  'mechListMIC@NegTokenInit2': {
    meaning: 'The mechListMIC, at tag [4] in NegTokenInit2 because [3] holds negHints.',
  },
  negState: {
    meaning: 'The sender’s negotiation state.',
    note: 'accept-completed (0, done), accept-incomplete (1, more tokens needed), reject (2, negotiation failed) or request-mic (3, first reply only: the mechListMIC exchange is mandatory).',
  },
  supportedMech: {
    meaning:
      'The mechanism the acceptor chose, echoing the OID exactly as the initiator listed it.',
    note: 'Present in the acceptor’s first reply only.',
  },
  responseToken: {
    meaning: 'The chosen mechanism’s next token, carried inside SPNEGO.',
    note: 'A Kerberos AP-REP or KRB-ERROR, an NTLM CHALLENGE or AUTHENTICATE, …',
  },
  negHints: {
    meaning: 'Hints from a server that speaks first; receivers should ignore them.',
    note: 'Windows sends the fixed hint “not_defined_in_RFC4178@please_ignore”.',
  },
  hintName: {
    meaning: 'The hint name; since Windows Vista always “not_defined_in_RFC4178@please_ignore”.',
    note: 'Older Windows sent the server’s principal name here.',
  },
  hintAddress: { meaning: 'A hint address; it must be absent.' },
};
