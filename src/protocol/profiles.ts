import { OID } from '../data/oids';
import type { ImplementationName, ProfileName, SimConfig } from './config';
import type { MechName, Role } from './types';
import { NTLM_PROFILES, type NtlmProfile } from './ntlm-profiles';

export type { NtlmProfile };

/**
 * Where real stacks differ, each difference a switch with its public source (MS-SPNG, the MIT krb5,
 * gss-ntlmssp, Heimdal and Samba sources). A profile has an initiator half and an acceptor half:
 * each side of a run uses its own implementation's half (`sideProfile`). Everything not listed
 * here follows RFC 4178 for every profile.
 */
export interface Profile {
  name: ProfileName;
  title: string;
  description: string;
  // The initiator's half.
  /** OIDs the initiator lists for a mechanism, in order. */
  initiatorOids: Record<MechName, string[]>;
  /** The initiator lists NEGOEX after Kerberos when a NEGOEX package is installed (`initiator.negoex`). */
  listsNegoex: boolean;
  /**
   * The implementation runs NEGOEX itself, either side (MS-NEGOEX §3): Windows, and MIT krb5 1.18
   * and later once a NEGOEX-capable mechanism is configured. A NEGOEX acceptor also needs
   * `acceptor.negoex`; an initiator lists `negoex` among its mechanisms.
   */
  negoex: boolean;
  /**
   * Whether the initiator tolerates a first reply that switches mechanism with accept-incomplete
   * instead of request-mic: `never` (RFC 4178 §5 c), `ntlm-only` (MIT `init_ctx_reselect`, for
   * Windows 2003 falling back to NTLMSSP), `always`.
   */
  switchWithoutRequestMic: 'never' | 'ntlm-only' | 'always';
  /** After a reject carrying a mechanism error token, the initiator answers with its own reject token (MIT). */
  rejectTokenAfterMechError: boolean;
  /** A defective first reply makes the initiator send its own reject token (MIT `ERROR_TOKEN_SEND`). */
  rejectTokenAfterDefectiveReply: boolean;
  /** The initiator's NegTokenResp carries no negState (Samba's SPNEGO_NONE_RESULT). */
  omitsNegStateInResp: boolean;
  /**
   * The name-type of the service name the client asks its ticket for (RFC 4120 §6.2): NT-PRINCIPAL
   * (1, as Heimdal 7.8 and Samba 4.17 clients were seen to send), NT-SRV-INST (2, Windows),
   * NT-SRV-HST (3, MIT krb5_sname_to_principal()). Acceptors compare components only.
   */
  snameNameType: 1 | 2 | 3;
  /** The client's GSS checksum carries GSS_C_TRANS_FLAG (0x100) whatever the application asked. */
  addsTransFlag: boolean;
  /**
   * When the client's Authenticator carries the RFC 4537 list of etypes it would like for the
   * subkey (AD-ETYPE-NEGOTIATION, 129, in AD-IF-RELEVANT): `always` with the GSS checksum, listing
   * every etype the client supports (Heimdal `_krb5_build_authenticator`), or `not-preferred`,
   * only when the ticket's session key is not its first permitted etype, listing its permitted
   * etypes up to the session key's (MIT `make_etype_list`).
   */
  etypeNegotiation: 'always' | 'not-preferred';
  // The acceptor's half.
  /** OIDs the acceptor announces in a server-initiated NegTokenInit2. */
  acceptorOids: Record<MechName, string[]>;
  /**
   * When the acceptor demands the MIC exchange in its first reply:
   * `not-first` — the selected mech is not the initiator's first (MIT `negotiate_mech`, Samba);
   * `not-first-or-not-preferred` — also when the acceptor itself prefers another mech
   * (RFC 4178 §5).
   */
  requestMic: 'not-first' | 'not-first-or-not-preferred';
  /** The negState of a first reply that switches mechanism (Heimdal says accept-incomplete). */
  switchNegState: 'request-mic' | 'accept-incomplete';
  /** A reject after the mechanism failed carries the mechanism's error token (a KRB-ERROR). */
  rejectCarriesErrorToken: boolean;
  /**
   * The Kerberos acceptor answers a failed AP-REQ with a KRB-ERROR token only when the client
   * expects an answer: mutual-required in ap-options or GSS_C_MUTUAL_FLAG (MIT `kg_accept_krb5`).
   * Otherwise the error token is sent whatever the client asked.
   */
  krbErrorOnlyIfMutual: boolean;
  /**
   * The PAC the KDC of the acceptor's realm writes into service tickets: `ad` — a Windows or
   * Samba AD DC's, with logon, client, UPN/DNS information and four signatures (MS-PAC §2);
   * `mit` — an MIT krb5 1.20 KDC's, client information and ticket, server and KDC signatures;
   * `none` — no PAC (RFC 4120 defines none; a Heimdal KDC writes one only with a windc plugin).
   */
  kdcPac: 'ad' | 'mit' | 'none';
  /**
   * What the acceptor does with a PAC whose server signature does not verify with its key:
   * `refuse` the AP-REQ (an integrity error), or accept it and leave the PAC `unverified`
   * (MIT `mspac_verify`: the authentication does not fail, the PAC is only not trusted).
   */
  badPacSignature: 'refuse' | 'unverified';
  /**
   * Over SMB2, a failed SESSION_SETUP answers with an error status and an empty security blob
   * (Samba's smbd) or with the SPNEGO reject (the simulator's model of the others).
   */
  smbFailureBlob: 'empty' | 'reject';
  // Both halves.
  /** An NTLM MIC inside AUTHENTICATE makes the mechListMIC mandatory (MS-SPNG App. A <8>; krb5 PR #113). */
  ntlmMicForcesMechListMic: boolean;
  ntlm: NtlmProfile;
  /** Public source of each difference, by the field's name. */
  sources: Record<string, string>;
}

