import type { ProfileName } from './config';

/**
 * What an implementation's NTLM does where stacks differ (MS-NLMP leaves these to the
 * implementation): the client's NEGOTIATE flags, the Version field, the LmChallengeResponse of
 * an NTLMv2 AUTHENTICATE, the AUTHENTICATE's flags, the AV pairs the client adds to its NTLMv2
 * blob, and the order of the server's CHALLENGE TargetInfo.
 */
export interface NtlmProfile {
  /** NegotiateFlags of the client's NEGOTIATE_MESSAGE (MS-NLMP §2.2.2.5). */
  negotiateFlags: number;
  /** Version field of every message (MS-NLMP §2.2.2.10); null: no Version (the flag is not set). */
  version: { major: number; minor: number; build: number; revision: number } | null;
  /** An NTLMv2 AUTHENTICATE's LmChallengeResponse: absent, or Z(24) (MS-NLMP §3.1.5.1.2). */
  lmResponse: 'none' | 'z24';
  /** The AUTHENTICATE's flags: the CHALLENGE's, or only those the client itself asked for. */
  authenticateFlags: 'challenge' | 'negotiate-and-challenge';
  /** The client adds MsvAvSingleHost and MsvAvChannelBindings before MsvAvTargetName. */
  singleHostAndBindings: boolean;
  /**
   * The server's CHALLENGE TargetInfo: `windows` NbDomain, NbComputer, DnsDomain, DnsComputer,
   * Timestamp; `heimdal` NbComputer first; `gss-ntlmssp` NbComputer, NbDomain, DnsComputer,
   * MsvAvFlags 0, Timestamp (no DNS domain; 1.2 writes the empty MsvAvFlags, 1.3.1 no longer).
   */
  targetInfoOrder: 'windows' | 'heimdal' | 'gss-ntlmssp';
  /**
   * The AV pairs of the client's NTLMv2 blob: `echo` keeps the server's pairs in its order,
   * MsvAvFlags updated where it stands (else appended), then its own (Samba, Windows);
   * `rebuild` decodes the server's pairs and writes them again in one fixed order — names,
   * MsvAvFlags (always, 0 included), MsvAvTimestamp, MsvAvTargetName, MsvAvChannelBindings —
   * dropping any it does not know (gss-ntlmssp).
   */
  clientTargetInfo: 'echo' | 'rebuild';
  /**
   * How the messages are laid out on the wire: `windows` — empty NEGOTIATE fields at offset 0,
   * AUTHENTICATE payload DomainName, UserName, Workstation, then the responses, NTLMv2 blob ending
   * in Z(4); `gss-ntlmssp` — responses first, empty strings at offset 0; `samba` — responses
   * first, empty NEGOTIATE fields at the payload cursor, no Z(4) after MsvAvEOL; `heimdal` —
   * Windows' AUTHENTICATE order, and the NEGOTIATE's DomainName in UTF-16 at offset 24 (8 bytes
   * short: the Workstation field is not counted).
   */
  layout: 'windows' | 'gss-ntlmssp' | 'samba' | 'heimdal';
  /**
   * Which responses the client sends: `lm-compatibility-level` — as the configured level says
   * (NTLMv2 by default); `heimdal` — Heimdal 7.8 always sends NTLMv1 (the NTLM2 session response
   * when the CHALLENGE grants extended session security), wraps the session key with
   * MD4(NTOWFv1) even then, names the CHALLENGE's TargetName as DomainName and "workstation" as
   * Workstation. As acceptor, Heimdal (its KDC's digest service) unwraps an NTLMv1 session key
   * under MD4(NTOWFv1) likewise.
   */
  responses: 'lm-compatibility-level' | 'heimdal';
  /**
   * How the application's GSS request flags change `negotiateFlags` (which assume all asked):
   * `seal-if-conf` — SEAL only with GSS_C_CONF_FLAG, SIGN always (gss-ntlmssp, SSPI);
   * `heimdal` — SEAL only with CONF, SIGN only with INTEG, else ALWAYS_SIGN; `fixed` — Samba's
   * client asks what its own callers ask, never the GSS flags.
   */
  requestFlags: 'seal-if-conf' | 'heimdal' | 'fixed';
  /**
   * The client puts a MIC in AUTHENTICATE even without SPNEGO around NTLM. gss-ntlmssp adds it
   * only when MIT's SPNEGO says it can carry the mechListMIC that must follow (raw NTLM: MsvAvFlags
   * 0, no MIC).
   */
  micWithoutSpnego: boolean;
  /** Public source of each difference, by the field's name. */
  sources: Record<string, string>;
}

/** gss-ntlmssp 1.2's NEGOTIATE as observed: UNICODE, OEM, REQUEST_TARGET, SIGN, SEAL, NTLM, ALWAYS_SIGN, ESS, VERSION, 128, KEY_EXCH, 56 (src/gss_ntlmssp.h, NTLMSSP_DEFAULT_CLIENT_FLAGS). */
const GSS_NTLMSSP_FLAGS = 0xe2088237;
const WINDOWS_ORDER_NTLM = {
  authenticateFlags: 'challenge',
  singleHostAndBindings: false,
  targetInfoOrder: 'windows',
  clientTargetInfo: 'echo',
  layout: 'windows',
  responses: 'lm-compatibility-level',
  requestFlags: 'seal-if-conf',
  micWithoutSpnego: true,
} as const;

