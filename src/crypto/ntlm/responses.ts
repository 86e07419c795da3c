// Challenge responses and session base keys [MS-NLMP §3.3.1 (v1), §3.3.2 (v2)].
import { des } from '../des';
import { hmacMd5, md5 } from '../md5';
import { md4 } from '../md4';
import { concatBytes, requireLength } from '../../bytes';

/** DESL(K, D): three DES blocks under K[0..6], K[7..13], K[14..15] ‖ Z(5) → 24 bytes [§6]. */
export function desl(key16: Uint8Array, data8: Uint8Array): Uint8Array {
  requireLength('DESL key', key16, 16);
  requireLength('DESL data', data8, 8);
  const third = new Uint8Array(7);
  third.set(key16.subarray(14, 16));
  return concatBytes(
    des(key16.subarray(0, 7), data8),
    des(key16.subarray(7, 14), data8),
    des(third, data8),
  );
}

export interface Ntlmv1ResponseInput {
  responseKeyNT: Uint8Array; // NTOWFv1
  /** LMOWFv1; unused with ESS or noLmResponse. */
  responseKeyLM?: Uint8Array;
  serverChallenge: Uint8Array;
  /** NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY negotiated ("NTLM2 session response"). */
  extendedSessionSecurity: boolean;
  /** Required with ESS. */
  clientChallenge?: Uint8Array;
  /** NoLMResponseNTLMv1: the LM response is a copy of the NT response. */
  noLmResponse?: boolean;
}

export interface Ntlmv1Response {
  ntChallengeResponse: Uint8Array;
  lmChallengeResponse: Uint8Array;
  sessionBaseKey: Uint8Array;
}

/** ComputeResponse for NTLM v1 [§3.3.1]. */
export function computeNtlmv1Response(input: Ntlmv1ResponseInput): Ntlmv1Response {
  const { responseKeyNT, serverChallenge } = input;
  requireLength('ResponseKeyNT', responseKeyNT, 16);
  requireLength('ServerChallenge', serverChallenge, 8);
  let ntChallengeResponse: Uint8Array;
  let lmChallengeResponse: Uint8Array;
  if (input.extendedSessionSecurity) {
    const clientChallenge = input.clientChallenge;
    if (!clientChallenge) throw new Error('NTLMv1 with ESS needs a client challenge');
    requireLength('ClientChallenge', clientChallenge, 8);
    const mixed = md5(concatBytes(serverChallenge, clientChallenge)).subarray(0, 8);
    ntChallengeResponse = desl(responseKeyNT, mixed);
    lmChallengeResponse = concatBytes(clientChallenge, new Uint8Array(16));
  } else {
    ntChallengeResponse = desl(responseKeyNT, serverChallenge);
    if (input.noLmResponse) {
      lmChallengeResponse = ntChallengeResponse.slice();
    } else {
      if (!input.responseKeyLM) throw new Error('NTLMv1 LM response needs LMOWFv1');
      lmChallengeResponse = desl(input.responseKeyLM, serverChallenge);
    }
  }
  return { ntChallengeResponse, lmChallengeResponse, sessionBaseKey: md4(responseKeyNT) };
}

export interface Ntlmv2ResponseInput {
  responseKeyNT: Uint8Array; // NTOWFv2
  /** LMOWFv2; defaults to responseKeyNT, which it equals by definition [§3.3.2]. */
  responseKeyLM?: Uint8Array;
  serverChallenge: Uint8Array;
  /** The ChallengeFromClient inside `temp`, which the LMv2 response repeats. */
  clientChallenge: Uint8Array;
  /**
   * "temp" of §3.3.2: the NTLMv2_CLIENT_CHALLENGE with its AV list and trailing Z(4), as encoded
   * by the NTLM codec (its layout is described once there, `encodeNtlmv2ClientChallenge`).
   */
  temp: Uint8Array;
}

export interface Ntlmv2Response {
  ntProofStr: Uint8Array;
  ntChallengeResponse: Uint8Array;
  /** LMv2: HMAC_MD5(LMOWFv2, ServerChallenge ‖ ClientChallenge) ‖ ClientChallenge. */
  lmChallengeResponse: Uint8Array;
  sessionBaseKey: Uint8Array;
}

/**
 * NTProofStr = HMAC_MD5(NTOWFv2, ServerChallenge ‖ temp). A server verifies a response by
 * calling this with temp = NtChallengeResponse[16..] and comparing with its first 16 bytes.
 */
export function computeNtProofStr(
  responseKeyNT: Uint8Array,
  serverChallenge: Uint8Array,
  temp: Uint8Array,
): Uint8Array {
  requireLength('ServerChallenge', serverChallenge, 8);
  return hmacMd5(responseKeyNT, concatBytes(serverChallenge, temp));
}

/** SessionBaseKey = HMAC_MD5(NTOWFv2, NTProofStr) [§3.3.2]. */
export function ntlmv2SessionBaseKey(
  responseKeyNT: Uint8Array,
  ntProofStr: Uint8Array,
): Uint8Array {
  return hmacMd5(responseKeyNT, ntProofStr);
}

/** ComputeResponse for NTLM v2 [§3.3.2]. */
export function computeNtlmv2Response(input: Ntlmv2ResponseInput): Ntlmv2Response {
  const { responseKeyNT, serverChallenge, clientChallenge, temp } = input;
  requireLength('ResponseKeyNT', responseKeyNT, 16);
  requireLength('ClientChallenge', clientChallenge, 8);
  const ntProofStr = computeNtProofStr(responseKeyNT, serverChallenge, temp);
  const responseKeyLM = input.responseKeyLM ?? responseKeyNT;
  const lmProof = hmacMd5(responseKeyLM, concatBytes(serverChallenge, clientChallenge));
  return {
    ntProofStr,
    ntChallengeResponse: concatBytes(ntProofStr, temp),
    lmChallengeResponse: concatBytes(lmProof, clientChallenge),
    sessionBaseKey: ntlmv2SessionBaseKey(responseKeyNT, ntProofStr),
  };
}
