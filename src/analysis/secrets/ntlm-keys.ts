/**
 * NTLM response verification and key derivation for one AUTHENTICATE message and one secret,
 * each derived value with the formula and MS-NLMP section it comes from.
 */
import {
  computeNtlmv1Response,
  computeNtProofStr,
  desl,
  kxkey,
  lmowfv1,
  ntlmv2SessionBaseKey,
  ntowfv2FromNtHash,
  sealKey,
  serverExportedSessionKey,
  signKey,
  usesKeyExchange,
} from '../../crypto/ntlm';
import { hmacMd5 } from '../../crypto/md5';
import {
  NTLMSSP_NEGOTIATE_128,
  NTLMSSP_NEGOTIATE_56,
  NTLMSSP_NEGOTIATE_DATAGRAM,
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
  NTLMSSP_NEGOTIATE_LM_KEY,
  NTLMSSP_REQUEST_NON_NT_SESSION_KEY,
  hasFlag,
} from '../../data/ntlm';
import { concatBytes, equalBytes, toHex } from '../../bytes';
import type { DerivedValue } from '../types';
import type { NtlmCandidate } from './ntlm-secrets';

export const dv = (name: string, value: Uint8Array, how: string): DerivedValue => ({
  name,
  value: toHex(value),
  how,
});

/** The response variants MS-NLMP §3.3 defines, told apart by the responses' lengths. */
export type ResponseKind = 'anonymous' | 'NTLMv2' | 'NTLMv1' | 'NTLMv1 with ESS' | 'LM only';

/**
 * NT response empty = anonymous (LM empty or Z(1)) or LM only; 24 bytes = NTLMv1, with extended
 * session security when the flag says so; longer = NTLMv2 [MS-NLMP §3.3.1, §3.3.2, §3.2.5.1.2].
 */
export function responseKind(
  flags: number,
  lm: Uint8Array,
  nt: Uint8Array,
): ResponseKind | undefined {
  if (nt.length === 0) {
    if (lm.length === 0 || (lm.length === 1 && lm[0] === 0)) return 'anonymous';
    return lm.length === 24 ? 'LM only' : undefined;
  }
  if (nt.length > 24) return nt.length >= 16 + 28 ? 'NTLMv2' : undefined;
  if (nt.length !== 24) return undefined;
  return hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY) ? 'NTLMv1 with ESS' : 'NTLMv1';
}

export interface ResponseInput {
  kind: ResponseKind;
  flags: number;
  userName: string;
  domainName: string;
  serverChallenge: Uint8Array;
  lm: Uint8Array;
  nt: Uint8Array;
  encryptedRandomSessionKey?: Uint8Array;
}

/** One secret tried against the response. */
export interface Attempt {
  ok: boolean;
  candidate: NtlmCandidate;
  /** Values computed on the way (for a failed attempt: what the secret would have given). */
  derived: DerivedValue[];
  /** Set when ok. */
  sessionBaseKey?: Uint8Array;
  /** NTOWFv2 for NTLMv2 (it also checks LMv2); NTOWFv1 for NTLMv1. */
  responseKeyNT?: Uint8Array;
  /** A remark on how it matched (a domain other than the one in the message). */
  note?: string;
}

const NTOWFV1_HOW: Record<NtlmCandidate['kind'], string> = {
  password: 'MD4(UNICODE(Passwd)) — MS-NLMP §3.3.1',
  'NT hash': 'the NT hash given (= MD4(UNICODE(Passwd))) — MS-NLMP §3.3.1',
};

const unique = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) === i);

/**
 * NTLMv2 [MS-NLMP §3.3.2]: NTProofStr = HMAC_MD5(NTOWFv2, ServerChallenge ‖ temp). NTOWFv2 is
 * keyed with UserName and DomainName as the message carries them; like Samba's server, the
 * upper-cased and the empty domain are tried too, since some clients compute it that way
 * (Samba libcli/auth/ntlm_check.c, ntlm_password_check()).
 */