export const PROFILES: Record<ProfileName, Profile> = {
  rfc4178: {
    name: 'rfc4178',
    title: 'RFC 4178 strict',
    description:
      'The standard as written: standard OIDs only, the MIC exchange required only when the chosen mechanism was not the first choice of both sides, optional otherwise (and then omitted, as RFC 4178 §5 advises for interoperability).',
    initiatorOids: { kerberos: [OID.krb5], ntlm: [OID.ntlmssp], negoex: [OID.negoex] },
    listsNegoex: false,
    negoex: false,
    switchWithoutRequestMic: 'never',
    rejectTokenAfterMechError: false,
    rejectTokenAfterDefectiveReply: false,
    omitsNegStateInResp: false,
    snameNameType: 3,
    addsTransFlag: false,
    etypeNegotiation: 'not-preferred',
    acceptorOids: { kerberos: [OID.krb5], ntlm: [OID.ntlmssp], negoex: [OID.negoex] },
    requestMic: 'not-first-or-not-preferred',
    switchNegState: 'request-mic',
    rejectCarriesErrorToken: true,
    krbErrorOnlyIfMutual: false,
    kdcPac: 'none',
    badPacSignature: 'unverified',
    smbFailureBlob: 'reject',
    ntlmMicForcesMechListMic: false,
    ntlm: NTLM_PROFILES.rfc4178,
    sources: {
      etypeNegotiation: 'RFC 4537 §3',
      kdcPac: 'RFC 4120 §5.2.6',
      badPacSignature: 'RFC 4120 §5.2.6.1',
      requestMic: 'RFC 4178 §5',
      switchWithoutRequestMic: 'RFC 4178 §5 c',
      omitOptionalMic: 'RFC 4178 §5 b, c',
    },
  },
  windows: {
    name: 'windows',
    title: 'Windows SSPI (Vista and later)',
    description:
      'Windows clients list the truncated MS Kerberos OID first, then the standard one (and NEGOEX when a NEGOEX package is installed); the server echoes the MS OID in supportedMech; an NTLM MIC inside AUTHENTICATE makes the SPNEGO mechListMIC mandatory; the client takes a switch of mechanism announced with accept-incomplete (as Windows Server 2003 sent it); the domain controller puts a PAC in every ticket, and a server refuses one whose signature fails.',
    initiatorOids: { kerberos: [OID.msKrb5, OID.krb5], ntlm: [OID.ntlmssp], negoex: [OID.negoex] },
    listsNegoex: true,
    negoex: true,
    switchWithoutRequestMic: 'always',
    rejectTokenAfterMechError: false,
    rejectTokenAfterDefectiveReply: false,
    omitsNegStateInResp: false,
    snameNameType: 2,
    addsTransFlag: false,
    etypeNegotiation: 'not-preferred',
    acceptorOids: { kerberos: [OID.msKrb5, OID.krb5], ntlm: [OID.ntlmssp], negoex: [OID.negoex] },
    requestMic: 'not-first',
    switchNegState: 'request-mic',
    rejectCarriesErrorToken: true,
    krbErrorOnlyIfMutual: false,
    kdcPac: 'ad',
    badPacSignature: 'refuse',
    smbFailureBlob: 'reject',
    ntlmMicForcesMechListMic: true,
    ntlm: NTLM_PROFILES.windows,
    sources: {
      switchWithoutRequestMic:
        'MS-SPNG App. A <8>; RFC 2478 §3.2.1; MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_reselect()',
      kdcPac: 'MS-PAC §2.3, §2.8; MS-KILE §3.3.5.7.2',
      badPacSignature: 'MS-PAC §2.8.4; MS-SFU §3.2.5.2.2',
      initiatorOids: 'MS-SPNG App. A <5>, <10>',
      listsNegoex: 'MS-SPNG App. A <1>; MS-NEGOEX §1.9',
      negoex: 'MS-NEGOEX §3; MS-SPNG App. A <1>',
      echoMsOid: 'MS-SPNG §3.2.5, App. A <10>',
      ntlmMicForcesMechListMic: 'MS-SPNG App. A <8>',
      rejectCarriesErrorToken: 'MS-KILE §3.4.5',
    },
  },
  mit: {
    name: 'mit',
    title: 'MIT krb5 + gss-ntlmssp',
    description:
      'MIT krb5 1.20 with gss-ntlmssp 1.2, as observed in a lab realm: only mechanisms with credentials are offered, request-mic when the chosen mechanism is not the first offered, the NTLM MIC forces the mechListMIC, a reject carries the Kerberos error (a KRB-ERROR only if the client asked for mutual authentication), and after a failure the initiator sends its own reject token; the KDC puts a small PAC (client information and signatures) in every ticket, and the acceptor leaves a PAC whose signature fails unverified rather than refusing it.',
    initiatorOids: { kerberos: [OID.krb5], ntlm: [OID.ntlmssp], negoex: [OID.negoex] },
    listsNegoex: false,
    negoex: true,
    switchWithoutRequestMic: 'ntlm-only',
    rejectTokenAfterMechError: true,
    rejectTokenAfterDefectiveReply: true,
    omitsNegStateInResp: false,
    snameNameType: 3,
    addsTransFlag: true,
    etypeNegotiation: 'not-preferred',
    acceptorOids: { kerberos: [OID.msKrb5, OID.krb5], ntlm: [OID.ntlmssp], negoex: [OID.negoex] },
    requestMic: 'not-first',
    switchNegState: 'request-mic',
    rejectCarriesErrorToken: true,
    krbErrorOnlyIfMutual: true,
    kdcPac: 'mit',
    badPacSignature: 'unverified',
    smbFailureBlob: 'reject',
    ntlmMicForcesMechListMic: true,
    ntlm: NTLM_PROFILES.mit,
    sources: {
      etypeNegotiation: 'MIT krb5 src/lib/krb5/krb/mk_req_ext.c, make_etype_list()',
      krbErrorOnlyIfMutual: 'MIT krb5 src/lib/gssapi/krb5/accept_sec_context.c, kg_accept_krb5()',
      kdcPac:
        'MIT krb5 src/kdc/kdc_authdata.c, handle_pac(); MIT krb5 src/lib/krb5/krb/pac_sign.c, krb5_kdc_sign_ticket(), krb5_pac_sign_ext()',
      badPacSignature: 'MIT krb5 src/lib/krb5/krb/pac.c, mspac_verify()',
      snameNameType: 'MIT krb5 src/lib/krb5/os/sn2princ.c, krb5_sname_to_principal()',
      negoex: 'MIT krb5 src/lib/gssapi/spnego/negoex_ctx.c, negoex_init(), negoex_accept()',
      addsTransFlag: 'MIT krb5 src/lib/gssapi/krb5/init_sec_context.c, kg_new_connection()',
      requestMic: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, negotiate_mech()',
      switchWithoutRequestMic: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_reselect()',
      ntlmMicForcesMechListMic:
        'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, mech_requires_mechlistMIC(); gss-ntlmssp src/gss_sec_ctx.c, gssntlm_spnego_req_mic()',
      rejectTokenAfterMechError:
        'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_cont(), spnego_gss_init_sec_context()',
      rejectTokenAfterDefectiveReply:
        'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_nego(), spnego_gss_init_sec_context()',
      rejectCarriesErrorToken: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, acc_ctx_call_acc()',
      acceptorOids:
        'Samba source3/librpc/crypto/gse.c, gensec_gse_krb5_oids; Samba auth/gensec/spnego.c, gensec_spnego_create_negTokenInit_finish()',
    },
  },
  heimdal: {
    name: 'heimdal',
    title: 'Heimdal',
    description:
      'Heimdal 7.8: standard OIDs only, like MIT; its acceptor answers a switch of mechanism with accept-incomplete where MIT says request-mic (the MIC exchange still follows, since the initiator was talked out of its first choice), and rejects without the Kerberos error token; its initiator takes such a switch in its stride.',
    initiatorOids: { kerberos: [OID.krb5], ntlm: [OID.ntlmssp], negoex: [OID.negoex] },
    listsNegoex: false,
    negoex: false,
    switchWithoutRequestMic: 'always',
    rejectTokenAfterMechError: false,
    rejectTokenAfterDefectiveReply: false,
    omitsNegStateInResp: false,
    snameNameType: 1,
    addsTransFlag: true,
    etypeNegotiation: 'always',
    acceptorOids: { kerberos: [OID.krb5], ntlm: [OID.ntlmssp], negoex: [OID.negoex] },
    requestMic: 'not-first',
    switchNegState: 'accept-incomplete',
    rejectCarriesErrorToken: false,
    krbErrorOnlyIfMutual: false,
    kdcPac: 'none',
    badPacSignature: 'refuse',
    smbFailureBlob: 'reject',
    ntlmMicForcesMechListMic: true,
    ntlm: NTLM_PROFILES.heimdal,
    sources: {
      etypeNegotiation: 'Heimdal lib/krb5/build_auth.c, _krb5_build_authenticator()',
      kdcPac: 'Heimdal kdc/windc.c, _kdc_pac_generate()',
      badPacSignature: 'Heimdal lib/krb5/rd_req.c, krb5_rd_req_ctx()',
      initiatorOids: 'Heimdal lib/gssapi/spnego/init_sec_context.c, spnego_initial()',
      switchNegState: 'Heimdal lib/gssapi/spnego/accept_sec_context.c, send_accept()',
      switchWithoutRequestMic: 'Heimdal lib/gssapi/spnego/init_sec_context.c, spnego_reply()',
      requireMic: 'Heimdal lib/gssapi/spnego/compat.c, _gss_spnego_require_mechlist_mic()',
      rejectCarriesErrorToken: 'Heimdal lib/gssapi/spnego/accept_sec_context.c, send_reject()',
      ntlmMicForcesMechListMic:
        'Heimdal lib/gssapi/spnego/compat.c, _gss_spnego_require_mechlist_mic()',
    },
  },
  samba: {
    name: 'samba',
    title: 'Samba (smbclient / Samba AD DC)',
    description:
      'Samba 4.17: smbclient lists [MS-KRB5, KRB5] for Kerberos and omits negState in its later tokens; the server announces [MS-KRB5, KRB5, NTLMSSP] in NegTokenInit2 and echoes the OID the client listed; Samba NTLMSSP announces Version 6.1 and neither SEAL nor 56 unless asked, sends Z(24) as LM response and adds MsvAvSingleHost and MsvAvChannelBindings to its NTLMv2 blob.',
    initiatorOids: { kerberos: [OID.msKrb5, OID.krb5], ntlm: [OID.ntlmssp], negoex: [OID.negoex] },
    listsNegoex: false,
    negoex: false,
    switchWithoutRequestMic: 'always',
    rejectTokenAfterMechError: false,
    rejectTokenAfterDefectiveReply: false,
    omitsNegStateInResp: true,
    snameNameType: 1,
    addsTransFlag: true,
    etypeNegotiation: 'always',
    acceptorOids: { kerberos: [OID.msKrb5, OID.krb5], ntlm: [OID.ntlmssp], negoex: [OID.negoex] },
    requestMic: 'not-first',
    switchNegState: 'request-mic',
    rejectCarriesErrorToken: true,
    krbErrorOnlyIfMutual: false,
    kdcPac: 'ad',
    badPacSignature: 'refuse',
    smbFailureBlob: 'empty',
    ntlmMicForcesMechListMic: true,
    ntlm: NTLM_PROFILES.samba,
    sources: {
      etypeNegotiation: 'Heimdal lib/krb5/build_auth.c, _krb5_build_authenticator()',
      kdcPac: 'MS-PAC §2.3, §2.8; MS-KILE §3.3.5.7.2',
      badPacSignature: 'Heimdal lib/krb5/pac.c, verify_checksum()',
      initiatorOids: 'Samba source3/librpc/crypto/gse.c, gensec_gse_krb5_oids',
      acceptorOids:
        'Samba auth/gensec/spnego.c, gensec_spnego_create_negTokenInit_finish(); Samba source3/librpc/crypto/gse.c, gensec_gse_krb5_oids',
      omitsNegStateInResp: 'Samba auth/gensec/spnego.c, gensec_spnego_client_negTokenTarg_step()',
      switchWithoutRequestMic:
        'Samba auth/gensec/spnego.c, gensec_spnego_client_negTokenTarg_start()',
      requestMic: 'Samba auth/gensec/spnego.c, gensec_spnego_server_negTokenInit_step()',
      ntlmMicForcesMechListMic:
        'Samba auth/gensec/spnego.c, gensec_spnego_server_negTokenTarg_step()',
      smbFailureBlob:
        'Samba source3/smbd/smb2_sesssetup.c, smbd_smb2_request_process_sesssetup(); MS-SMB2 §3.3.5.5.3',
    },
  },
};

/** The implementation one side behaves as: its own, else the config's `profile`. */
export function implementationOf(config: SimConfig, role: Role): ImplementationName {
  return config[role].implementation ?? config.profile;
}

/** The profile whose half this side follows. */
export function sideProfile(config: SimConfig, role: Role): Profile {
  return PROFILES[implementationOf(config, role)];
}

/** The mechanism an OID names, treating every Kerberos OID as Kerberos (krb5 `is_kerb_mech`); NEGOEX is its own. */
export function mechOfOid(oid: string): MechName | null {
  if (oid === OID.krb5 || oid === OID.msKrb5 || oid === OID.krb5Old) return 'kerberos';
  if (oid === OID.ntlmssp) return 'ntlm';
  if (oid === OID.negoex) return 'negoex';
  return null;
}
