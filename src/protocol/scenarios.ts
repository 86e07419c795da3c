import { DEFAULT_CONFIG, withPatch, type ConfigPatch, type SimConfig } from './config';

/** A named, documented preset: a configuration plus what a learner should watch for. */
export interface Scenario {
  id: string;
  title: string;
  description: string;
  patch: ConfigPatch;
}

export const SCENARIOS: Scenario[] = [
  {
    id: 'kerberos',
    title: 'Kerberos, accepted at once',
    description:
      'The client holds a Kerberos ticket for the service and sends its AP-REQ optimistically inside NegTokenInit. Kerberos is the first choice of both sides, so the server accepts it in one round trip: accept-completed, supportedMech Kerberos, and an AP-REP that proves the server knew the service key (mutual authentication). No mechListMIC is exchanged: it is optional when nobody was talked out of their first choice.',
    patch: {},
  },
  {
    id: 'kerberos-to-ntlm-fallback',
    title: 'Fallback from Kerberos to NTLM',
    description:
      'The client prefers Kerberos and sends an optimistic AP-REQ, but the server has no Kerberos key and can only do NTLM. The server answers request-mic with supportedMech NTLMSSP and throws the AP-REQ away unread; the client starts NTLM (NEGOTIATE, CHALLENGE, AUTHENTICATE). Because the client did not get its first choice, both sides must prove with a mechListMIC that the mechanism list was not tampered with.',
    patch: { acceptor: { kerberosKey: false } },
  },
  {
    id: 'ntlm',
    title: 'NTLM only (no Kerberos ticket)',
    description:
      'The client has no Kerberos ticket (say, the server was reached by IP address), so it offers only NTLMSSP with an optimistic NEGOTIATE. Three NTLM legs follow. The AUTHENTICATE message carries an NTLM MIC, and that makes the SPNEGO mechListMIC mandatory too (Windows and MIT agree).',
    patch: { initiator: { kerberosTicket: false } },
  },
  {
    id: 'ntlm-preferred',
    title: 'Client prefers NTLM',
    description:
      "The client could do Kerberos but lists NTLM first. The server accepts NTLM, the client's first choice, so SPNEGO itself would not require a MIC — yet the NTLM MIC inside AUTHENTICATE still makes the mechListMIC mandatory.",
    patch: { initiator: { mechs: ['ntlm', 'kerberos'] } },
  },
  {
    id: 'kerberos-no-mutual',
    title: 'Kerberos without mutual authentication',
    description:
      'The client does not ask for mutual authentication, so its Kerberos context is complete as soon as the AP-REQ is built. The server answers accept-completed with no responseToken: there is no AP-REP to send.',
    patch: { initiator: { mutual: false } },
  },
  {
    id: 'reject',
    title: 'No common mechanism',
    description:
      "The client has only an NTLM password; the server accepts only Kerberos. Nothing in the client's list is acceptable, so the server replies with a bare reject (a1 07 30 05 a0 03 0a 01 02) and the negotiation ends before any mechanism runs.",
    patch: { initiator: { kerberosTicket: false }, acceptor: { mechs: ['kerberos'] } },
  },
  {
    id: 'server-initiated',
    title: 'Server-initiated (SMB-style NegTokenInit2)',
    description:
      'In SMB the server speaks first: its NEGOTIATE response carries a NegTokenInit2 listing the mechanisms it accepts, with the fixed hint "not_defined_in_RFC4178@please_ignore". The Windows client ignores the hints and starts its own negotiation with its own list — MS Kerberos OID first — and the server echoes that exact OID in supportedMech.',
    patch: { transport: 'smb', profile: 'windows', acceptor: { service: 'cifs' } },
  },
  {
    id: 'kerberos-error',
    title: 'Kerberos error: clock skew',
    description:
      "The client's clock is ten minutes off. The server decrypts the authenticator, finds its time outside the five-minute window and answers with a KRB-ERROR (KRB_AP_ERR_SKEW, 37) inside a reject. There is no fallback to NTLM once the chosen mechanism has failed; MIT's client then sends its own reject token.",
    patch: { faults: { clockSkewSeconds: 600 } },
  },
  {
    id: 'ntlm-wrong-password',
    title: 'NTLM with a wrong password',
    description:
      'The client types a wrong password. Its NTLMv2 response is computed for real, and the server, recomputing NTProofStr from the password it holds, finds a different value and rejects.',
    patch: { initiator: { kerberosTicket: false, ntlmPassword: 'wrong-password' } },
  },
  {
    id: 'downgrade-attack',
    title: 'Downgrade attack caught by the mechListMIC',
    description:
      "A man in the middle removes Kerberos from the client's NegTokenInit (and drops the optimistic AP-REQ), hoping to force the weaker NTLM. NTLM runs, but the client signs the list it sent [Kerberos, NTLM] while the server checks the list it received [NTLM]. The MICs cannot match and the attacker cannot forge one without the session key: the server rejects.",
    patch: { faults: { stripMech: 'kerberos' } },
  },
  {
    id: 'keytab-lacks-service-key',
    title: 'Kerberos error: the keytab lacks the service key',
    description:
      "The server has a keytab, so it accepts Kerberos — but its keytab holds keys for other principals (host/…) and none for HTTP/server. The client's optimistic AP-REQ cannot be opened, and an MIT server does not fall back to NTLM: it answers reject with a KRB-ERROR, KRB_AP_ERR_NOT_US (35), and the client sends its own reject. Compare 'Fallback from Kerberos to NTLM', where the server has no Kerberos credentials at all and so never offers Kerberos.",
    patch: { kerberos: { keytab: 'missing' } },
  },
  {
    id: 'kvno-mismatch',
    title: 'Kerberos error: the keytab is out of date (kvno)',
    description:
      "The service's password was changed in the KDC (key version 3) but the keytab was exported before (kvno 2). The ticket names kvno 3 in its enc-part; the server finds only kvno 2 for its principal and answers KRB_AP_ERR_BADKEYVER (44) inside a reject. Re-exporting the keytab (ktadd, or 'current' below) fixes it.",
    patch: { kerberos: { keytab: 'old-kvno', kvno: 3 } },
  },
  {
    id: 'rc4-ticket',
    title: 'An rc4-hmac ticket (RFC 4757)',
    description:
      "The service account has only an rc4-hmac key (etype 23, the NT hash of its password), so the KDC seals the ticket with RC4-HMAC and the session key is rc4-hmac too. Because that is not the client's first choice, MIT's client adds AD-ETYPE-NEGOTIATION (RFC 4537) to the Authenticator, and the server answers with an aes256 subkey in its AP-REP: the per-message tokens are RFC 4121's after all. Without mutual authentication there would be no AP-REP, and MICs would use RFC 4757's own token format (01 01, HMAC-MD5).",
    patch: { kerberos: { etype: 23 } },
  },
  {
    id: 'channel-binding-mismatch',
    title: 'Kerberos error: channel bindings differ',
    description:
      "The client runs HTTPS and binds its authenticator to the TLS channel: the GSS checksum's Bnd is the MD5 of the tls-server-end-point bindings, built from the hash of the server certificate it saw (RFC 5929). A TLS-terminating proxy in between presented another certificate, so the server computes other bindings. The Bnd differs, MIT answers GSS_S_BAD_BINDINGS, which in the KRB-ERROR is KRB_ERR_GENERIC (60), and rejects: a relayed authenticator cannot be used over another TLS channel.",
    patch: {
      kerberos: { channelBindings: 'tls-server-end-point', acceptorBindings: 'other-certificate' },
    },
  },
  {
    id: 'kerberos-replay',
    title: 'Kerberos error: a replayed AP-REQ',
    description:
      "An eavesdropper captured the client's AP-REQ and sends it again within the five-minute window. The ticket and Authenticator still decrypt, and the time is fine — but the server's replay cache already holds this Authenticator (same client, same ctime and cusec), so it answers KRB_AP_ERR_REPEAT (34).",
    patch: { faults: { replay: true } },
  },
  {
    id: 'kerberos-modified-ticket',
    title: 'Kerberos error: a modified ticket',
    description:
      "One byte of the ticket's encrypted part is flipped on the way. The server holds the right key, but the ticket's integrity check (the HMAC at the end of the cipher) fails: an MIT server answers KRB_AP_ERR_BAD_INTEGRITY (31), a Windows server KRB_AP_ERR_MODIFIED (41).",
    patch: { faults: { modifiedTicket: true } },
  },
  {
    id: 'pac-tampered',
    title: 'Kerberos error: a PAC changed after the KDC signed it',
    description:
      "A Windows domain controller put a PAC in the ticket — who the user is and which groups they belong to — and signed it with the service key and its own krbtgt key. Someone who could re-seal the ticket then moved the user into Domain Admins (RID 512). The ticket still decrypts, but the PAC's server signature no longer matches its data: a Windows server refuses the AP-REQ with KRB_AP_ERR_MODIFIED (41). Switch the server to MIT to see the other habit: MIT's acceptor accepts the ticket and only leaves the PAC unverified, so an application must not trust it.",
    patch: { profile: 'windows', faults: { modifiedPac: true } },
  },
  {
    id: 'spn-unknown-to-kdc',
    title: 'The KDC does not know the service name',
    description:
      "The client asks its KDC for a ticket for HTTP/server.example.test, but no account has that SPN: the KDC answers KDC_ERR_S_PRINCIPAL_UNKNOWN. The client has no ticket, so Kerberos is left out of its mechanism list and NTLM runs instead — the silent NTLM fallback behind many 'why is this not Kerberos?' questions.",
    patch: { kerberos: { kdcKnowsService: false } },
  },
  {
    id: 'kerberos-dce-style',
    title: 'Kerberos in DCE style (three legs)',
    description:
      "DCE/RPC asks for GSS_C_DCE_STYLE: the AP-REQ and the AP-REP travel bare, without the GSS framing (60 … OID, TOK_ID), and the exchange takes a third leg — the client answers the server's AP-REP with an AP-REP of its own that echoes the server's sequence number and carries no subkey. DCE style implies mutual authentication; SPNEGO says accept-incomplete twice before accept-completed.",
    patch: { initiator: { ntlmPassword: null }, kerberos: { dceStyle: true } },
  },
  {
    id: 'delegation-non-forwardable-tgt',
    title: 'Delegation asked, but the TGT is not forwardable',
    description:
      "The client asks to delegate its credentials (GSS_C_DELEG_FLAG), but its TGT was obtained without the forwardable flag. MIT's client cannot get a forwarded TGT, drops the DELEG flag silently and sends no KRB-CRED: authentication succeeds, and the server simply has nothing to act with on the user's behalf.",
    patch: { initiator: { delegation: true }, kerberos: { forwardableTgt: false } },
  },
  {
    id: 'heimdal-acceptor',
    title: 'Heimdal acceptor: accept-incomplete where MIT expects request-mic',
    description:
      "An MIT client that prefers NTLM sends an optimistic NTLM NEGOTIATE, listing Kerberos second. The server runs Heimdal with only a keytab, so it picks Kerberos — and, unlike MIT, announces the switch with accept-incomplete instead of request-mic. MIT's client accepts such a switch only towards NTLM (a courtesy to Windows 2003), so it calls the reply defective and sends its own reject token a1 07 30 05 a0 03 0a 01 02: the same two stacks that each work alone fail together, exactly as a real MIT krb5 1.20 client did against Heimdal 7.8. Make the client Heimdal too and it goes on: Kerberos runs, and both sides still exchange mechListMICs.",
    patch: {
      initiator: { implementation: 'mit', mechs: ['ntlm', 'kerberos'] },
      acceptor: { implementation: 'heimdal', mechs: ['kerberos'] },
    },
  },
  {
    id: 'windows-smb',
    title: 'Windows over SMB2: NegTokenInit2, NEGOEX listed, MS-KRB5 echoed',
    description:
      'A Windows client connects to a Windows file server. The server speaks first: its SMB2 NEGOTIATE response carries a NegTokenInit2 with the fixed hint. The client ignores it and lists its own [MS-KRB5, KRB5, NEGOEX, NTLMSSP] — NEGOEX because a NEGOEX package is installed — with an optimistic AP-REQ. The server accepts Kerberos and echoes the MS OID exactly as listed in supportedMech; each SESSION_SETUP response shows its status: STATUS_SUCCESS ends the setup at once.',
    patch: {
      profile: 'windows',
      transport: 'smb',
      initiator: { negoex: true },
      acceptor: { service: 'cifs' },
    },
  },
  {
    id: 'negoex',
    title: 'NEGOEX: Kerberos negotiated inside NEGOEX, with VERIFY checksums',
    description:
      "A Windows client whose preferred package runs through NEGOEX lists [NEGOEX, MS-KRB5, KRB5, NTLMSSP] and puts NEGOEX's first token in mechToken; the Windows server runs NEGOEX too and picks it. NEGOEX is a negotiation inside the negotiation: its token is several little-endian messages back to back, all carrying one random ConversationId and counting SequenceNum across both directions. The client sends INITIATOR_NEGO (the auth schemes it offers: here one, Kerberos, named by a GUID), INITIATOR_META_DATA (the scheme's own data: the realm), AP_REQUEST (the Kerberos AP-REQ, optimistically) and VERIFY: an RFC 3961 checksum, key usage 23, keyed with the Kerberos subkey, over every NEGOEX message so far. The server answers ACCEPTOR_NEGO, ACCEPTOR_META_DATA, CHALLENGE (the AP-REP) and its own VERIFY (usage 25, with its subkey) after checking the client's. Change one byte of any NEGOEX message on the way and the VERIFY no longer matches: the context fails. SPNEGO's mechListMIC is not needed here, since NEGOEX was both sides' first choice; the VERIFY messages protect NEGOEX's own negotiation. Windows uses NEGOEX for PKU2U and cloud logons; MIT krb5 1.18 and later run it for mechanisms that ask for it. Turn off the server's NEGOEX to see it ignored.",
    patch: {
      profile: 'windows',
      initiator: { mechs: ['negoex', 'kerberos', 'ntlm'] },
      acceptor: { negoex: true },
    },
  },
  {
    id: 'negoex-ignored',
    title: 'NEGOEX offered first, ignored by a server without it',
    description:
      "The same Windows client puts NEGOEX first with its NEGOEX token in mechToken, but the server is MIT krb5 without a NEGOEX mechanism. An acceptor does not need to understand every OID in mechTypes: it walks the list, skips NEGOEX, and picks the next mechanism it supports, Kerberos (the MS OID, echoed as listed). The optimistic token belonged to NEGOEX, so it is thrown away unread and the reply carries no AP-REP yet: request-mic with supportedMech MS-KRB5. The client then starts Kerberos, and because neither side got the client's first choice, both send a mechListMIC: proof that nobody removed NEGOEX from the list on the way.",
    patch: {
      profile: 'windows',
      initiator: { mechs: ['negoex', 'kerberos', 'ntlm'] },
      acceptor: { implementation: 'mit' },
    },
  },
  {
    id: 'ntlm-scheme',
    title: 'HTTP NTLM scheme: raw NTLM, no SPNEGO',
    description:
      "The client uses the HTTP NTLM scheme (as curl --ntlm does): Authorization: NTLM carries the bare NEGOTIATE, CHALLENGE and AUTHENTICATE messages. There is no SPNEGO around them — no mechTypes, no negState, no mechListMIC — so nothing protects the choice of NTLM, and gss-ntlmssp, with no SPNEGO to carry the mechListMIC an NTLM MIC demands, leaves the MIC out of AUTHENTICATE too (MsvAvFlags 0), as a real raw gss-ntlmssp exchange does. The server's 401 carries the CHALLENGE; its 200 OK ends the exchange.",
    patch: { transport: 'http-ntlm' },
  },
  {
    id: 'samba-smb-ntlm',
    title: 'smbclient against a Samba server, NTLM',
    description:
      "smbclient with Kerberos turned off against a Samba AD DC. Samba's server announces [MS-KRB5, KRB5, NTLMSSP]; smbclient offers NTLMSSP alone. Samba's NTLMSSP has its own habits: NegotiateFlags 0x62088215 (no SEAL, no 56), Version 6.1, Z(24) as LM response, and MsvAvSingleHost and MsvAvChannelBindings in the NTLMv2 blob. Its AUTHENTICATE token carries no negState at all — Samba's client never sends one after its first token. SMB2 statuses: STATUS_MORE_PROCESSING_REQUIRED, then STATUS_SUCCESS.",
    patch: {
      profile: 'samba',
      transport: 'smb',
      initiator: { kerberosTicket: false },
      acceptor: { service: 'cifs' },
    },
  },
  {
    id: 'samba-smb-logon-failure',
    title: 'SMB2 logon failure: an empty blob',
    description:
      "smbclient types a wrong password. The Samba server recomputes NTProofStr, finds it different, and answers the SESSION_SETUP with STATUS_LOGON_FAILURE — and no security blob at all: SPNEGO's reject never reaches the wire. Over HTTP the same failure would be a NegTokenResp reject in a 401.",
    patch: {
      profile: 'samba',
      transport: 'smb',
      initiator: { kerberosTicket: false, ntlmPassword: 'wrong-password' },
      acceptor: { service: 'cifs' },
    },
  },
  {
    id: 'bare-kerberos',
    title: 'Bare Kerberos: RFC 4121 tokens without SPNEGO',
    description:
      'The client sends its Kerberos AP-REQ bare — the RFC 4121 GSS token itself, not wrapped in a NegTokenInit — as some HTTP clients do. The server answers with the bare AP-REP. Nothing is negotiated: with no mechanism list there is nothing to protect and no mechListMIC, and a server without a Kerberos key has nothing to fall back to.',
    patch: { transport: 'bare', initiator: { ntlmPassword: null } },
  },
  {
    id: 'curl-negotiate',
    title: 'curl --negotiate: an MIT client with its own flags',
    description:
      "curl is not an implementation of its own: it calls MIT krb5's GSS-API, asking only for mutual authentication and replay detection. MIT still adds confidentiality and integrity to the Kerberos checksum, but gss-ntlmssp listens to the request: without confidentiality its NEGOTIATE leaves SEAL out (0xe2088217, where an application asking everything sends 0xe2088237). Here the server has no Kerberos key, so NTLM runs with curl's flags.",
    patch: {
      initiator: { implementation: 'mit', requestFlags: ['replay'] },
      acceptor: { kerberosKey: false },
    },
  },
  {
    id: 'ntlmv1-no-mic',
    title: 'NTLMv1: no NTLM MIC, so no mechListMIC',
    description:
      "The client runs at LmCompatibilityLevel 2 (gss-ntlmssp's LM_COMPAT_LEVEL=2): it sends NTLMv1, not NTLMv2. The server grants extended session security, so the AUTHENTICATE carries the \"NTLM2 session response\": a 24-byte NtChallengeResponse = DESL(MD4(password), MD5(ServerChallenge + ClientChallenge)) and the client challenge padded with zeros as LmChallengeResponse. A 24-byte response has no NTLMv2 blob: no timestamp, no target name, no channel bindings, no MsvAvFlags — and so no NTLM MIC. With no MIC in AUTHENTICATE, MIT's SPNEGO does not demand the mechListMIC, and since NTLM was both sides' first choice nobody sends one: the exchange ends with a bare accept-completed, exactly as a real MIT krb5 + gss-ntlmssp pair does. Nothing protects the three NTLM messages or the mechanism list; and the response is DES of the NT hash, which anyone who captures it can attack offline.",
    patch: { initiator: { kerberosTicket: false }, ntlm: { lmCompatibilityLevel: 2 } },
  },
  {
    id: 'ntlm-lm-compat-0',
    title: 'LmCompatibilityLevel 0: LM and NTLMv1',
    description:
      "The client runs at LmCompatibilityLevel 0, the oldest setting: its NEGOTIATE drops extended session security and asks for LM_KEY (0xe20082b7, as gss-ntlmssp sends). The AUTHENTICATE carries both 24-byte responses: NTLMv1, DESL(MD4(password), ServerChallenge), and the LM response, DES under the LM hash — the upper-cased password cut into two 7-character DES keys, crackable in minutes. The session keys come from the LM response too (KXKEY with LM_KEY). There is no NTLM MIC and so no mechListMIC. Set the server's LmCompatibilityLevel to 5 and it refuses the logon.",
    patch: { initiator: { kerberosTicket: false }, ntlm: { lmCompatibilityLevel: 0 } },
  },
  {
    id: 'ntlmv1-refused',
    title: 'NTLMv1 refused by the server',
    description:
      "The same NTLMv1 client as in 'NTLMv1: no NTLM MIC', but the server's domain controller runs LmCompatibilityLevel 5: it accepts NTLMv2 only. The NEGOTIATE and CHALLENGE go through — nothing in them says which response will follow — and only the 24-byte NtChallengeResponse in AUTHENTICATE shows NTLMv1. The server refuses the logon (STATUS_LOGON_FAILURE) and SPNEGO ends with a reject. The fix is on the client: raise its LmCompatibilityLevel to 3 or more.",
    patch: {
      initiator: { kerberosTicket: false },
      ntlm: { lmCompatibilityLevel: 2, acceptorLmCompatibilityLevel: 5 },
    },
  },
  {
    id: 'ntlm-anonymous',
    title: 'Anonymous NTLM logon',
    description:
      "The client has no password and logs on anonymously, as a null session does: its AUTHENTICATE names no user and no domain, carries an empty NtChallengeResponse and a single zero byte as LmChallengeResponse, and sets the ANONYMOUS flag. Nothing is proved. This server lets anonymous logons through (ANONYMOUS LOGON); the session key is all zero, so there is no session security and no mechListMIC. Turn 'accept anonymous' off and the server refuses it.",
    patch: {
      initiator: { kerberosTicket: false, ntlmPassword: null },
      ntlm: { anonymous: true, acceptAnonymous: true },
    },
  },
  {
    id: 'ntlm-channel-binding-mismatch',
    title: 'NTLM channel bindings: a TLS-terminating proxy',
    description:
      "The client reaches the server over HTTPS and passes the TLS channel bindings (tls-server-end-point: the hash of the certificate it saw) to NTLM. Its NTLMv2 blob carries MsvAvChannelBindings = MD5 of the gss_channel_bindings_struct, next to MsvAvTargetName, and NTProofStr covers both. But a proxy terminates TLS in front of the server with another certificate: the server's own bindings hash differently. A server with Extended Protection compares them and refuses the logon — exactly what stops an attacker relaying the NTLM exchange into another TLS session. The password was right; the channel was not.",
    patch: {
      initiator: { kerberosTicket: false },
      kerberos: { channelBindings: 'tls-server-end-point', acceptorBindings: 'other-certificate' },
      ntlm: { channelBindings: true },
    },
  },
];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export function scenarioConfig(scenario: Scenario, base: SimConfig = DEFAULT_CONFIG): SimConfig {
  return withPatch(base, scenario.patch);
}
