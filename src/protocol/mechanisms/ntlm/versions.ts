import {
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
  NTLMSSP_NEGOTIATE_LM_KEY,
  hasFlag,
} from '../../../codec/ntlm';
import {
  computeNtlmv1Response,
  desl,
  kxkey,
  lmowfv1,
  ntowfv1,
  type Ntlmv1Response,
} from '../../../crypto';
import { md5 } from '../../../crypto/md5';
import { concatBytes, equalBytes } from '../../../bytes';
import type { LmCompatibilityLevel, SimConfig } from '../../config';
import { acceptorBindings, initiatorBindings } from '../kerberos/gss-checksum';
import { channelBindingsHash } from '../kerberos/gss-checksum';

/**
 * Which NTLM responses a client sends and a server accepts, and the bindings it carries: the
 * `ntlm` part of the configuration resolved to its defaults (absent: NTLMv2 only, no anonymous
 * logon, bindings not passed to NTLM, Extended Protection "allow").
 */
export interface NtlmSettings {
  level: LmCompatibilityLevel;
  acceptorLevel: LmCompatibilityLevel;
  anonymous: boolean;
  acceptAnonymous: boolean;
  channelBindings: boolean;
  extendedProtection: 'none' | 'allow' | 'require';
  /** The SPN the client puts in MsvAvTargetName. */
  targetName: string;
  /** The acceptor's own SPN, which it compares MsvAvTargetName with. */
  ownSpn: string;
}

export function ntlmSettings(config: SimConfig): NtlmSettings {
  const n = config.ntlm ?? {};
  const ownSpn = `${config.acceptor.service}/${config.acceptor.host}`;
  return {
    level: n.lmCompatibilityLevel ?? 3,
    acceptorLevel: n.acceptorLmCompatibilityLevel ?? 3,
    anonymous: n.anonymous ?? false,
    acceptAnonymous: n.acceptAnonymous ?? false,
    channelBindings: n.channelBindings ?? false,
    extendedProtection: n.extendedProtection ?? 'allow',
    targetName: n.targetName ?? ownSpn,
    ownSpn,
  };
}

/**
 * What the client's level lets it send (gss-ntlmssp src/gss_ntlmssp.c,
 * gssntlm_required_security(), which follows Windows' LmCompatibilityLevel): 0 LM and NTLMv1,
 * 1 the same with extended session security, 2 NTLMv1 only (with ESS if negotiated), 3–5 NTLMv2.
 */
export function levelAllows(level: LmCompatibilityLevel): {
  lm: boolean;
  ess: boolean;
  v2: boolean;
} {
  return { lm: level <= 1, ess: level >= 1, v2: level >= 3 };
}

/** LMOWFv1, or undefined when the password has no LM hash (not printable ASCII). */
export function lmHash(password: string): Uint8Array | undefined {
  try {
    return lmowfv1(password);
  } catch {
    return undefined;
  }
}

/**
 * The client's NEGOTIATE flags for its level: without ESS allowed it drops
 * NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY, and where LM is allowed it asks for
 * NTLMSSP_NEGOTIATE_LM_KEY — gss-ntlmssp's real LM_COMPAT_LEVEL=0 NEGOTIATE is 0xe20082b7.
 */
export function levelNegotiateFlags(
  flags: number,
  level: LmCompatibilityLevel,
  password: string,
): number {
  if (levelAllows(level).v2) return flags >>> 0;
  let out = flags;
  if (!levelAllows(level).ess) out &= ~NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY;
  if (levelAllows(level).lm && lmHash(password)) out |= NTLMSSP_NEGOTIATE_LM_KEY;
  return out >>> 0;
}

export type NtlmResponseKind = 'ntlmv2' | 'ntlmv1' | 'ntlmv1-ess' | 'lm' | 'anonymous';

