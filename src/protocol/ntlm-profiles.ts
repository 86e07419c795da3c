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
  /** CHALLENGE TargetInfo order (MsvAvTimestamp last). */
  targetInfoOrder: 'windows' | 'heimdal';
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
    micWithoutSpnego: false,
    sources: {
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
    requestFlags: 'heimdal',
    micWithoutSpnego: true,
    sources: {
      negotiateFlags: 'Heimdal lib/gssapi/ntlm/init_sec_context.c, _gss_ntlm_init_sec_context()',
      targetInfoOrder: 'Heimdal lib/ntlm/ntlm.c, heim_ntlm_encode_targetinfo()',
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
    requestFlags: 'fixed',
    micWithoutSpnego: true,
    sources: {
      negotiateFlags: 'Samba auth/ntlmssp/ntlmssp_client.c, ntlmssp_client_initial()',
      version: 'Samba auth/ntlmssp/ntlmssp_util.c, ntlmssp_version_blob()',
      authenticateFlags:
        'Samba auth/ntlmssp/ntlmssp_client.c, ntlmssp_client_challenge(), ntlmssp_handle_neg_flags()',
      singleHostAndBindings: 'Samba auth/ntlmssp/ntlmssp_client.c, ntlmssp_client_challenge()',
      lmResponse: 'MS-NLMP §3.1.5.1.2',
    },
  },
};