/** Each implementation's NTLM habits (the `ntlm` half of its profile). */
export const NTLM_PROFILES: Record<ProfileName, NtlmProfile> = {
  rfc4178: {
    negotiateFlags: GSS_NTLMSSP_FLAGS,
    version: { major: 6, minor: 2, build: 0, revision: 15 },
    lmResponse: 'z24',
    ...WINDOWS_ORDER_NTLM,
    sources: {
      lmResponse: 'MS-NLMP §3.1.5.1.2',
    },
  },
  windows: {
    negotiateFlags: GSS_NTLMSSP_FLAGS,
    version: { major: 10, minor: 0, build: 17763, revision: 15 },
    lmResponse: 'z24',
    ...WINDOWS_ORDER_NTLM,
    sources: {
      version: 'MS-NLMP §2.2.2.10, App. B',
      lmResponse: 'MS-NLMP §3.1.5.1.2',
    },
  },
  mit: {
    negotiateFlags: GSS_NTLMSSP_FLAGS,
    version: { major: 6, minor: 2, build: 0, revision: 15 },
    lmResponse: 'none',
    ...WINDOWS_ORDER_NTLM,
    targetInfoOrder: 'gss-ntlmssp',
    clientTargetInfo: 'rebuild',
    layout: 'gss-ntlmssp',
    micWithoutSpnego: false,
    sources: {
      targetInfoOrder:
        'gss-ntlmssp src/gss_sec_ctx.c, gssntlm_accept_sec_context(); gss-ntlmssp src/ntlm.c, ntlm_encode_target_info()',
      clientTargetInfo:
        'gss-ntlmssp src/ntlm.c, ntlm_process_target_info(), ntlm_encode_target_info(); gss-ntlmssp src/gss_auth.c, gssntlm_cli_auth()',
      layout:
        'gss-ntlmssp src/ntlm.c, ntlm_encode_auth_msg(), ntlm_encode_neg_msg(); gss-ntlmssp src/ntlm_crypto.c, ntlmv2_compute_nt_response()',
      negotiateFlags:
        'gss-ntlmssp src/gss_ntlmssp.h, NTLMSSP_DEFAULT_CLIENT_FLAGS; gss-ntlmssp src/gss_sec_ctx.c, gssntlm_init_sec_context()',
      version: 'gss-ntlmssp src/ntlm.c, ntlmssp_version',
      lmResponse: 'gss-ntlmssp src/gss_sec_ctx.c, gssntlm_init_sec_context()',
      micWithoutSpnego: 'gss-ntlmssp src/gss_sec_ctx.c, gssntlm_init_sec_context()',
    },
  },
  heimdal: {
    // UNICODE, SIGN, SEAL, NTLM, ESS, KEY_EXCH; no VERSION, no 128 (_gss_ntlm_init_sec_context()).
    negotiateFlags: 0x40080231,
    version: null,
    lmResponse: 'z24',
    authenticateFlags: 'challenge',
    singleHostAndBindings: false,
    targetInfoOrder: 'heimdal',
    clientTargetInfo: 'echo',
    layout: 'heimdal',
    responses: 'heimdal',
    requestFlags: 'heimdal',
    micWithoutSpnego: true,
    sources: {
      negotiateFlags: 'Heimdal lib/gssapi/ntlm/init_sec_context.c, _gss_ntlm_init_sec_context()',
      targetInfoOrder: 'Heimdal lib/ntlm/ntlm.c, heim_ntlm_encode_targetinfo()',
      layout:
        'Heimdal lib/ntlm/ntlm.c, heim_ntlm_encode_type1(), heim_ntlm_encode_type3(); Heimdal lib/gssapi/ntlm/import_name.c, _gss_ntlm_import_name()',
      responses:
        'Heimdal lib/gssapi/ntlm/init_sec_context.c, _gss_ntlm_init_sec_context(); Heimdal lib/ntlm/ntlm.c, heim_ntlm_calculate_ntlm2_sess(), heim_ntlm_build_ntlm1_master(); Heimdal lib/gssapi/ntlm/accept_sec_context.c, _gss_ntlm_accept_sec_context()',
    },
  },
  samba: {
    // UNICODE, REQUEST_TARGET, SIGN, NTLM, ALWAYS_SIGN, ESS, VERSION, 128, KEY_EXCH.
    negotiateFlags: 0x62088215,
    version: { major: 6, minor: 1, build: 0, revision: 15 },
    lmResponse: 'z24',
    authenticateFlags: 'negotiate-and-challenge',
    singleHostAndBindings: true,
    targetInfoOrder: 'windows',
    clientTargetInfo: 'echo',
    layout: 'samba',
    responses: 'lm-compatibility-level',
    requestFlags: 'fixed',
    micWithoutSpnego: true,
    sources: {
      negotiateFlags: 'Samba auth/ntlmssp/ntlmssp_client.c, ntlmssp_client_initial()',
      version: 'Samba auth/ntlmssp/ntlmssp_util.c, ntlmssp_version_blob()',
      authenticateFlags:
        'Samba auth/ntlmssp/ntlmssp_client.c, ntlmssp_client_challenge(), ntlmssp_handle_neg_flags()',
      singleHostAndBindings: 'Samba auth/ntlmssp/ntlmssp_client.c, ntlmssp_client_challenge()',
      clientTargetInfo: 'Samba auth/ntlmssp/ntlmssp_client.c, ntlmssp_client_challenge()',
      layout:
        'Samba auth/ntlmssp/ntlmssp_client.c, ntlmssp_client_initial(), ntlmssp_client_challenge(); Samba libcli/auth/smbencrypt.c, NTLMv2_generate_client_data()',
      lmResponse: 'MS-NLMP §3.1.5.1.2',
    },
  },
};
