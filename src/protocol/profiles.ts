import { OID } from '../data/oids';
import type { ProfileName } from './config';
import type { MechName } from './types';

/**
 * Where real stacks differ, each difference a switch with its public source (MS-SPNG, the MIT krb5,
 * gss-ntlmssp and Samba sources). Everything not listed here follows RFC 4178 for every profile.
 */
export interface Profile {
  name: ProfileName;
  title: string;
  description: string;
  /** OIDs the initiator lists for a mechanism, in order. */
  initiatorOids: Record<MechName, string[]>;
  /** OIDs the acceptor announces in a server-initiated NegTokenInit2. */
  acceptorOids: Record<MechName, string[]>;
  /**
   * When the acceptor demands the MIC exchange (request-mic) in its first reply:
   * `not-first` — the selected mech is not the initiator's first (MIT `negotiate_mech`, Samba);
   * `not-first-or-not-preferred` — also when the acceptor itself prefers another mech
   * (RFC 4178 §5).
   */
  requestMic: 'not-first' | 'not-first-or-not-preferred';
  /** An NTLM MIC inside AUTHENTICATE makes the mechListMIC mandatory (MS-SPNG App. A <8>; krb5 PR #113). */
  ntlmMicForcesMechListMic: boolean;
  /** After a reject carrying a mechanism error token, the initiator answers with its own reject token (MIT). */
  rejectTokenAfterMechError: boolean;
  sources: Record<string, string>;
}

export const PROFILES: Record<ProfileName, Profile> = {
  rfc4178: {
    name: 'rfc4178',
    title: 'RFC 4178 strict',
    description:
      'The standard as written: standard OIDs only, the MIC exchange required only when the chosen mechanism was not the first choice of both sides, optional otherwise (and then omitted, as RFC 4178 §5 advises for interoperability).',
    initiatorOids: { kerberos: [OID.krb5], ntlm: [OID.ntlmssp] },
    acceptorOids: { kerberos: [OID.krb5], ntlm: [OID.ntlmssp] },
    requestMic: 'not-first-or-not-preferred',
    ntlmMicForcesMechListMic: false,
    rejectTokenAfterMechError: false,
    sources: {
      requestMic: 'RFC 4178 §5',
      omitOptionalMic: 'RFC 4178 §5 b, c',
    },
  },
  windows: {
    name: 'windows',
    title: 'Windows (Vista and later)',
    description:
      'Windows clients list the truncated MS Kerberos OID first, then the standard one; the server echoes the MS OID in supportedMech; an NTLM MIC inside AUTHENTICATE makes the SPNEGO mechListMIC mandatory.',
    initiatorOids: { kerberos: [OID.msKrb5, OID.krb5], ntlm: [OID.ntlmssp] },
    acceptorOids: { kerberos: [OID.msKrb5, OID.krb5], ntlm: [OID.ntlmssp] },
    requestMic: 'not-first',
    ntlmMicForcesMechListMic: true,
    rejectTokenAfterMechError: false,
    sources: {
      initiatorOids: 'MS-SPNG App. A <5>, <10>',
      echoMsOid: 'MS-SPNG §3.2.5, App. A <10>',
      ntlmMicForcesMechListMic: 'MS-SPNG App. A <8>',
    },
  },
  mit: {
    name: 'mit',
    title: 'MIT krb5 + gss-ntlmssp',
    description:
      'MIT krb5 1.20 with gss-ntlmssp 1.2, as observed in a lab realm (with Samba 4.17 as the SMB server): only mechanisms with credentials are offered, request-mic when the chosen mechanism is not the first offered, the NTLM MIC forces the mechListMIC, and after a reject with a Kerberos error the initiator sends its own reject token.',
    initiatorOids: { kerberos: [OID.krb5], ntlm: [OID.ntlmssp] },
    acceptorOids: { kerberos: [OID.msKrb5, OID.krb5], ntlm: [OID.ntlmssp] },
    requestMic: 'not-first',
    ntlmMicForcesMechListMic: true,
    rejectTokenAfterMechError: true,
    sources: {
      requestMic: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, negotiate_mech()',
      ntlmMicForcesMechListMic:
        'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, mech_requires_mechlistMIC(); gss-ntlmssp src/gss_sec_ctx.c, gssntlm_spnego_req_mic()',
      rejectTokenAfterMechError:
        'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_call_init(), spnego_gss_init_sec_context()',
      acceptorOids:
        'Samba source3/librpc/crypto/gse.c, gensec_gse_krb5_oids; Samba auth/gensec/spnego.c, gensec_spnego_create_negTokenInit_finish()',
    },
  },
};

/** The mechanism an OID names, treating every Kerberos OID as Kerberos (krb5 `is_kerb_mech`). */
export function mechOfOid(oid: string): MechName | null {
  if (oid === OID.krb5 || oid === OID.msKrb5 || oid === OID.krb5Old) return 'kerberos';
  if (oid === OID.ntlmssp) return 'ntlm';
  return null;
}
