import { FIXED_HINT_NAME } from '../data/spnego';
import { WINDOWS_VERSIONS } from '../data/ntlm';
import { OID } from '../data/oids';
import type { MechObservation, NtlmVersionValue, TokenObservation } from '../protocol/observe';
import type { Evidence, Fingerprint, Side } from './types';

/**
 * Which implementation each side looks like, from habits visible on the wire. Every clue names
 * its source: the implementation's code, a public document, or what the lab's real exchanges
 * (MIT krb5 1.20.1 + gss-ntlmssp 1.2.0, Heimdal 7.8, Samba 4.17.12, curl 7.88 over MIT) showed.
 * A side without enough clues is `unknown`.
 */
export const MIT = 'MIT krb5 + gss-ntlmssp';
export const HEIMDAL = 'Heimdal';
export const WINDOWS = 'Windows SSPI';
export const SAMBA = 'Samba';
export const JAVA = 'Java GSS';

/**
 * gss-ntlmssp's client flags without SIGN and SEAL: UNICODE, OEM, REQUEST_TARGET, NTLM,
 * ALWAYS_SIGN, EXTENDED_SESSIONSECURITY, VERSION, 128, KEY_EXCH, 56 (MS-NLMP §2.2.2.5).
 */
const GSS_NTLMSSP_CLIENT_FLAGS = 0xe2088207;

interface Clue {
  side: Side;
  /** The implementation(s) the habit points to. */
  impl: string | string[];
  weight: number;
  text: string;
}

export interface FingerprintInput {
  from: Side;
  obs: TokenObservation;
}

function innerOf(obs: TokenObservation): MechObservation | null {
  if (obs.kind === 'mech') return obs.inner;
  if (obs.kind === 'NegTokenInit' || obs.kind === 'NegTokenInit2' || obs.kind === 'NegTokenResp')
    return obs.inner;
  return null;
}

function versionText(v: NtlmVersionValue): string {
  return `${v.major}.${v.minor}.${v.build} rev ${v.revision}`;
}

/** NTLM VERSION habits (MS-NLMP §2.2.2.10: debug data, but each stack writes its own). */
function versionClue(side: Side, v: NtlmVersionValue | null, what: string): Clue | null {
  if (!v) return null;
  if (v.major === 6 && v.minor === 2 && v.build === 0)
    return {
      side,
      impl: MIT,
      weight: 3,
      text: `NTLM ${what} Version ${versionText(v)}: gss-ntlmssp’s fixed version, Windows 8’s 6.2 with build 0 (gss-ntlmssp src/ntlm.c, ntlmssp_version)`,
    };
  if (v.major === 6 && v.minor === 1 && v.build === 0)
    return {
      side,
      impl: SAMBA,
      weight: 3,
      text: `NTLM ${what} Version ${versionText(v)}: Samba’s announced version, 6.1 with build 0 (Samba auth/ntlmssp/ntlmssp_util.c, ntlmssp_version_blob())`,
    };
  if (v.build > 0) {
    const product = WINDOWS_VERSIONS[`${v.major}.${v.minor}`];
    return {
      side,
      impl: WINDOWS,
      weight: 3,
      text: `NTLM ${what} Version ${versionText(v)}${product ? ` (${product})` : ''}: a real Windows build number (MS-NLMP §2.2.2.10, App. B)`,
    };
  }
  return null;
}

