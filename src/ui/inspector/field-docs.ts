import type { Node } from '../../codec';

/** What a field means, in a sentence or two, and where the spec defines it. */
export interface FieldDoc {
  text: string;
  spec: string;
}

/**
 * Field explanations keyed by the decoder's node name. A name that means different things in
 * different places is keyed `name@parent` (the parent node's name); that key wins over the plain
 * name. Written from the spec digest in /shared/spec, in our own words.
 */
const DOCS: Record<string, FieldDoc> = {
  // --- GSS-API framing (RFC 2743) ---
  InitialContextToken: {
    text: 'The GSS-API wrapper of a first context token: tag 0x60, a length, the OID of the mechanism (thisMech), then the mechanism’s own token. Only the first SPNEGO token and Kerberos AP-REQ/AP-REP/KRB-ERROR tokens carry it.',
    spec: 'RFC 2743 §3.1',
  },
  thisMech: {
    text: 'The mechanism this token belongs to: SPNEGO (1.3.6.1.5.5.2) for a NegTokenInit, the Kerberos OID for a Kerberos context token. It tells the receiver how to read the bytes that follow.',
    spec: 'RFC 2743 §3.1',
  },

  // --- SPNEGO (RFC 4178, MS-SPNG) ---
  NegTokenInit: {
    text: 'The initiator’s first SPNEGO message: the mechanisms it can use, most preferred first, and optionally an optimistic token for the first of them.',
    spec: 'RFC 4178 §4.2.1',
  },
  NegTokenInit2: {
    text: 'Microsoft’s variant of NegTokenInit, sent first by the server (SMB NEGOTIATE response) to list the mechanisms it accepts. Same outer tag as NegTokenInit; field [3] holds negHints instead of mechListMIC.',
    spec: 'MS-SPNG §2.2.1',
  },
  NegTokenResp: {
    text: 'Every SPNEGO message after the first, in both directions: the negotiation state, the chosen mechanism (first reply only), the mechanism’s token and the mechListMIC. Called NegTokenTarg in RFC 2478 and in Wireshark.',
    spec: 'RFC 4178 §4.2.2',
  },
  mechTypes: {
    text: 'The initiator’s mechanism list, most preferred first. Its DER encoding (the SEQUENCE inside this tag) is exactly what the mechListMIC signs, so tampering with it is detected.',
    spec: 'RFC 4178 §4.2.1',
  },
  MechType: {
    text: 'One mechanism OID in the list: Kerberos (1.2.840.113554.1.2.2, or Microsoft’s truncated 1.2.840.48018.1.2.2), NTLMSSP (1.3.6.1.4.1.311.2.2.10), NEGOEX …',
    spec: 'RFC 4178 §4.1',
  },
  reqFlags: {
    text: 'Context flags the initiator asks for (delegation, mutual, replay, sequence, anonymous, confidentiality, integrity). Not integrity-protected: senders should omit it and acceptors must ignore it.',
    spec: 'RFC 4178 §4.2.1',
  },
  mechToken: {
    text: 'The optimistic token: the first token of the initiator’s preferred mechanism, sent before knowing whether the acceptor will choose it. Discarded unread if another mechanism is chosen.',
    spec: 'RFC 4178 §4.2.1',
  },
  mechListMIC: {
    text: 'A MIC computed with the negotiated mechanism’s key over DER(MechTypeList) as this side sent or received it. Both sides check it so that nobody can have silently removed a stronger mechanism from the list.',
    spec: 'RFC 4178 §5',
  },
  'mechListMIC@NegTokenInit2': {
    text: 'In NegTokenInit2 the mechListMIC moves to tag [4] because [3] holds negHints.',
    spec: 'MS-SPNG §2.2.1',
  },
  negState: {
    text: 'The sender’s negotiation state: accept-completed (0, done), accept-incomplete (1, more tokens needed), reject (2, negotiation failed) or request-mic (3, first reply only: the mechListMIC exchange is mandatory).',
    spec: 'RFC 4178 §4.2.2',
  },
  supportedMech: {
    text: 'The mechanism the acceptor chose, echoing the OID exactly as the initiator listed it. Present in the acceptor’s first reply only.',
    spec: 'RFC 4178 §4.2.2',
  },
  responseToken: {
    text: 'The chosen mechanism’s next token (a Kerberos AP-REP or KRB-ERROR, an NTLM CHALLENGE or AUTHENTICATE, …), carried inside SPNEGO.',
    spec: 'RFC 4178 §4.2.2',
  },
  negHints: {
    text: 'Hints from a server that speaks first. Windows sends the fixed hint “not_defined_in_RFC4178@please_ignore”; receivers should ignore them.',
    spec: 'MS-SPNG §2.2.1',
  },
  hintName: {
    text: 'The hint name; since Windows Vista always “not_defined_in_RFC4178@please_ignore”. Older Windows sent the server’s principal name here.',
    spec: 'MS-SPNG §2.2.1',
  },
  hintAddress: {
    text: 'A hint address; it must be absent.',
    spec: 'MS-SPNG §2.2.1',
  },

  // --- Kerberos framing (RFC 4121) ---
  TOK_ID: {
    text: 'Two bytes after the Kerberos OID naming the message that follows: 01 00 AP-REQ, 02 00 AP-REP, 03 00 KRB-ERROR (04 04 / 05 04 for RFC 4121 MIC and Wrap tokens).',
    spec: 'RFC 4121 §4.1',
  },
  'AP-REQ': {
    text: 'The Kerberos authentication request: the service ticket from the KDC plus an authenticator encrypted with the ticket’s session key, proving the client holds that key right now.',
    spec: 'RFC 4120 §5.5.1',
  },
  'AP-REP': {
    text: 'The server’s reply for mutual authentication: the client’s timestamp (and a subkey and sequence number) encrypted with the session key, proving the server could decrypt the ticket.',
    spec: 'RFC 4120 §5.5.2',
  },
  'KRB-ERROR': {
    text: 'A Kerberos error message: what went wrong (error-code), the server’s time and name, and optional text and data.',
    spec: 'RFC 4120 §5.9.1',
  },
  pvno: {
    text: 'Protocol version number: always 5 for Kerberos V5.',
    spec: 'RFC 4120 §5.5.1',
  },
  'msg-type': {
    text: 'The Kerberos message type: 10 AS-REQ, 11 AS-REP, 12 TGS-REQ, 13 TGS-REP, 14 AP-REQ, 15 AP-REP, 22 KRB-CRED, 30 KRB-ERROR.',
    spec: 'RFC 4120 §7.5.7',
  },
  'ap-options': {
    text: 'A 32-bit flag field: bit 1 use-session-key (user-to-user), bit 2 mutual-required (the client wants an AP-REP back). The GSS mutual flag sets mutual-required.',
    spec: 'RFC 4120 §5.5.1',
  },
  ticket: {
    text: 'The service ticket the KDC issued: the service name in clear, and an encrypted part (client name, session key, validity) only the service’s long-term key can open.',
    spec: 'RFC 4120 §5.3',
  },
  Ticket: {
    text: 'A Kerberos ticket: realm and service name in clear, and an encrypted part readable only with the service’s key.',
    spec: 'RFC 4120 §5.3',
  },
  'tkt-vno': {
    text: 'Ticket format version: always 5.',
    spec: 'RFC 4120 §5.3',
  },
  realm: {
    text: 'The Kerberos realm (administrative domain, by convention the DNS domain in upper case) of the service the ticket is for.',
    spec: 'RFC 4120 §5.3',
  },
  'realm@KRB-ERROR': {
    text: 'The realm of the service that produced the error.',
    spec: 'RFC 4120 §5.9.1',
  },
  'realm@req-body': {
    text: 'The realm of the requested server (and of the client, in an AS-REQ).',
    spec: 'RFC 4120 §5.4.1',
  },
  sname: {
    text: 'The service principal name, e.g. HTTP/server.example.test: the service this ticket is for.',
    spec: 'RFC 4120 §5.3',
  },
  'sname@KRB-ERROR': {
    text: 'The principal name of the service that produced the error.',
    spec: 'RFC 4120 §5.9.1',
  },
  'sname@req-body': {
    text: 'The service principal the client asks a ticket for.',
    spec: 'RFC 4120 §5.4.1',
  },
  'name-type': {
    text: 'What kind of name follows: 1 NT-PRINCIPAL (a user), 2 NT-SRV-INST (service and instance), 3 NT-SRV-HST (service and host name), 10 NT-ENTERPRISE …',
    spec: 'RFC 4120 §7.5.8',
  },
  'name-string': {
    text: 'The name’s components, e.g. [HTTP, server.example.test] for HTTP/server.example.test.',
    spec: 'RFC 4120 §5.2.2',
  },
  KerberosString: {
    text: 'One component of a principal name (a GeneralString restricted to IA5 characters in practice).',
    spec: 'RFC 4120 §5.2.1',
  },
  'enc-part': {
    text: 'Encrypted data: an encryption type, the key version and the ciphertext. Here the ticket’s secret part (client name, session key, times), encrypted with the service’s long-term key.',
    spec: 'RFC 4120 §5.3',
  },
  'enc-part@AP-REP': {
    text: 'The encrypted EncAPRepPart: the client’s ctime/cusec echoed back, a subkey and a sequence number, encrypted with the ticket’s session key.',
    spec: 'RFC 4120 §5.5.2',
  },
  'enc-part@TGS-REP': {
    text: 'The encrypted reply part: the new session key and the ticket’s times, encrypted with the TGT session key (or subkey).',
    spec: 'RFC 4120 §5.4.2',
  },
  'enc-part@Ticket': {
    text: 'The ticket’s secret part, encrypted with the service’s long-term key.',
    spec: 'RFC 4120 §5.3',
  },
  Int32: {
    text: 'One encryption type number in the list.',
    spec: 'RFC 4120 §5.2.9',
  },
  etype: {
    text: 'The encryption type: 17 aes128-cts-hmac-sha1-96, 18 aes256-cts-hmac-sha1-96, 19/20 AES-SHA2, 23 rc4-hmac …',
    spec: 'RFC 4120 §5.2.9',
  },
  'etype@req-body': {
    text: 'The encryption types the client accepts, most preferred first.',
    spec: 'RFC 4120 §5.4.1',
  },
  kvno: {
    text: 'Key version number: which version of the service’s long-term key encrypted the ticket. A server whose keytab holds another version cannot decrypt it (KRB_AP_ERR_BADKEYVER).',
    spec: 'RFC 4120 §5.2.9',
  },
  cipher: {
    text: 'The ciphertext itself (confounder, encrypted data and integrity checksum). Opaque without the key.',
    spec: 'RFC 4120 §5.2.9',
  },
  authenticator: {
    text: 'The encrypted Authenticator: client name, timestamp (ctime/cusec), the GSS checksum 0x8003 carrying the context flags and channel bindings, a subkey and a sequence number, encrypted with the ticket’s session key. A fresh timestamp is what stops replays.',
    spec: 'RFC 4120 §5.5.1',
  },
  'error-code': {
    text: 'What went wrong, e.g. 37 KRB_AP_ERR_SKEW (clocks more than five minutes apart), 44 KRB_AP_ERR_BADKEYVER, 31 KRB_AP_ERR_BAD_INTEGRITY (wrong key).',
    spec: 'RFC 4120 §7.5.9',
  },
  stime: {
    text: 'The server’s current time when it produced the error; with susec, lets a client correct its clock after a skew error.',
    spec: 'RFC 4120 §5.9.1',
  },
  susec: {
    text: 'Microseconds part of the server’s time.',
    spec: 'RFC 4120 §5.9.1',
  },
  ctime: {
    text: 'The client’s time taken from the request, echoed in the error.',
    spec: 'RFC 4120 §5.9.1',
  },
  cusec: {
    text: 'Microseconds part of the client’s time.',
    spec: 'RFC 4120 §5.9.1',
  },
  crealm: {
    text: 'The client’s realm.',
    spec: 'RFC 4120 §5.9.1',
  },
  cname: {
    text: 'The client’s principal name.',
    spec: 'RFC 4120 §5.9.1',
  },
  'e-text': {
    text: 'Optional human-readable text explaining the error.',
    spec: 'RFC 4120 §5.9.1',
  },
  'e-data': {
    text: 'Optional extra data for the error; Windows puts a KERB-ERROR-DATA or PA-DATA list here (e.g. the NTSTATUS code).',
    spec: 'RFC 4120 §5.9.1',
  },
  'AS-REQ': {
    text: 'A request to the KDC’s authentication service for a ticket-granting ticket.',
    spec: 'RFC 4120 §5.4.1',
  },
  'TGS-REQ': {
    text: 'A request to the KDC’s ticket-granting service for a service ticket, authenticated with the TGT.',
    spec: 'RFC 4120 §5.4.1',
  },
  'TGS-REP': {
    text: 'The KDC’s reply carrying a service ticket and its session key.',
    spec: 'RFC 4120 §5.4.2',
  },
  'req-body': {
    text: 'The body of a KDC request: options, names, times, nonce and accepted encryption types.',
    spec: 'RFC 4120 §5.4.1',
  },
  'kdc-options': {
    text: 'Flags asking the KDC for ticket properties (forwardable, renewable, canonicalize …).',
    spec: 'RFC 4120 §5.4.1',
  },
  till: {
    text: 'The expiry time the client asks for.',
    spec: 'RFC 4120 §5.4.1',
  },
  rtime: {
    text: 'The renewal limit the client asks for.',
    spec: 'RFC 4120 §5.4.1',
  },
  from: {
    text: 'A start time for a postdated ticket.',
    spec: 'RFC 4120 §5.4.1',
  },
  nonce: {
    text: 'A random number the KDC echoes inside the encrypted reply, tying the reply to this request.',
    spec: 'RFC 4120 §5.4.1',
  },
  addresses: {
    text: 'Client addresses the ticket may be used from (usually absent).',
    spec: 'RFC 4120 §5.4.1',
  },
  HostAddress: {
    text: 'One network address: a type and the address bytes.',
    spec: 'RFC 4120 §5.2.5',
  },
  'addr-type': {
    text: 'The address family: 2 IPv4, 24 IPv6, 20 NetBIOS …',
    spec: 'RFC 4120 §5.2.5',
  },
  address: {
    text: 'The address bytes.',
    spec: 'RFC 4120 §5.2.5',
  },
  'additional-tickets': {
    text: 'Extra tickets for the KDC, e.g. the peer’s TGT in user-to-user.',
    spec: 'RFC 4120 §5.4.1',
  },
  'enc-authorization-data': {
    text: 'Authorization data to copy into the ticket, encrypted.',
    spec: 'RFC 4120 §5.4.1',
  },
  padata: {
    text: 'Pre-authentication data: proofs and hints exchanged with the KDC (encrypted timestamp, the TGS AP-REQ, …).',
    spec: 'RFC 4120 §5.2.7',
  },
  'PA-DATA': {
    text: 'One pre-authentication element: a type and its value.',
    spec: 'RFC 4120 §5.2.7',
  },
  'padata-type': {
    text: 'The pre-authentication type: 1 PA-TGS-REQ, 2 PA-ENC-TIMESTAMP, 19 PA-ETYPE-INFO2 …',
    spec: 'RFC 4120 §5.2.7',
  },
  'padata-value': {
    text: 'The pre-authentication value, encoded as its type defines.',
    spec: 'RFC 4120 §5.2.7',
  },
  'KERB-TGT-REQUEST': {
    text: 'User-to-user: the client asks the server for its TGT.',
    spec: 'draft-ietf-cat-user2user',
  },
  'KERB-TGT-REPLY': {
    text: 'User-to-user: the server sends its TGT so the client can get a ticket encrypted in its session key.',
    spec: 'draft-ietf-cat-user2user',
  },
  'server-name': {
    text: 'The principal whose TGT is requested.',
    spec: 'draft-ietf-cat-user2user',
  },
  'MIC token': {
    text: 'A Kerberos integrity token (GSS_GetMIC): a 16-byte header and a keyed checksum over the message. As a SPNEGO mechListMIC it signs DER(MechTypeList).',
    spec: 'RFC 4121 §4.2.6.1',
  },
  'Wrap token': {
    text: 'A Kerberos per-message token (GSS_Wrap) carrying application data, sealed or only signed.',
    spec: 'RFC 4121 §4.2.6.2',
  },
  Flags: {
    text: 'Token flags: 0x01 SentByAcceptor, 0x02 Sealed, 0x04 AcceptorSubkey (the key is the acceptor’s subkey from the AP-REP).',
    spec: 'RFC 4121 §4.2.2',
  },
  Filler: {
    text: 'Fixed filler bytes ff.',
    spec: 'RFC 4121 §4.2.6',
  },
  SND_SEQ: {
    text: 'The sender’s sequence number, starting at the seq-number of its authenticator or AP-REP; detects replayed and reordered tokens.',
    spec: 'RFC 4121 §4.2.6',
  },
  SGN_CKSUM: {
    text: 'The keyed checksum over the message and the token header.',
    spec: 'RFC 4121 §4.2.6.1',
  },
  EC: {
    text: 'Extra count: filler length when sealed, checksum length when only signed.',
    spec: 'RFC 4121 §4.2.6.2',
  },
  RRC: {
    text: 'Right rotation count: how far the bytes after the header were rotated.',
    spec: 'RFC 4121 §4.2.5',
  },
  SGN_ALG: {
    text: 'Legacy (RFC 1964 / RC4-HMAC) signature algorithm, e.g. 11 00 = HMAC-MD5 for RC4.',
    spec: 'RFC 1964 §1.2.1',
  },
  SEAL_ALG: {
    text: 'Legacy sealing algorithm: ff ff none, 10 00 RC4.',
    spec: 'RFC 1964 §1.2.2',
  },
  Confounder: {
    text: 'Random bytes encrypted in front of the data so equal messages give different ciphertext.',
    spec: 'RFC 1964 §1.2.2',
  },
  Data: {
    text: 'The application data carried by the token.',
    spec: 'RFC 4121 §4.2.6.2',
  },
  checksum: {
    text: 'The checksum over the data.',
    spec: 'RFC 4121 §4.2.6.2',
  },

  // --- NTLM (MS-NLMP) ---
  NEGOTIATE_MESSAGE: {
    text: 'NTLM leg 1, client to server: the features (NegotiateFlags) the client supports; optionally its domain and workstation.',
    spec: 'MS-NLMP §2.2.1.1',
  },
  CHALLENGE_MESSAGE: {
    text: 'NTLM leg 2, server to client: the flags the server accepts, an 8-byte random ServerChallenge, and TargetInfo describing the server.',
    spec: 'MS-NLMP §2.2.1.2',
  },
  AUTHENTICATE_MESSAGE: {
    text: 'NTLM leg 3, client to server: the user’s name and domain and the responses computed from the password hash and the server challenge, which the server checks.',
    spec: 'MS-NLMP §2.2.1.3',
  },
  Signature: {
    text: 'The eight bytes “NTLMSSP\\0” that start every NTLM message.',
    spec: 'MS-NLMP §2.2.1.1',
  },
  MessageType: {
    text: 'Which NTLM message this is: 1 NEGOTIATE, 2 CHALLENGE, 3 AUTHENTICATE (32-bit little-endian).',
    spec: 'MS-NLMP §2.2.1.1',
  },
  NegotiateFlags: {
    text: 'A 32-bit set of NTLMSSP_NEGOTIATE_* options: Unicode strings, signing and sealing, extended session security, 128-bit keys, key exchange, whether Version and TargetInfo are present …',
    spec: 'MS-NLMP §2.2.2.5',
  },
  DomainNameFields: {
    text: 'Length, maximum length and offset of DomainName in the payload.',
    spec: 'MS-NLMP §2.2.1.1',
  },
  WorkstationFields: {
    text: 'Length, maximum length and offset of Workstation in the payload.',
    spec: 'MS-NLMP §2.2.1.1',
  },
  TargetNameFields: {
    text: 'Length, maximum length and offset of TargetName in the payload.',
    spec: 'MS-NLMP §2.2.1.2',
  },
  TargetInfoFields: {
    text: 'Length, maximum length and offset of TargetInfo in the payload.',
    spec: 'MS-NLMP §2.2.1.2',
  },
  LmChallengeResponseFields: {
    text: 'Length, maximum length and offset of LmChallengeResponse in the payload.',
    spec: 'MS-NLMP §2.2.1.3',
  },
  NtChallengeResponseFields: {
    text: 'Length, maximum length and offset of NtChallengeResponse in the payload.',
    spec: 'MS-NLMP §2.2.1.3',
  },
  UserNameFields: {
    text: 'Length, maximum length and offset of UserName in the payload.',
    spec: 'MS-NLMP §2.2.1.3',
  },
  EncryptedRandomSessionKeyFields: {
    text: 'Length, maximum length and offset of EncryptedRandomSessionKey in the payload.',
    spec: 'MS-NLMP §2.2.1.3',
  },
  Len: {
    text: 'Length in bytes of the payload item.',
    spec: 'MS-NLMP §2.2.1.1',
  },
  MaxLen: {
    text: 'Should equal Len; receivers ignore it.',
    spec: 'MS-NLMP §2.2.1.1',
  },
  BufferOffset: {
    text: 'Where the payload item starts, counted from the first byte of the NTLM message.',
    spec: 'MS-NLMP §2.2.1.1',
  },
  ServerChallenge: {
    text: 'An 8-byte random nonce from the server. The client’s response is computed over it, so an old response cannot be replayed.',
    spec: 'MS-NLMP §2.2.1.2',
  },
  'Reserved@CHALLENGE_MESSAGE': {
    text: 'Eight reserved bytes; must be zero.',
    spec: 'MS-NLMP §2.2.1.2',
  },
  Version: {
    text: 'The sender’s Windows version and NTLM revision, present when NTLMSSP_NEGOTIATE_VERSION is set. Informational only: receivers ignore it.',
    spec: 'MS-NLMP §2.2.2.10',
  },
  'Version@NTLMSSP_MESSAGE_SIGNATURE': {
    text: 'Signature version: always 1.',
    spec: 'MS-NLMP §2.2.2.9',
  },
  ProductMajorVersion: {
    text: 'Windows major version (5, 6, 10).',
    spec: 'MS-NLMP §2.2.2.10',
  },
  ProductMinorVersion: {
    text: 'Windows minor version.',
    spec: 'MS-NLMP §2.2.2.10',
  },
  ProductBuild: {
    text: 'Windows build number.',
    spec: 'MS-NLMP §2.2.2.10',
  },
  'Reserved@Version': {
    text: 'Three reserved bytes; zero.',
    spec: 'MS-NLMP §2.2.2.10',
  },
  NTLMRevisionCurrent: {
    text: 'NTLM revision: 0x0F = NTLMSSP_REVISION_W2K3.',
    spec: 'MS-NLMP §2.2.2.10',
  },
  MIC: {
    text: 'Message integrity code: HMAC-MD5 with the exported session key over NEGOTIATE ‖ CHALLENGE ‖ AUTHENTICATE (this field zeroed). It stops anyone from changing any of the three messages.',
    spec: 'MS-NLMP §2.2.1.3',
  },
  Payload: {
    text: 'The variable-length items, located by the *Fields descriptors above.',
    spec: 'MS-NLMP §2.2.1',
  },
  TargetName: {
    text: 'The server’s domain name (or computer name), in the negotiated character set.',
    spec: 'MS-NLMP §2.2.1.2',
  },
  TargetInfo: {
    text: 'A list of AV_PAIRs describing the server: NetBIOS and DNS names, a timestamp, flags. The client copies it into its NTLMv2 response, so it is covered by the proof.',
    spec: 'MS-NLMP §2.2.2.1',
  },
  AvPairs: {
    text: 'The AV_PAIR list inside the client’s NTLMv2 response: the server’s TargetInfo plus the client’s own additions (MsvAvFlags, MsvAvTargetName, channel bindings).',
    spec: 'MS-NLMP §2.2.2.7',
  },
  MsvAvEOL: {
    text: 'AvId 0: marks the end of the AV_PAIR list.',
    spec: 'MS-NLMP §2.2.2.1',
  },
  MsvAvNbComputerName: {
    text: 'AvId 1: the server’s NetBIOS computer name (UTF-16LE).',
    spec: 'MS-NLMP §2.2.2.1',
  },
  MsvAvNbDomainName: {
    text: 'AvId 2: the server’s NetBIOS domain name (UTF-16LE).',
    spec: 'MS-NLMP §2.2.2.1',
  },
  MsvAvDnsComputerName: {
    text: 'AvId 3: the server’s fully qualified DNS name.',
    spec: 'MS-NLMP §2.2.2.1',
  },
  MsvAvDnsDomainName: {
    text: 'AvId 4: the DNS name of the server’s domain.',
    spec: 'MS-NLMP §2.2.2.1',
  },
  MsvAvDnsTreeName: {
    text: 'AvId 5: the DNS name of the forest.',
    spec: 'MS-NLMP §2.2.2.1',
  },
  MsvAvFlags: {
    text: 'AvId 6: a 32-bit flag set: 0x1 account authentication is constrained, 0x2 the AUTHENTICATE message carries a MIC, 0x4 the target SPN came from an untrusted source.',
    spec: 'MS-NLMP §2.2.2.1',
  },
  MsvAvTimestamp: {
    text: 'AvId 7: the server’s time (FILETIME). When present the client must add a MIC to AUTHENTICATE.',
    spec: 'MS-NLMP §2.2.2.1',
  },
  MsvAvSingleHost: {
    text: 'AvId 8: Single_Host_Data identifying the client machine.',
    spec: 'MS-NLMP §2.2.2.2',
  },
  MsvAvTargetName: {
    text: 'AvId 9: the SPN of the service the client means to reach (e.g. HTTP/server.example.test); lets the server detect relaying.',
    spec: 'MS-NLMP §2.2.2.1',
  },
  MsvChannelBindings: {
    text: 'AvId 10: MD5 of the channel bindings (e.g. the TLS certificate hash); all zero when there are none. Ties the authentication to the outer TLS channel.',
    spec: 'MS-NLMP §2.2.2.1',
  },
  AvId: {
    text: 'Which attribute this AV_PAIR holds.',
    spec: 'MS-NLMP §2.2.2.1',
  },
  AvLen: {
    text: 'Length of the value in bytes.',
    spec: 'MS-NLMP §2.2.2.1',
  },
  Value: {
    text: 'The attribute’s value.',
    spec: 'MS-NLMP §2.2.2.1',
  },
  Size: {
    text: 'Length of the Single_Host_Data structure.',
    spec: 'MS-NLMP §2.2.2.2',
  },
  Z4: {
    text: 'Four zero bytes.',
    spec: 'MS-NLMP §2.2.2.2',
  },
  CustomData: {
    text: 'Platform-specific data (integrity level on Windows).',
    spec: 'MS-NLMP §2.2.2.2',
  },
  MachineID: {
    text: 'A 256-bit random number created when the machine boots, identifying the client machine.',
    spec: 'MS-NLMP §2.2.2.2',
  },
  DomainName: {
    text: 'The user’s domain (or, in NEGOTIATE, the client’s domain in the OEM character set).',
    spec: 'MS-NLMP §2.2.1.3',
  },
  UserName: {
    text: 'The user’s account name.',
    spec: 'MS-NLMP §2.2.1.3',
  },
  Workstation: {
    text: 'The client machine’s name.',
    spec: 'MS-NLMP §2.2.1.3',
  },
  LmChallengeResponse: {
    text: 'The LM (or LMv2) response. Empty, or zeros, when NTLMv2 with a timestamp is used.',
    spec: 'MS-NLMP §2.2.1.3',
  },
  NtChallengeResponse: {
    text: 'The NT response: 24 bytes for NTLMv1, or NTLMv2_RESPONSE = NTProofStr followed by the client challenge blob.',
    spec: 'MS-NLMP §2.2.2.8',
  },
  NTProofStr: {
    text: 'HMAC-MD5 keyed with the NTLMv2 hash of the password over the server challenge and the client blob. The server recomputes it: a match proves the client knows the password.',
    spec: 'MS-NLMP §3.3.2',
  },
  NTLMv2_CLIENT_CHALLENGE: {
    text: 'The client’s blob: a timestamp, an 8-byte client challenge and the AV pairs, all covered by NTProofStr.',
    spec: 'MS-NLMP §2.2.2.7',
  },
  RespType: {
    text: 'Response version: 1.',
    spec: 'MS-NLMP §2.2.2.7',
  },
  HiRespType: {
    text: 'Highest response version understood: 1.',
    spec: 'MS-NLMP §2.2.2.7',
  },
  Reserved1: { text: 'Reserved; zero.', spec: 'MS-NLMP §2.2.2.7' },
  Reserved2: { text: 'Reserved; zero.', spec: 'MS-NLMP §2.2.2.7' },
  Reserved3: { text: 'Reserved; zero.', spec: 'MS-NLMP §2.2.2.7' },
  TimeStamp: {
    text: 'The client’s time (FILETIME, 100 ns since 1601) when the response was computed.',
    spec: 'MS-NLMP §2.2.2.7',
  },
  ChallengeFromClient: {
    text: 'An 8-byte random nonce from the client, so the response differs even for a repeated server challenge.',
    spec: 'MS-NLMP §2.2.2.7',
  },
  ClientChallenge: {
    text: 'The client’s 8-byte nonce in an LMv2 response.',
    spec: 'MS-NLMP §2.2.2.4',
  },
  Response: {
    text: 'The 16-byte HMAC-MD5 proof of an LMv2 response.',
    spec: 'MS-NLMP §2.2.2.4',
  },
  Padding: {
    text: 'Padding bytes (zero).',
    spec: 'MS-NLMP §3.3.2',
  },
  EncryptedRandomSessionKey: {
    text: 'With key exchange (NTLMSSP_NEGOTIATE_KEY_EXCH), a fresh random session key encrypted with RC4 under the key derived from the password. Both sides then sign and seal with keys derived from it.',
    spec: 'MS-NLMP §2.2.1.3',
  },
  NTLMSSP_MESSAGE_SIGNATURE: {
    text: 'A 16-byte NTLM signature: version 1, an 8-byte checksum (HMAC-MD5, RC4-sealed with key exchange) and a sequence number. As a SPNEGO mechListMIC it signs DER(MechTypeList).',
    spec: 'MS-NLMP §2.2.2.9',
  },
  'Checksum@NTLMSSP_MESSAGE_SIGNATURE': {
    text: 'First 8 bytes of HMAC-MD5(SigningKey, SeqNum ‖ message), encrypted with the sealing key when key exchange was negotiated.',
    spec: 'MS-NLMP §3.4.4.2',
  },
  SeqNum: {
    text: 'The sender’s message sequence number; the mechListMIC is the first signed message, so 0.',
    spec: 'MS-NLMP §2.2.2.9',
  },

  // --- NEGOEX (MS-NEGOEX) ---
  NEGOEX: {
    text: 'One or more NEGOEX messages: Microsoft’s extended negotiation that runs inside SPNEGO to pick among further mechanisms (e.g. PKU2U).',
    spec: 'MS-NEGOEX §2.2',
  },
  NEGO_MESSAGE: {
    text: 'NEGOEX offer: a random value and the list of auth schemes (GUIDs), most preferred first.',
    spec: 'MS-NEGOEX §2.2.6.3',
  },
  EXCHANGE_MESSAGE: {
    text: 'NEGOEX metadata or a context token of one auth scheme.',
    spec: 'MS-NEGOEX §2.2.6.4',
  },
  VERIFY_MESSAGE: {
    text: 'NEGOEX checksum over every earlier NEGOEX message, made with the chosen scheme’s key.',
    spec: 'MS-NEGOEX §2.2.6.5',
  },
  Header: {
    text: 'The 40-byte NEGOEX message header: signature, type, sequence number, lengths, conversation id.',
    spec: 'MS-NEGOEX §2.2.6.2',
  },
  'Signature@Header': {
    text: 'The eight bytes “NEGOEXTS”.',
    spec: 'MS-NEGOEX §2.2.6.2',
  },
  'MessageType@Header': {
    text: 'NEGOEX message type: 0/1 NEGO, 2/3 META_DATA, 4 CHALLENGE, 5 AP_REQUEST, 6 VERIFY, 7 ALERT.',
    spec: 'MS-NEGOEX §2.2.6.1',
  },
  SequenceNum: {
    text: 'Message counter of the conversation, both directions, starting at 0.',
    spec: 'MS-NEGOEX §2.2.6.2',
  },
  cbHeaderLength: {
    text: 'Length of the header including the message’s fixed part.',
    spec: 'MS-NEGOEX §2.2.6.2',
  },
  cbMessageLength: {
    text: 'Length of the whole message.',
    spec: 'MS-NEGOEX §2.2.6.2',
  },
  ConversationId: {
    text: 'A GUID the initiator picks; constant for the whole exchange.',
    spec: 'MS-NEGOEX §2.2.6.2',
  },
  Random: {
    text: '32 random bytes.',
    spec: 'MS-NEGOEX §2.2.6.3',
  },
  ProtocolVersion: {
    text: 'NEGOEX version: 0.',
    spec: 'MS-NEGOEX §2.2.6.3',
  },
  AuthSchemes: {
    text: 'Vector (offset and count) of the offered auth scheme GUIDs.',
    spec: 'MS-NEGOEX §2.2.6.3',
  },
  AuthScheme: {
    text: 'An auth scheme GUID.',
    spec: 'MS-NEGOEX §2.2.5.1.1',
  },
  Extensions: {
    text: 'Vector of extensions (normally empty).',
    spec: 'MS-NEGOEX §2.2.6.3',
  },
  Exchange: {
    text: 'Vector (offset and length) of the carried metadata or context token.',
    spec: 'MS-NEGOEX §2.2.6.4',
  },
  'Checksum@VERIFY_MESSAGE': {
    text: 'An RFC 3961 keyed checksum over all earlier NEGOEX messages.',
    spec: 'MS-NEGOEX §2.2.5.1.3',
  },
  ChecksumScheme: {
    text: 'Checksum scheme: 1 = RFC 3961.',
    spec: 'MS-NEGOEX §2.2.5.1.3',
  },
  ChecksumType: {
    text: 'RFC 3961 checksum type, e.g. 16 hmac-sha1-96-aes256.',
    spec: 'MS-NEGOEX §2.2.5.1.3',
  },
  ByteArrayOffset: {
    text: 'Where the bytes start, counted from the start of this NEGOEX message.',
    spec: 'MS-NEGOEX §2.2.5.2',
  },
  ByteArrayLength: {
    text: 'How many bytes the vector holds.',
    spec: 'MS-NEGOEX §2.2.5.2',
  },
  AuthSchemeArrayOffset: {
    text: 'Where the auth scheme GUIDs start, counted from the start of this NEGOEX message.',
    spec: 'MS-NEGOEX §2.2.5.2',
  },
  AuthSchemeCount: {
    text: 'How many auth scheme GUIDs are offered.',
    spec: 'MS-NEGOEX §2.2.5.2',
  },
  AuthSchemeArray: {
    text: 'The offered auth scheme GUIDs, most preferred first.',
    spec: 'MS-NEGOEX §2.2.5.2',
  },
  ExtensionArrayOffset: {
    text: 'Where the extensions start, counted from the start of this NEGOEX message.',
    spec: 'MS-NEGOEX §2.2.5.2',
  },
  ExtensionCount: {
    text: 'How many extensions follow.',
    spec: 'MS-NEGOEX §2.2.5.2',
  },
  ExchangeBytes: {
    text: 'The metadata or context token carried by this EXCHANGE_MESSAGE.',
    spec: 'MS-NEGOEX §2.2.6.4',
  },
  ChecksumValueBytes: {
    text: 'The checksum bytes.',
    spec: 'MS-NEGOEX §2.2.5.1.3',
  },
  ChecksumValue: {
    text: 'Vector of the checksum bytes.',
    spec: 'MS-NEGOEX §2.2.5.1.3',
  },
};

/** The explanation for a node, looked up by `name@parent` first, then by name. */
export function fieldDoc(node: Node, parent: Node | null): FieldDoc | null {
  if (parent) {
    const specific = DOCS[`${node.name}@${parent.name}`];
    if (specific) return specific;
  }
  return DOCS[node.name] ?? null;
}

/** Every documented key, for the coverage test. */
export const DOCUMENTED_FIELDS: readonly string[] = Object.keys(DOCS);