function tryNtlmv2(c: NtlmCandidate, input: ResponseInput): Attempt {
  const sent = input.nt.subarray(0, 16);
  const temp = input.nt.subarray(16);
  const users = unique([input.userName, input.userName.replace(/\0+$/, '')]);
  const domains = unique([input.domainName, input.domainName.toUpperCase(), '']);
  let first: Attempt | undefined;
  for (const user of users) {
    for (const domain of domains) {
      const key = ntowfv2FromNtHash(c.ntHash, user, domain);
      const proof = computeNtProofStr(key, input.serverChallenge, temp);
      const ok = equalBytes(proof, sent);
      const derived = [
        dv('NTOWFv1', c.ntHash, NTOWFV1_HOW[c.kind]),
        dv(
          'ResponseKeyNT',
          key,
          `NTOWFv2 = HMAC_MD5(NTOWFv1, UNICODE(Uppercase(${JSON.stringify(user)}) ‖ ${JSON.stringify(domain)})) — MS-NLMP §3.3.2`,
        ),
        dv(
          'NTProofStr',
          proof,
          'HMAC_MD5(ResponseKeyNT, ServerChallenge ‖ temp), temp = NtChallengeResponse[16..] — MS-NLMP §3.3.2',
        ),
      ];
      const attempt: Attempt = { ok, candidate: c, derived, responseKeyNT: key };
      if (ok) {
        attempt.sessionBaseKey = ntlmv2SessionBaseKey(key, proof);
        derived.push(
          dv(
            'SessionBaseKey',
            attempt.sessionBaseKey,
            'HMAC_MD5(ResponseKeyNT, NTProofStr) — MS-NLMP §3.3.2',
          ),
        );
        if (user !== input.userName || domain !== input.domainName) {
          attempt.note = `NTOWFv2 keyed with user ${JSON.stringify(user)} and domain ${JSON.stringify(domain)} rather than the names in the message`;
        }
        return attempt;
      }
      first ??= attempt;
    }
  }
  return first!;
}

/**
 * NTLMv1 [MS-NLMP §3.3.1]: NtChallengeResponse = DESL(NTOWFv1, ServerChallenge), or with
 * extended session security DESL(NTOWFv1, MD5(ServerChallenge ‖ ClientChallenge)[0..7]), the
 * client challenge being LmChallengeResponse[0..7].
 */
function tryNtlmv1(c: NtlmCandidate, input: ResponseInput): Attempt {
  const ess = input.kind === 'NTLMv1 with ESS';
  const expected = computeNtlmv1Response({
    responseKeyNT: c.ntHash,
    serverChallenge: input.serverChallenge,
    extendedSessionSecurity: ess,
    clientChallenge: ess ? input.lm.subarray(0, 8) : undefined,
    noLmResponse: true,
  });
  const ok = equalBytes(expected.ntChallengeResponse, input.nt);
  const derived = [
    dv('ResponseKeyNT', c.ntHash, `NTOWFv1 = ${NTOWFV1_HOW[c.kind]}`),
    dv(
      'NtChallengeResponse',
      expected.ntChallengeResponse,
      ess
        ? 'DESL(ResponseKeyNT, MD5(ServerChallenge ‖ ClientChallenge)[0..7]), ClientChallenge = LmChallengeResponse[0..7] — MS-NLMP §3.3.1'
        : 'DESL(ResponseKeyNT, ServerChallenge) — MS-NLMP §3.3.1',
    ),
  ];
  const attempt: Attempt = { ok, candidate: c, derived, responseKeyNT: c.ntHash };
  if (ok) {
    attempt.sessionBaseKey = expected.sessionBaseKey;
    derived.push(
      dv('SessionBaseKey', expected.sessionBaseKey, 'MD4(ResponseKeyNT) — MS-NLMP §3.3.1'),
    );
  }
  return attempt;
}

/** Tries one secret against the NT response (NTLMv2 or NTLMv1). */
export function tryResponse(c: NtlmCandidate, input: ResponseInput): Attempt {
  return input.kind === 'NTLMv2' ? tryNtlmv2(c, input) : tryNtlmv1(c, input);
}

/** LMOWFv1 of a password, or why there is none (no password, or not ASCII). */
export function lmowfOf(c: NtlmCandidate): { lmowf: Uint8Array } | { reason: string } {
  if (c.password === undefined) {
    return { reason: 'LMOWFv1 comes from the password itself, which an NT hash does not give' };
  }
  try {
    return { lmowf: lmowfv1(c.password) };
  } catch {
    return { reason: 'LMOWFv1 is defined here only for printable ASCII passwords (OEM code page)' };
  }
}