export const RESPONSE_WORDS: Record<NtlmResponseKind, string> = {
  ntlmv2: 'NTLMv2',
  ntlmv1: 'NTLMv1',
  'ntlmv1-ess': 'NTLMv1 with extended session security',
  lm: 'LM and NTLMv1',
  anonymous: 'anonymous (empty responses)',
};

export interface V1Result {
  kind: 'ntlmv1' | 'ntlmv1-ess' | 'lm';
  response: Ntlmv1Response;
  keyExchangeKey: Uint8Array;
}

/**
 * An NTLMv1 AUTHENTICATE's responses and key exchange key (MS-NLMP §3.3.1, §3.4.5.1): with ESS
 * the "NTLM2 session response" keyed by both challenges; without, DESL of the server challenge,
 * with the LM response at levels 0–1 when the password has an LM hash, else a copy of the NT one.
 */
export function clientV1(
  password: string,
  level: LmCompatibilityLevel,
  flags: number,
  serverChallenge: Uint8Array,
  clientChallenge: Uint8Array,
): V1Result {
  const ess = hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY);
  const lm = lmHash(password);
  const sendLm = !ess && levelAllows(level).lm && lm !== undefined;
  const response = computeNtlmv1Response({
    responseKeyNT: ntowfv1(password),
    responseKeyLM: lm,
    serverChallenge,
    extendedSessionSecurity: ess,
    clientChallenge,
    noLmResponse: !sendLm,
  });
  return {
    kind: ess ? 'ntlmv1-ess' : sendLm ? 'lm' : 'ntlmv1',
    response,
    keyExchangeKey: v1KeyExchangeKey(
      flags,
      response.sessionBaseKey,
      serverChallenge,
      response.lmChallengeResponse,
      password,
    ),
  };
}

/** KXKEY for NTLMv1 (MS-NLMP §3.4.5.1): with ESS, LM_KEY or neither. */
export function v1KeyExchangeKey(
  flags: number,
  sessionBaseKey: Uint8Array,
  serverChallenge: Uint8Array,
  lmChallengeResponse: Uint8Array,
  password: string,
): Uint8Array {
  return kxkey({
    version: 1,
    flags,
    sessionBaseKey,
    serverChallenge,
    lmChallengeResponse,
    lmowf: lmHash(password) ?? new Uint8Array(16),
  });
}

/**
 * The server's check of a 24-byte NtChallengeResponse (MS-NLMP §3.2.5.1.2, §3.3.1): recompute it
 * from the password it holds; with ESS the client challenge is the LM response's first 8 bytes.
 */
export function expectedV1(
  password: string,
  flags: number,
  serverChallenge: Uint8Array,
  lmChallengeResponse: Uint8Array,
): Uint8Array {
  const key = ntowfv1(password);
  if (hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
    const clientChallenge = lmChallengeResponse.subarray(0, 8);
    return desl(key, md5(concatBytes(serverChallenge, clientChallenge)).subarray(0, 8));
  }
  return desl(key, serverChallenge);
}

/** A real LM response (not a copy of the NT one, not ESS's client challenge) verifies under LMOWFv1. */
export function isLmResponse(
  password: string,
  serverChallenge: Uint8Array,
  lm: Uint8Array,
): boolean {
  const key = lmHash(password);
  return !!key && lm.length === 24 && equalBytes(desl(key, serverChallenge), lm);
}

/** The MsvAvChannelBindings value the client sends: MD5 of its gss_channel_bindings_struct, or none. */
export function clientBindingsHash(config: SimConfig): Uint8Array | undefined {
  if (!ntlmSettings(config).channelBindings) return undefined;
  const data = initiatorBindings(config);
  return data ? channelBindingsHash(data) : undefined;
}

/** The hash the acceptor expects, from the bindings it passes to GSS itself, or none. */
export function acceptorBindingsHash(config: SimConfig): Uint8Array | undefined {
  if (!ntlmSettings(config).channelBindings) return undefined;
  const data = acceptorBindings(config);
  return data ? channelBindingsHash(data) : undefined;
}
