import type { Explanations } from '../explain';

/**
 * Kerberos (RFC 4120 messages, RFC 4121 framing and per-message tokens, RFC 1964 legacy tokens,
 * user-to-user, IAKERB, MS-KILE/MS-SFU pre-authentication). Every node the decoder builds carries
 * its spec, set from the structure's definition, so these explanations only say what a field is.
 * A name is keyed `name@parent` where the parent changes its meaning.
 */
export const KERBEROS_EXPLANATIONS: Explanations = {
  // --- RFC 4121 §4.1 framing inside the GSS-API token ---
  TOK_ID: {
    meaning: 'Two bytes naming the Kerberos message that follows.',
    note: '01 00 AP-REQ, 02 00 AP-REP, 03 00 KRB-ERROR in a context token; 04 04 / 05 04 start RFC 4121 MIC and Wrap tokens.',
  },
  'IAKERB-HEADER': {
    meaning:
      'IAKERB’s header before a proxied KDC message: the realm the message is for and a cookie.',
  },
  'target-realm': { meaning: 'The realm whose KDC the proxied message is for.' },
  cookie: { meaning: 'Opaque state the acceptor asks the initiator to send back.' },
  'header-flags': { meaning: 'Flags of Microsoft’s IAKERB extension.' },

  // --- Messages (RFC 4120 §5) ---
  'AP-REQ': {
    meaning: 'The Kerberos authentication request: a service ticket plus an authenticator.',
    note: 'The authenticator is encrypted with the ticket’s session key, proving the client holds that key right now.',
  },
  'AP-REP': {
    meaning: 'The server’s reply for mutual authentication.',
    note: 'It carries the client’s timestamp (and a subkey and sequence number) encrypted with the session key, proving the server could decrypt the ticket.',
  },
  'KRB-ERROR': {
    meaning:
      'A Kerberos error message: what went wrong, the server’s time and name, optional text and data.',
  },
  'AS-REQ': {
    meaning: 'A request to the KDC’s authentication service for a ticket-granting ticket.',
  },
  'AS-REP': {
    meaning: 'The KDC’s reply carrying a ticket-granting ticket and its session key.',
  },
  'TGS-REQ': {
    meaning:
      'A request to the KDC’s ticket-granting service for a service ticket, authenticated with the TGT.',
  },
  'TGS-REP': { meaning: 'The KDC’s reply carrying a service ticket and its session key.' },
  'KRB-CRED': {
    meaning: 'Forwarded credentials: tickets plus their session keys, encrypted for the receiver.',
    note: 'Inside an AP-REQ’s GSS checksum it delegates the client’s TGT to the service.',
  },
  'KRB-SAFE': { meaning: 'Application data with a keyed checksum (integrity only).' },
  'KRB-PRIV': { meaning: 'Encrypted application data.' },
  'KERB-TGT-REQUEST': {
    meaning: 'User-to-user: the client asks the server for its TGT.',
  },
  'KERB-TGT-REPLY': {
    meaning:
      'User-to-user: the server sends its TGT so the client can get a ticket encrypted in its session key.',
  },
  'server-name': { meaning: 'The principal whose TGT is requested.' },
  pvno: { meaning: 'Protocol version number: always 5 for Kerberos V5.' },
  'msg-type': {
    meaning: 'The Kerberos message type.',
    note: '10 AS-REQ, 11 AS-REP, 12 TGS-REQ, 13 TGS-REP, 14 AP-REQ, 15 AP-REP, 20 KRB-SAFE, 21 KRB-PRIV, 22 KRB-CRED, 30 KRB-ERROR.',
  },
  'ap-options': {
    meaning: 'AP-REQ options: bit 1 use-session-key (user-to-user), bit 2 mutual-required.',
    note: 'mutual-required asks for an AP-REP back; the GSS mutual flag sets it.',
  },

  // --- Tickets (RFC 4120 §5.3) ---
  ticket: {
    meaning: 'The service ticket the KDC issued.',
    note: 'The service name is in clear; the encrypted part (client name, session key, validity) only the service’s long-term key can open.',
  },
  'ticket@KERB-TGT-REPLY': {
    meaning: 'The server’s TGT, which the client presents to the KDC to get a user-to-user ticket.',
  },
  'ticket@TGS-REP': { meaning: 'The service ticket the KDC issued.' },
  'ticket@AS-REP': { meaning: 'The ticket-granting ticket the KDC issued.' },
  Ticket: {
    meaning:
      'A Kerberos ticket: realm and service name in clear, an encrypted part only the service’s key can read.',
  },
  tickets: { meaning: 'The tickets being forwarded.' },
  'tkt-vno': { meaning: 'Ticket format version: always 5.' },
  realm: {
    meaning: 'The realm of the service the ticket is for.',
    note: 'A realm is a Kerberos administrative domain, by convention the DNS domain in upper case.',
  },
  'realm@KRB-ERROR': { meaning: 'The realm of the service that produced the error.' },
  'realm@req-body': {
    meaning: 'The realm of the requested server (and of the client, in an AS-REQ).',
  },
  'realm@KERB-TGT-REQUEST': { meaning: 'The realm of the principal whose TGT is requested.' },
  sname: {
    meaning: 'The service principal name (e.g. HTTP/server.example.test) the ticket is for.',
  },
  'sname@KRB-ERROR': { meaning: 'The principal name of the service that produced the error.' },
  'sname@req-body': { meaning: 'The service principal the client asks a ticket for.' },
  'name-type': {
    meaning: 'What kind of name follows.',
    note: '1 NT-PRINCIPAL (a user), 2 NT-SRV-INST (service and instance), 3 NT-SRV-HST (service and host name), 10 NT-ENTERPRISE …',
  },
  'name-string': {
    meaning:
      'The name’s components, e.g. [HTTP, server.example.test] for HTTP/server.example.test.',
  },
  KerberosString: {
    meaning: 'One component of a principal name (a GeneralString, IA5 characters in practice).',
  },
  'enc-part': {
    meaning: 'Encrypted data: an encryption type, the key version and the ciphertext.',
    note: 'Here the ticket’s secret part (client name, session key, times), encrypted with the service’s long-term key.',
  },
  'enc-part@AP-REP': {
    meaning:
      'The encrypted EncAPRepPart: the client’s ctime/cusec echoed back, a subkey and a sequence number.',
    note: 'It is encrypted with the ticket’s session key.',
  },
  'enc-part@TGS-REP': {
    meaning: 'The encrypted reply part: the new session key and the ticket’s times.',
    note: 'It is encrypted with the TGT session key (or the request’s subkey).',
  },
  'enc-part@AS-REP': {
    meaning:
      'The encrypted reply part: the TGT’s session key and times, encrypted with the client’s key.',
  },
  'enc-part@Ticket': {
    meaning: 'The ticket’s secret part, encrypted with the service’s long-term key.',
  },
  'enc-part@KRB-CRED': {
    meaning: 'The forwarded tickets’ session keys and details (EncKrbCredPart), encrypted.',
  },
  'enc-part@KRB-PRIV': { meaning: 'The encrypted application data (EncKrbPrivPart).' },
  'PA-ENC-TIMESTAMP': {
    meaning:
      'The client’s current time encrypted with its long-term key: proof it knows the password.',
  },
  'PA-ENCRYPTED-CHALLENGE': {
    meaning:
      'FAST encrypted challenge: a timestamp encrypted with a key derived from the armor and the client’s key.',
  },
  etype: {
    meaning: 'The encryption type.',
    note: '17 aes128-cts-hmac-sha1-96, 18 aes256-cts-hmac-sha1-96, 19/20 AES-SHA2, 23 rc4-hmac …',
  },
  'etype@req-body': { meaning: 'The encryption types the client accepts, most preferred first.' },
  Int32: { meaning: 'One encryption type number in the list.' },
  kvno: {
    meaning: 'Key version number: which version of the key encrypted this.',
    note: 'A server whose keytab holds another version of its key cannot decrypt the ticket (KRB_AP_ERR_BADKEYVER).',
  },
  cipher: {
    meaning: 'The ciphertext itself (confounder, encrypted data and integrity checksum).',
    note: 'Opaque without the key.',
  },
  EncryptionKey: { meaning: 'A key: its encryption type and its bytes.' },
  keytype: { meaning: 'The key’s encryption type.' },
  keyvalue: { meaning: 'The key’s bytes.' },
  key: { meaning: 'The session key the ticket holder shares with the service.' },
  subkey: {
    meaning: 'A key the sender proposes for this session instead of the ticket’s session key.',
    note: 'RFC 4121 derives its per-message keys from the acceptor’s subkey when the AP-REP carries one.',
  },
  'seq-number': {
    meaning: 'The sender’s initial sequence number for the per-message tokens that follow.',
  },
  authenticator: {
    meaning:
      'The encrypted Authenticator: client name, timestamp, GSS checksum, subkey and sequence number.',
    note: 'It is encrypted with the ticket’s session key. The GSS checksum 0x8003 carries the context flags and channel bindings; a fresh timestamp is what stops replays.',
  },
  Authenticator: {
    meaning: 'The decrypted authenticator: who the client is and when it sent the request.',
  },
  'authenticator-vno': { meaning: 'Authenticator format version: always 5.' },
  EncAPRepPart: {
    meaning: 'The decrypted AP-REP part: the client’s time echoed, a subkey, a sequence number.',
  },
  EncTicketPart: {
    meaning:
      'The decrypted ticket: flags, session key, client name, times, addresses, authorization data.',
  },
  EncKDCRepPart: {
    meaning: 'The decrypted KDC reply part: the session key and the new ticket’s details.',
  },
  EncASRepPart: { meaning: 'The decrypted AS-REP part: the TGT’s session key and details.' },
  EncTGSRepPart: {
    meaning: 'The decrypted TGS-REP part: the service ticket’s session key and details.',
  },
  EncKrbCredPart: {
    meaning: 'The decrypted KRB-CRED part: each forwarded ticket’s key and details.',
  },
  EncKrbPrivPart: {
    meaning: 'The decrypted KRB-PRIV part: the application data and replay protection.',
  },
  cksum: { meaning: 'A checksum: its type and its bytes.' },
  'cksum@authenticator': {
    meaning:
      'The authenticator’s checksum; for GSS-API, type 0x8003 carrying flags and channel bindings.',
  },
  Checksum: { meaning: 'A checksum: its type and its bytes.' },
  cksumtype: {
    meaning:
      'The checksum type, e.g. 0x8003 GSS-API, 15 hmac-sha1-96-aes128, 16 hmac-sha1-96-aes256.',
  },
  'checksum@cksum': { meaning: 'The checksum bytes.' },
  transited: { meaning: 'The realms the client’s authentication went through on its way here.' },
  'tr-type': { meaning: 'How the transited realms are encoded (1: domain-X500-compress).' },
  contents: { meaning: 'The transited realms, encoded as tr-type says.' },
  flags: {
    meaning: 'Ticket flags: forwardable, forwarded, proxiable, renewable, initial, pre-authent …',
  },
  authtime: { meaning: 'When the client first authenticated (got its TGT).' },
  starttime: { meaning: 'When the ticket becomes valid.' },
  endtime: { meaning: 'When the ticket expires.' },
  'renew-till': { meaning: 'The latest time a renewable ticket can be renewed to.' },
  caddr: { meaning: 'The addresses the ticket may be used from (usually absent).' },
  'authorization-data': {
    meaning: 'Authorization data, e.g. Microsoft’s PAC with the user’s groups.',
  },
  AuthorizationDataElement: { meaning: 'One authorization element: a type and its data.' },
  'ad-type': { meaning: 'The authorization data type, e.g. 1 AD-IF-RELEVANT, 128 AD-WIN2K-PAC.' },
  'ad-data': { meaning: 'The authorization data, encoded as its type defines.' },
  'last-req': { meaning: 'When the client last made certain requests (informational).' },
  LastReqEntry: { meaning: 'One last-request entry: a type and a time.' },
  'lr-type': { meaning: 'Which kind of last request this is.' },
  'lr-value': { meaning: 'The time of that last request.' },
  'key-expiration': { meaning: 'When the client’s long-term key (password) expires.' },
  srealm: { meaning: 'The realm of the service the ticket is for.' },
  'encrypted-pa-data': { meaning: 'Pre-authentication data inside the encrypted reply (FAST).' },
  'ticket-info': { meaning: 'For each forwarded ticket, its session key and details.' },
  KrbCredInfo: { meaning: 'One forwarded ticket’s session key, names, flags and times.' },
  prealm: { meaning: 'The realm of the ticket’s client.' },
  pname: { meaning: 'The name of the ticket’s client.' },
  timestamp: { meaning: 'The sender’s time, for replay detection.' },
  usec: { meaning: 'Microseconds part of the timestamp.' },
  's-address': { meaning: 'The sender’s address.' },
  'r-address': { meaning: 'The recipient’s address.' },
  'safe-body': { meaning: 'The integrity-protected part of a KRB-SAFE.' },
  'user-data': { meaning: 'The application data.' },

  // --- KRB-ERROR (RFC 4120 §5.9.1) ---
  'error-code': {
    meaning: 'What went wrong.',
    note: 'E.g. 37 KRB_AP_ERR_SKEW (clocks more than five minutes apart), 44 KRB_AP_ERR_BADKEYVER, 31 KRB_AP_ERR_BAD_INTEGRITY (wrong key).',
  },
  stime: {
    meaning: 'The server’s current time when it produced the error.',
    note: 'With susec, it lets a client correct its clock after a skew error.',
  },
  susec: { meaning: 'Microseconds part of the server’s time.' },
  ctime: { meaning: 'The client’s time taken from the request, echoed in the error.' },
  'ctime@EncAPRepPart': { meaning: 'The client’s time from its authenticator, echoed back.' },
  'ctime@Authenticator': {
    meaning: 'The client’s current time; a stale one is rejected as a replay.',
  },
  cusec: { meaning: 'Microseconds part of the client’s time.' },
  crealm: { meaning: 'The client’s realm.' },
  cname: { meaning: 'The client’s principal name.' },
  'cname@req-body': { meaning: 'The client’s principal name (AS-REQ only).' },
  'e-text': { meaning: 'Optional human-readable text explaining the error.' },
  'e-data': {
    meaning: 'Optional extra data for the error.',
    note: 'Windows puts a KERB-ERROR-DATA or PA-DATA list here (e.g. the NTSTATUS code).',
  },
  'METHOD-DATA': { meaning: 'A list of pre-authentication elements the KDC accepts or asks for.' },
  'TYPED-DATA': { meaning: 'A list of typed error details.' },
  TypedData: { meaning: 'One typed error detail: a type and its value.' },
  'data-type': {
    meaning: 'The type of the error detail (in Windows’ KERB-ERROR-DATA, 3 = extended error).',
  },
  'data-value': { meaning: 'The error detail, encoded as its type defines.' },
  'KERB-ERROR-DATA': { meaning: 'Windows’ error details: a type and a value (e.g. an NTSTATUS).' },
  status: { meaning: 'The Windows NTSTATUS code behind the Kerberos error.' },
  reserved: { meaning: 'Reserved; zero.' },
  'flags@data-value': { meaning: 'Extended error flags.' },

  // --- KDC requests and replies (RFC 4120 §5.4) ---
  'req-body': {
    meaning:
      'The body of a KDC request: options, names, times, nonce and accepted encryption types.',
  },
  'kdc-options': {
    meaning: 'Flags asking the KDC for ticket properties (forwardable, renewable, canonicalize …).',
  },
  till: { meaning: 'The expiry time the client asks for.' },
  rtime: { meaning: 'The renewal limit the client asks for.' },
  from: { meaning: 'A start time for a postdated ticket.' },
  nonce: {
    meaning:
      'A random number the KDC echoes inside the encrypted reply, tying the reply to this request.',
  },
  addresses: { meaning: 'Client addresses the ticket may be used from (usually absent).' },
  HostAddress: { meaning: 'One network address: a type and the address bytes.' },
  HostAddresses: { meaning: 'A list of network addresses.' },
  'addr-type': { meaning: 'The address family: 2 IPv4, 24 IPv6, 20 NetBIOS …' },
  address: { meaning: 'The address bytes.' },
  'additional-tickets': {
    meaning: 'Extra tickets for the KDC, e.g. the peer’s TGT in user-to-user.',
  },
  'enc-authorization-data': { meaning: 'Authorization data to copy into the ticket, encrypted.' },
  padata: {
    meaning: 'Pre-authentication data: proofs and hints exchanged with the KDC.',
    note: 'E.g. the encrypted timestamp, or the TGS-REQ’s AP-REQ.',
  },
  'PA-DATA': { meaning: 'One pre-authentication element: a type and its value.' },
  'padata-type': {
    meaning: 'The pre-authentication type: 1 PA-TGS-REQ, 2 PA-ENC-TIMESTAMP, 19 PA-ETYPE-INFO2 …',
  },
  'padata-value': { meaning: 'The pre-authentication value, encoded as its type defines.' },
  'ETYPE-INFO': { meaning: 'The encryption types and salts the KDC expects the client to use.' },
  'ETYPE-INFO2': {
    meaning: 'The encryption types, salts and string-to-key parameters the KDC expects.',
  },
  'ETYPE-INFO-ENTRY': { meaning: 'One encryption type with its salt.' },
  'ETYPE-INFO2-ENTRY': {
    meaning: 'One encryption type with its salt and string-to-key parameters.',
  },
  'etype@ETYPE-INFO-ENTRY': { meaning: 'The encryption type this salt is for.' },
  'etype@ETYPE-INFO2-ENTRY': { meaning: 'The encryption type these parameters are for.' },
  salt: { meaning: 'The salt for deriving the key from the password (often REALMuser).' },
  s2kparams: { meaning: 'String-to-key parameters, e.g. the PBKDF2 iteration count for AES.' },
  'KERB-PA-PAC-REQUEST': { meaning: 'Whether the client wants a PAC in its ticket.' },
  'include-pac': { meaning: 'TRUE to ask for a PAC, FALSE to ask for none.' },
  'PA-FOR-USER-ENC': {
    meaning: 'S4U2Self: the user a service asks a ticket for, on that user’s behalf.',
  },
  userName: { meaning: 'The user the service asks a ticket for.' },
  userRealm: { meaning: 'That user’s realm.' },
  'cksum@PA-FOR-USER-ENC': {
    meaning: 'A keyed checksum over the user’s name, realm and auth-package.',
  },
  'auth-package': { meaning: 'Always “Kerberos”.' },
  'PA-PAC-OPTIONS': {
    meaning:
      'PAC options the client asks for (claims, branch aware, resource-based constrained delegation).',
  },
  options: { meaning: 'The PAC option bits.' },

  // --- The GSS-API authenticator checksum (RFC 4121 §4.1.1) ---
  Lgth: { meaning: 'Length of Bnd: always 16.' },
  Bnd: {
    meaning: 'MD5 of the channel bindings, or zeros when there are none.',
    note: 'Ties the authentication to the outer channel (e.g. the TLS certificate).',
  },
  'Flags@checksum': {
    meaning:
      'The GSS context flags the client asks for: delegation, mutual, replay, sequence, confidentiality, integrity …',
  },
  DlgOpt: { meaning: 'Delegation option: 1 when a KRB-CRED follows.' },
  Dlgth: { meaning: 'Length of the delegated KRB-CRED.' },
  Deleg: { meaning: 'The delegated credentials (a KRB-CRED holding the client’s TGT).' },
  Exts: { meaning: 'Extensions after the fixed checksum fields, in MIT’s type/length layout.' },
  extension: { meaning: 'One extension: a 4-byte type, a 4-byte length, the data.' },
  type: { meaning: 'The extension type.' },
  length: { meaning: 'The extension data’s length.' },
  data: { meaning: 'The extension data.' },
  unparsed: { meaning: 'Bytes that do not follow the extension layout, shown raw.' },

  // --- RFC 4121 per-message tokens ---
  'MIC token': {
    meaning:
      'A Kerberos integrity token (GSS_GetMIC): a 16-byte header and a keyed checksum over the message.',
    note: 'As a SPNEGO mechListMIC it signs DER(MechTypeList).',
  },
  'Wrap token': {
    meaning:
      'A Kerberos per-message token (GSS_Wrap) carrying application data, sealed or only signed.',
  },
  'context deletion token': {
    meaning: 'A token telling the peer the context is gone.',
  },
  Flags: {
    meaning: 'Token flags: 0x01 SentByAcceptor, 0x02 Sealed, 0x04 AcceptorSubkey.',
    note: 'AcceptorSubkey: the key is the acceptor’s subkey from the AP-REP.',
  },
  Filler: { meaning: 'Fixed filler bytes ff.' },
  SND_SEQ: {
    meaning: 'The sender’s sequence number; detects replayed and reordered tokens.',
    note: 'It starts at the seq-number of the sender’s authenticator or AP-REP.',
  },
  'SND_SEQ@InitialContextToken': {
    meaning: 'The sender’s sequence number and direction, encrypted.',
  },
  SGN_CKSUM: { meaning: 'The keyed checksum over the message and the token header.' },
  EC: { meaning: 'Extra count: filler length when sealed, checksum length when only signed.' },
  RRC: { meaning: 'Right rotation count: how far the bytes after the header were rotated.' },
  SGN_ALG: { meaning: 'The legacy signature algorithm, e.g. 11 00 = HMAC-MD5 for RC4.' },
  SEAL_ALG: { meaning: 'The legacy sealing algorithm: ff ff none, 10 00 RC4.' },
  Confounder: {
    meaning:
      'Random bytes encrypted in front of the data so equal messages give different ciphertext.',
  },
  Data: { meaning: 'The application data carried by the token.' },
  'checksum@Wrap token': { meaning: 'The checksum over the data.' },
};