export const LMOWFV1_HOW =
  'DES(UPPER(Passwd)[0..6], "KGS!@#$%") ‖ DES(UPPER(Passwd)[7..13], "KGS!@#$%") — MS-NLMP §3.3.1';

/** The LM response of NTLMv1 [MS-NLMP §3.3.1]: DESL(LMOWFv1, ServerChallenge). */
export function checkLmv1(
  lmowf: Uint8Array,
  serverChallenge: Uint8Array,
  lm: Uint8Array,
): { ok: boolean; derived: DerivedValue[] } {
  const expected = desl(lmowf, serverChallenge);
  return {
    ok: equalBytes(expected, lm),
    derived: [
      dv('LMOWFv1', lmowf, LMOWFV1_HOW),
      dv('LmChallengeResponse', expected, 'DESL(LMOWFv1, ServerChallenge) — MS-NLMP §3.3.1'),
    ],
  };
}

/** LMv2 [MS-NLMP §3.3.2]: HMAC_MD5(LMOWFv2, ServerChallenge ‖ ClientChallenge) ‖ ClientChallenge. */
export function checkLmv2(
  responseKeyLM: Uint8Array,
  serverChallenge: Uint8Array,
  lm: Uint8Array,
): { ok: boolean; derived: DerivedValue[] } {
  const clientChallenge = lm.subarray(16, 24);
  const expected = concatBytes(
    hmacMd5(responseKeyLM, concatBytes(serverChallenge, clientChallenge)),
    clientChallenge,
  );
  return {
    ok: equalBytes(expected, lm),
    derived: [
      dv(
        'LmChallengeResponse',
        expected,
        'HMAC_MD5(LMOWFv2, ServerChallenge ‖ ClientChallenge) ‖ ClientChallenge, LMOWFv2 = NTOWFv2 — MS-NLMP §3.3.2',
      ),
    ],
  };
}

export interface SessionKeys {
  flags: number;
  exportedSessionKey: Uint8Array;
  derived: DerivedValue[];
}

function kxkeyHow(version: 1 | 2, flags: number): string {
  if (version === 2) return '= SessionBaseKey (NTLMv2) — MS-NLMP §3.4.5.1';
  if (hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
    return 'HMAC_MD5(SessionBaseKey, ServerChallenge ‖ LmChallengeResponse[0..7]) — MS-NLMP §3.4.5.1';
  }
  if (hasFlag(flags, NTLMSSP_NEGOTIATE_LM_KEY)) {
    return 'DES(LMOWFv1[0..6], LmChallengeResponse[0..7]) ‖ DES(LMOWFv1[7] ‖ 0xBDBDBDBDBDBD, LmChallengeResponse[0..7]) (NTLMSSP_NEGOTIATE_LM_KEY) — MS-NLMP §3.4.5.1';
  }
  if (hasFlag(flags, NTLMSSP_REQUEST_NON_NT_SESSION_KEY)) {
    return 'LMOWFv1[0..7] ‖ Z(8) (NTLMSSP_REQUEST_NON_NT_SESSION_KEY) — MS-NLMP §3.4.5.1';
  }
  return '= SessionBaseKey (NTLMv1 without extended session security) — MS-NLMP §3.4.5.1';
}

function sealHow(flags: number, mode: 'client' | 'server'): string {
  const dir = mode === 'client' ? 'client-to-server' : 'server-to-client';
  if (hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
    const key = hasFlag(flags, NTLMSSP_NEGOTIATE_128)
      ? 'ExportedSessionKey'
      : hasFlag(flags, NTLMSSP_NEGOTIATE_56)
        ? 'ExportedSessionKey[0..6]'
        : 'ExportedSessionKey[0..4]';
    return `MD5(${key} ‖ "session key to ${dir} sealing key magic constant") — MS-NLMP §3.4.5.3`;
  }
  const weakened =
    hasFlag(flags, NTLMSSP_NEGOTIATE_LM_KEY) || hasFlag(flags, NTLMSSP_NEGOTIATE_DATAGRAM);
  if (!weakened) return '= ExportedSessionKey (no extended session security) — MS-NLMP §3.4.5.3';
  return hasFlag(flags, NTLMSSP_NEGOTIATE_56)
    ? 'ExportedSessionKey[0..6] ‖ 0xA0 — MS-NLMP §3.4.5.3'
    : 'ExportedSessionKey[0..4] ‖ 0xE538B0 — MS-NLMP §3.4.5.3';
}