/** Clues from every token, each for the side that sent it. */
export function fingerprint(tokens: readonly FingerprintInput[]): Fingerprint {
  const clues: Clue[] = [];
  const add = (c: Clue | null) => c && clues.push(c);
  let sawFailure = false;
  for (const { from, obs } of tokens) {
    const inner = innerOf(obs);
    if (obs.kind === 'NegTokenInit' && from === 'initiator') {
      const list = obs.mechTypes;
      const std = list.every((o) => o === OID.krb5 || o === OID.ntlmssp);
      if (list.includes(OID.negoex))
        add({
          side: from,
          impl: WINDOWS,
          weight: 3,
          text: 'mechTypes offers NEGOEX: Windows SSPI’s Negotiate (MS-SPNG App. A <1>; MS-NEGOEX)',
        });
      if (list.length === 2 && list[0] === OID.msKrb5 && list[1] === OID.krb5)
        add({
          side: from,
          impl: SAMBA,
          weight: 3,
          text: 'mechTypes is exactly [MS-KRB5, KRB5]: Samba’s Kerberos client (Samba source3/librpc/crypto/gse.c, gensec_gse_krb5_oids)',
        });
      else if (list[0] === OID.msKrb5)
        add({
          side: from,
          impl: WINDOWS,
          weight: 2,
          text: 'the MS Kerberos OID listed first: Windows clients’ habit (MS-SPNG App. A <5>, <10>)',
        });
      if (std && !obs.reqFlags && obs.mechListMIC === null) {
        add({
          side: from,
          impl: [MIT, HEIMDAL],
          weight: 1,
          text: 'standard OIDs only, no MS-KRB5, no reqFlags: MIT krb5 lists only the mechanisms it holds credentials for (MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, make_spnego_tokenInit_msg()), as Heimdal does (Heimdal lib/gssapi/spnego/init_sec_context.c, spnego_initial())',
        });
      }
      if (obs.reqFlags)
        add({
          side: from,
          impl: JAVA,
          weight: 2,
          text: 'reqFlags present: Java’s SPNEGO always sends its context flags (OpenJDK src/java.security.jgss/share/classes/sun/security/jgss/spnego/SpNegoContext.java, initSecContext()); MIT, Heimdal and Windows never do',
        });
    }
    if (obs.kind === 'NegTokenInit2' && from === 'acceptor') {
      const list = obs.mechTypes;
      if (obs.hintName === FIXED_HINT_NAME && list.includes(OID.negoex))
        add({
          side: from,
          impl: WINDOWS,
          weight: 3,
          text: 'NegTokenInit2 lists NEGOEX with the fixed hintName: a Windows server (MS-SPNG §3.2.5.2, App. A <1>)',
        });
      else if (
        list.length === 3 &&
        list[0] === OID.msKrb5 &&
        list[1] === OID.krb5 &&
        list[2] === OID.ntlmssp
      )
        add({
          side: from,
          impl: SAMBA,
          weight: 3,
          text: `NegTokenInit2 [MS-KRB5, KRB5, NTLMSSP]${obs.hintName === FIXED_HINT_NAME ? ` with hintName ${FIXED_HINT_NAME}` : ''}: Samba’s server (Samba auth/gensec/spnego.c, gensec_spnego_create_negTokenInit_finish(); no NEGOEX, unlike Windows)`,
        });
    }
    if (obs.kind === 'NegTokenResp' && from === 'initiator') {
      if (obs.negState === null)
        add({
          side: from,
          impl: SAMBA,
          weight: 2,
          text: 'the client’s NegTokenResp has no negState: Samba’s client always omits it (Samba auth/gensec/spnego.c, gensec_spnego_client_negTokenTarg_step(): SPNEGO_NONE_RESULT)',
        });
      if (obs.negState === 'reject' && obs.length === 9 && sawFailure)
        add({
          side: from,
          impl: MIT,
          weight: 2,
          text: 'after the failure the client sends its own 9-byte reject token a1073005a0030a0102: MIT krb5 (spnego_mech.c, spnego_gss_init_sec_context())',
        });
    }
    if (obs.kind === 'NegTokenResp' && from === 'acceptor') {
      if (obs.negState === 'reject') sawFailure = true;
      if (obs.negState === 'accept-incomplete' && obs.supportedMech && obs.inner === null)
        add({
          side: from,
          impl: HEIMDAL,
          weight: 2,
          text: 'the first reply switches mechanism with accept-incomplete where MIT says request-mic: Heimdal’s acceptor, which says request-mic only when the optimistic mechanism failed (Heimdal lib/gssapi/spnego/accept_sec_context.c, send_accept())',
        });
      if (obs.negState === 'reject' && inner?.mech === 'kerberos')
        add({
          side: from,
          impl: MIT,
          weight: 1,
          text: 'the reject carries the Kerberos error token: MIT krb5 does so (Heimdal only since PR #697)',
        });
    }
    if (!inner) continue;
    if (inner.mech === 'kerberos' && inner.message === 'KRB-ERROR') sawFailure = true;
    if (inner.mech === 'kerberos' && inner.message === 'AP-REQ') {
      if (inner.snameType === 3)
        add({
          side: from,
          impl: MIT,
          weight: 2,
          text: `the ticket’s sname ${inner.sname} has name-type NT-SRV-HST (3): MIT builds host-based service names so (MIT krb5 src/lib/krb5/os/sn2princ.c, krb5_sname_to_principal())`,
        });
      else if (inner.snameType === 2)
        add({
          side: from,
          impl: WINDOWS,
          weight: 2,
          text: `the ticket’s sname ${inner.sname} has name-type NT-SRV-INST (2): Windows’ habit; MIT uses NT-SRV-HST, Heimdal NT-PRINCIPAL`,
        });
      else if (inner.snameType === 1) {
        add({
          side: from,
          impl: HEIMDAL,
          weight: 2,
          text: `the ticket’s sname ${inner.sname} has name-type NT-PRINCIPAL (1): Heimdal’s and Samba’s clients request it so (observed with Heimdal 7.8 and Samba 4.17; MIT uses NT-SRV-HST)`,
        });
        clues.push({ side: from, impl: SAMBA, weight: 1, text: '' });
      }
      if (!inner.framed)
        add({
          side: from,
          impl: WINDOWS,
          weight: 0,
          text: 'DCE-style (unframed) AP-REQ: used by DCE/RPC callers on Windows, Samba and MIT alike (MS-KILE §3.4.5.1)',
        });
    }
    if (inner.mech === 'kerberos' && inner.message === 'KRB-ERROR' && inner.eData)
      add({
        side: from,
        impl: WINDOWS,
        weight: 1,
        text: 'the KRB-ERROR carries e-data (KERB-ERROR-DATA): Windows servers add it (MS-KILE §3.2.5.8, §3.4.5)',
      });
    if (inner.mech === 'ntlm') {
      add(versionClue(from, inner.version, inner.message));
      // SIGN and SEAL follow the caller's requested flags; the rest is the library's default set.
      if (inner.message === 'NEGOTIATE' && (inner.flags & ~0x30) >>> 0 === GSS_NTLMSSP_CLIENT_FLAGS)
        add({
          side: from,
          impl: MIT,
          weight: 1,
          text: `NEGOTIATE flags 0x${inner.flags.toString(16).padStart(8, '0')}: gss-ntlmssp’s default client set (gss-ntlmssp src/gss_ntlmssp.h, NTLMSSP_DEFAULT_CLIENT_FLAGS), SIGN and SEAL as the caller asked`,
        });
      if (inner.message === 'CHALLENGE') {
        const ids = inner.avIds;
        if (ids[0] === 1 && ids[1] === 2)
          add({
            side: from,
            impl: MIT,
            weight: 1,
            text: 'CHALLENGE AV pairs start NbComputerName, NbDomainName: gss-ntlmssp’s order (gss-ntlmssp src/ntlm.c, ntlm_encode_target_info(); Windows and Samba put NbDomainName first)',
          });
        if (ids[0] === 2 && ids[1] === 1)
          add({
            side: from,
            impl: [WINDOWS, SAMBA],
            weight: 1,
            text: 'CHALLENGE AV pairs in Windows’ order (NbDomainName, NbComputerName, DnsDomainName, DnsComputerName…), which Samba copies (MS-NLMP §4.2.4)',
          });
        if (inner.avFlags === 0)
          add({
            side: from,
            impl: MIT,
            weight: 1,
            text: 'CHALLENGE sends MsvAvFlags = 0: gss-ntlmssp 1.2’s habit (gss-ntlmssp PR #98 stopped it)',
          });
      }
      if (inner.message === 'AUTHENTICATE' && inner.variant === 'NTLMv2') {
        if (inner.lmResponseLength === 0)
          add({
            side: from,
            impl: MIT,
            weight: 1,
            text: 'NTLMv2 with an empty LmChallengeResponse: gss-ntlmssp sends no LMv2 response (Windows sends Z(24))',
          });
        if (inner.avIds.includes(8) && inner.avIds.includes(10))
          add({
            side: from,
            impl: SAMBA,
            weight: 1,
            text: 'the NTLMv2 blob adds MsvAvSingleHost and MsvAvChannelBindings, as Samba’s and Windows’ clients do (Samba auth/ntlmssp/ntlmssp_client.c, ntlmssp_client_challenge())',
          });
      }
    }
  }
  const decide = (side: Side): string => {
    const scores = new Map<string, number>();
    for (const c of clues)
      if (c.side === side)
        for (const impl of typeof c.impl === 'string' ? [c.impl] : c.impl)
          scores.set(impl, (scores.get(impl) ?? 0) + c.weight);
    const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
    if (ranked.length === 0 || ranked[0][1] < 2) return 'unknown';
    if (ranked.length > 1 && ranked[1][1] === ranked[0][1])
      return `unknown (${ranked[0][0]} or ${ranked[1][0]})`;
    return ranked[0][0];
  };
  const initiator = decide('initiator');
  const acceptor = decide('acceptor');
  // A clue without text only adds weight beside another clue that says it.
  const evidence: Evidence[] = clues
    .filter((c) => c.text !== '')
    .map((c) => ({ side: c.side, text: c.text }));
  if (initiator === MIT)
    evidence.push({
      side: 'initiator',
      text: 'curl, web browsers on Linux and most Linux programs call this same GSS-API library: the tokens cannot tell which program called it (an HTTP User-Agent can)',
    });
  if (evidence.length === 0)
    evidence.push(
      { side: 'initiator', text: 'no implementation-specific habit in the client’s tokens' },
      { side: 'acceptor', text: 'no implementation-specific habit in the acceptor’s tokens' },
    );
  return { initiator, acceptor, evidence };
}