/**
 * KeyExchangeKey, ExportedSessionKey and the four signing/sealing keys from a verified
 * SessionBaseKey [MS-NLMP §3.4.5.1–§3.4.5.3, §3.2.5.1.2], or why they cannot be had.
 */
export function sessionKeys(
  input: ResponseInput,
  sessionBaseKey: Uint8Array,
  lmowf: Uint8Array | undefined,
): { ok: true; keys: SessionKeys } | { ok: false; reason: string; derived: DerivedValue[] } {
  const { flags } = input;
  const version = input.kind === 'NTLMv2' ? 2 : 1;
  const derived: DerivedValue[] = [];
  // LMOWFv1 enters the keys only for LM_KEY / REQUEST_NON_NT_SESSION_KEY without ESS [§3.4.5.1].
  const usesLmowf =
    version === 1 &&
    !hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY) &&
    (hasFlag(flags, NTLMSSP_NEGOTIATE_LM_KEY) ||
      hasFlag(flags, NTLMSSP_REQUEST_NON_NT_SESSION_KEY));
  if (lmowf && usesLmowf) derived.push(dv('LMOWFv1', lmowf, LMOWFV1_HOW));
  let keyExchangeKey: Uint8Array;
  try {
    keyExchangeKey =
      version === 2
        ? kxkey({ version: 2, sessionBaseKey })
        : kxkey({
            version: 1,
            flags,
            sessionBaseKey,
            serverChallenge: input.serverChallenge,
            lmChallengeResponse: input.lm,
            lmowf,
          });
  } catch {
    return {
      ok: false,
      reason:
        'the KeyExchangeKey needs LMOWFv1 (NTLMSSP_NEGOTIATE_LM_KEY or REQUEST_NON_NT_SESSION_KEY), which only the password gives',
      derived,
    };
  }
  derived.push(dv('KeyExchangeKey', keyExchangeKey, kxkeyHow(version, flags)));
  const keyExch = usesKeyExchange(flags);
  if (keyExch && input.encryptedRandomSessionKey?.length !== 16) {
    return {
      ok: false,
      reason: `NTLMSSP_NEGOTIATE_KEY_EXCH is set but EncryptedRandomSessionKey is ${input.encryptedRandomSessionKey?.length ?? 0} bytes, not 16`,
      derived,
    };
  }
  const exportedSessionKey = serverExportedSessionKey(
    flags,
    keyExchangeKey,
    input.encryptedRandomSessionKey,
  );
  derived.push(
    dv(
      'ExportedSessionKey',
      exportedSessionKey,
      keyExch
        ? 'RC4K(KeyExchangeKey, EncryptedRandomSessionKey) — MS-NLMP §3.2.5.1.2'
        : '= KeyExchangeKey (no key exchange) — MS-NLMP §3.2.5.1.2',
    ),
  );
  for (const mode of ['client', 'server'] as const) {
    const who = mode === 'client' ? 'Client' : 'Server';
    const sign = signKey(flags, exportedSessionKey, mode);
    if (sign) {
      const dir = mode === 'client' ? 'client-to-server' : 'server-to-client';
      derived.push(
        dv(
          `${who}SigningKey`,
          sign,
          `MD5(ExportedSessionKey ‖ "session key to ${dir} signing key magic constant") — MS-NLMP §3.4.5.2`,
        ),
      );
    }
  }
  for (const mode of ['client', 'server'] as const) {
    const who = mode === 'client' ? 'Client' : 'Server';
    derived.push(
      dv(`${who}SealingKey`, sealKey(flags, exportedSessionKey, mode), sealHow(flags, mode)),
    );
  }
  return { ok: true, keys: { flags, exportedSessionKey, derived } };
}
