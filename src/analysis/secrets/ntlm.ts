/**
 * NTLM with a password or NT hash: verify the AUTHENTICATE's responses, derive the session keys,
 * check the AUTHENTICATE MIC and both SPNEGO mechListMICs — what a server holding the password
 * would compute [MS-NLMP §3.2.5.1.2, §3.3, §3.4], locally and without any state beyond the tokens.
 */
import type { AuthenticateMessage, ChallengeMessage } from '../../codec/ntlm';
import {
  avFlagsOf,
  encodeSignature,
  micOffsetOf,
  readNtlmSignature,
  readNtlmv2Response,
} from '../../codec/ntlm';
import { decodeToken } from '../../codec/token';
import { findNode, type Node } from '../../codec/tree';
import {
  computeMic,
  createNtlmSessionSecurity,
  sign,
  usesKeyExchange,
  verify,
} from '../../crypto/ntlm';
import {
  MSV_AV_FLAG_MIC,
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
  NTLMSSP_NEGOTIATE_KEY_EXCH,
  hasFlag,
} from '../../data/ntlm';
import { equalBytes, toHex } from '../../bytes';
import type { DerivedValue, SecretResult, Secrets } from '../types';
import { ntlmRounds, readLeg, type NtlmLeg, type NtlmRound } from './ntlm-exchange';
import {
  checkLmv1,
  checkLmv2,
  dv,
  lmowfOf,
  responseKind,
  sessionKeys,
  tryResponse,
  type Attempt,
  type ResponseInput,
  type SessionKeys,
} from './ntlm-keys';
import { candidatesFor, ntlmCandidates, type NtlmCandidate } from './ntlm-secrets';
import type { TokenOnWire } from './types';

const WHAT_RESPONSE: Record<string, string> = {
  NTLMv2: 'NTLMv2 response',
  NTLMv1: 'NTLMv1 response',
  'NTLMv1 with ESS': 'NTLMv1 response',
  'LM only': 'LM response',
};

/**
 * For each token of the exchange (same order), what the NTLM secrets verified in it: the
 * response and derived keys and the MIC on the AUTHENTICATE's token, the mechListMICs on the
 * tokens that carry them. Tokens without NTLM, or no NTLM secrets given, give []. Never throws.
 */
export function openNtlm(tokens: readonly TokenOnWire[], secrets: Secrets): SecretResult[][] {
  const out: SecretResult[][] = tokens.map(() => []);
  if (secrets.passwords.length === 0 && secrets.ntHashes.length === 0) return out;
  let candidates: NtlmCandidate[];
  let legs: NtlmLeg[];
  try {
    candidates = ntlmCandidates(secrets);
    legs = tokens.map(readLeg);
  } catch {
    return out; // only a bug could get here: the readers return errors as data
  }
  for (const round of ntlmRounds(legs)) {
    try {
      openRound(round, candidates, out);
    } catch (e) {
      out[round.authenticate.index].push({
        what: 'NTLM response',
        ok: false,
        text: `could not be verified: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }
  return out;
}

const nameOf = (a: AuthenticateMessage): string => {
  const user = (a.userName ?? '').replace(/\0+$/, '');
  const domain = (a.domainName ?? '').replace(/\0+$/, '');
  return domain ? `${domain}\\${user}` : user;
};

const listSecrets = (cs: readonly NtlmCandidate[]): string =>
  cs.length === 1 ? cs[0].label : `${cs.length} secrets (${cs.map((c) => c.label).join(', ')})`;

function openRound(round: NtlmRound, all: NtlmCandidate[], out: SecretResult[][]): void {
  const auth = round.authenticate;
  const results = out[auth.index];
  const fail = (text: string) => results.push({ what: 'NTLM response', ok: false, text });
  if (!auth.ntlm?.ok) {
    const why = auth.ntlm && !auth.ntlm.ok ? `${auth.ntlm.error} (offset ${auth.ntlm.offset})` : '';
    fail(`cannot be verified: the AUTHENTICATE message does not read: ${why}`);
    return;
  }
  const message = auth.ntlm.message as { messageType: 3 } & AuthenticateMessage;
  const flags = message.flags;
  const lm = message.lmChallengeResponse ?? new Uint8Array(0);
  const nt = message.ntChallengeResponse ?? new Uint8Array(0);
  const kind = responseKind(flags, lm, nt);
  const who = nameOf(message);
  if (!kind) {
    fail(
      `cannot be verified: an NtChallengeResponse of ${nt.length} bytes with an LmChallengeResponse of ${lm.length} bytes is no NTLM response (MS-NLMP §3.3)`,
    );
    return;
  }
  if (kind === 'anonymous') {
    results.push({
      what: 'NTLM response',
      ok: true,
      text: 'anonymous authentication: the responses are empty, there is nothing to verify and no session key (MS-NLMP §3.2.5.1.2)',
    });
    return;
  }
  const what = WHAT_RESPONSE[kind];
  const challengeMessage = round.challenge?.ntlm?.ok
    ? (round.challenge.ntlm.message as { messageType: 2 } & ChallengeMessage)
    : undefined;
  if (!challengeMessage) {
    results.push({
      what,
      ok: false,
      text: 'cannot be verified: the CHALLENGE message (its ServerChallenge) is not in the exchange',
    });
    return;
  }
  const { applicable, otherUsers, unusable } = candidatesFor(
    all,
    message.userName ?? '',
    message.domainName ?? '',
  );
  if (applicable.length === 0) {
    const reasons = [
      otherUsers.length ? `the secrets given are for ${otherUsers.join(', ')}` : '',
      ...unusable,
    ].filter(Boolean);
    results.push({
      what,
      ok: false,
      unchecked: true,
      text: `not tried for ${who}: ${reasons.join('; ')}`,
    });
    return;
  }
  const input: ResponseInput = {
    kind,
    flags,
    userName: message.userName ?? '',
    domainName: message.domainName ?? '',
    serverChallenge: challengeMessage.serverChallenge,
    lm,
    nt,
    encryptedRandomSessionKey: message.encryptedRandomSessionKey,
  };

  if (kind === 'LM only') {
    openLmOnly(input, applicable, who, results);
    return;
  }
  if (kind === 'NTLMv1 with ESS' && lm.length !== 24) {
    results.push({
      what,
      ok: false,
      text: `cannot be verified: with extended session security the LmChallengeResponse carries the client challenge, but it is ${lm.length} bytes, not 24 (MS-NLMP §3.3.1)`,
    });
    return;
  }
  if (kind === 'NTLMv2') {
    const v2 = readNtlmv2Response(nt);
    if (!v2.ok) {
      results.push({
        what,
        ok: false,
        text: `cannot be verified: the NTLMv2 response does not read: ${v2.error} (offset ${v2.offset})`,
      });
      return;
    }
  }

  const attempts: Attempt[] = [];
  let match: Attempt | undefined;
  for (const c of applicable) {
    const attempt = tryResponse(c, input);
    attempts.push(attempt);
    if (attempt.ok) {
      match = attempt;
      break;
    }
  }
  const proof = kind === 'NTLMv2' ? 'NTProofStr' : 'NtChallengeResponse';
  if (!match) {
    const text =
      applicable.length === 1
        ? `does not match: wrong ${applicable[0].kind} for ${who} (${proof} differs; tried ${applicable[0].label})`
        : `does not match: none of the ${listSecrets(applicable)} is right for ${who} (${proof} differs)`;
    results.push({
      what,
      ok: false,
      text,
      derived: attempts.length === 1 ? attempts[0].derived : undefined,
    });
    pushUnverifiable(round, message, out);
    return;
  }

  // The session keys; NTLMv1 LM_KEY needs LMOWFv1, i.e. the password.
  const lmowf = lmowfOf(match.candidate);
  const lmowfValue = 'lmowf' in lmowf ? lmowf.lmowf : undefined;
  const keys = sessionKeys(
    input,
    match.sessionBaseKey!,
    kind === 'NTLMv2' ? undefined : lmowfValue,
  );
  const derived: DerivedValue[] = [
    ...match.derived,
    ...(keys.ok ? keys.keys.derived : keys.derived),
  ];
  const notes = [match.note, keys.ok ? '' : `no session keys: ${keys.reason}`].filter(Boolean);
  results.push({
    what,
    ok: true,
    text: `verified with ${match.candidate.label}: ${proof} matches for ${who}${notes.length ? `; ${notes.join('; ')}` : ''}`,
    derived: dedupe(derived),
  });

  // The LM response beside it: LMv2 (when not Z(24)) or, without ESS, LMv1.
  const lmResult = checkLm(input, match, lmowf, who);
  if (lmResult) results.push(lmResult);

  if (!keys.ok) {
    pushUnverifiable(round, message, out);
    return;
  }
  const exported = exportedKeyPart(auth, keys.keys, flags);
  if (exported) results.push(exported);
  const mic = checkMic(round, message, keys.keys);
  if (mic) results.push(mic);
  checkMechListMics(round, keys.keys, out);
}

/** Drops a repeated name (LMOWFv1 both checked and used), keeping the first. */
function dedupe(values: DerivedValue[]): DerivedValue[] {
  return values.filter((v, i) => values.findIndex((w) => w.name === v.name) === i);
}

function openLmOnly(
  input: ResponseInput,
  applicable: NtlmCandidate[],
  who: string,
  results: SecretResult[],
): void {
  const withPassword = applicable.filter((c) => c.password !== undefined);
  if (withPassword.length === 0) {
    results.push({
      what: 'LM response',
      ok: false,
      unchecked: true,
      text: `not tried for ${who}: only an LM response was sent, and LMOWFv1 needs the password, not an NT hash (MS-NLMP §3.3.1)`,
    });
    return;
  }
  for (const c of withPassword) {
    const lmowf = lmowfOf(c);
    if (!('lmowf' in lmowf)) continue;
    const r = checkLmv1(lmowf.lmowf, input.serverChallenge, input.lm);
    if (r.ok) {
      results.push({
        what: 'LM response',
        ok: true,
        text: `verified with ${c.label}: the LM response matches for ${who}`,
        derived: r.derived,
      });
      return;
    }
  }
  results.push({
    what: 'LM response',
    ok: false,
    text: `does not match: wrong password for ${who} (tried ${listSecrets(withPassword)})`,
  });
}

function checkLm(
  input: ResponseInput,
  match: Attempt,
  lmowf: { lmowf: Uint8Array } | { reason: string },
  who: string,
): SecretResult | undefined {
  const { lm, nt, kind } = input;
  if (lm.length !== 24) return undefined;
  if (kind === 'NTLMv2') {
    // Z(24) when the CHALLENGE carried MsvAvTimestamp [MS-NLMP §3.1.5.1.2]: nothing to check.
    if (lm.every((b) => b === 0)) return undefined;
    const r = checkLmv2(match.responseKeyNT!, input.serverChallenge, lm);
    return {
      what: 'LM response',
      ok: r.ok,
      text: r.ok
        ? `LMv2 response verified with ${match.candidate.label} for ${who}`
        : `LMv2 response does not match for ${who}, although the NTLMv2 response does`,
      derived: r.derived,
    };
  }
  // With ESS the LM field carries the client challenge; a copy of the NT response is no LM response.
  if (kind !== 'NTLMv1' || equalBytes(lm, nt)) return undefined;
  if (!('lmowf' in lmowf)) {
    return {
      what: 'LM response',
      ok: false,
      text: `not checked for ${who}: ${lmowf.reason}`,
    };
  }
  const r = checkLmv1(lmowf.lmowf, input.serverChallenge, lm);
  return {
    what: 'LM response',
    ok: r.ok,
    text: r.ok
      ? `LM response verified with ${match.candidate.label} for ${who}`
      : `LM response does not match for ${who}, although the NTLMv1 response does`,
    derived: r.derived,
  };
}

/** Where a leg's EncryptedRandomSessionKey sits in its token, from the token's decoded tree. */
function encryptedKeyNode(leg: NtlmLeg): Node | undefined {
  const node = findNode(decodeToken(leg.token).root, 'EncryptedRandomSessionKey');
  return node && node.length === 16 ? node : undefined;
}

/** The ExportedSessionKey decrypted from EncryptedRandomSessionKey, grafted under it. */
function exportedKeyPart(
  auth: NtlmLeg,
  keys: SessionKeys,
  flags: number,
): SecretResult | undefined {
  if (!usesKeyExchange(flags)) return undefined;
  const cipherNode = encryptedKeyNode(auth);
  if (!cipherNode) return undefined;
  const cipher = { offset: cipherNode.offset, length: cipherNode.length };
  const root: Node = {
    name: 'ExportedSessionKey',
    offset: cipher.offset,
    length: cipher.length,
    type: 'bytes',
    value: toHex(keys.exportedSessionKey),
    label: 'RC4K(KeyExchangeKey, EncryptedRandomSessionKey)',
    decrypted: { offset: 0, length: 16 },
  };
  return {
    what: 'ExportedSessionKey',
    ok: true,
    text: 'EncryptedRandomSessionKey decrypted with the KeyExchangeKey (MS-NLMP §3.2.5.1.2)',
    root,
    cipher,
    derived: keys.derived.filter(
      (d) => d.name === 'KeyExchangeKey' || d.name === 'ExportedSessionKey',
    ),
  };
}

const MIC_HOW =
  'HMAC_MD5(ExportedSessionKey, NEGOTIATE ‖ CHALLENGE ‖ AUTHENTICATE with the MIC zeroed) — MS-NLMP §3.1.5.1.2';

/** Whether the message has a MIC to check: the field is there and set, or MsvAvFlags announces it. */
function hasMic(message: AuthenticateMessage): boolean {
  if (!message.mic) return false;
  if (message.mic.some((b) => b !== 0)) return true;
  const nt = message.ntChallengeResponse;
  const v2 = nt && nt.length > 24 ? readNtlmv2Response(nt) : undefined;
  const avFlags = v2?.ok ? avFlagsOf(v2.value.clientChallenge.avPairs) : undefined;
  return avFlags !== undefined && (avFlags & MSV_AV_FLAG_MIC) !== 0;
}

function checkMic(
  round: NtlmRound,
  message: AuthenticateMessage,
  keys: SessionKeys,
): SecretResult | undefined {
  if (!hasMic(message)) return undefined;
  const micOffset = micOffsetOf(message)!;
  const negotiate = round.negotiate?.ntlmBytes;
  const expected = computeMic({
    exportedSessionKey: keys.exportedSessionKey,
    negotiate,
    challenge: round.challenge!.ntlmBytes!,
    authenticate: round.authenticate.ntlmBytes!,
    micOffset,
  });
  const ok = equalBytes(expected, message.mic!);
  const without = negotiate
    ? ''
    : ' (computed without a NEGOTIATE message: none is in the exchange)';
  return {
    what: 'NTLM MIC',
    ok,
    text: ok
      ? `the AUTHENTICATE MIC verifies with the ExportedSessionKey${without}`
      : `the AUTHENTICATE MIC does not match: a message was altered, or the MIC covers other bytes${without}`,
    derived: [dv('MIC', expected, MIC_HOW)],
  };
}

/**
 * Both mechListMICs: an NTLM signature (MS-NLMP §3.4.4) over DER(MechTypeList) as the initiator
 * sent it (RFC 4178 §5), each side with its own signing and sealing keys, SeqNum 0 and a fresh
 * RC4 handle — the mechListMIC is the first message each side signs (MS-SPNG §3.2.5.1, §3.3.5.1).
 */
function checkMechListMics(round: NtlmRound, keys: SessionKeys, out: SecretResult[][]): void {
  for (const [leg, mode] of [
    [round.initiatorMic, 'client'],
    [round.acceptorMic, 'server'],
  ] as const) {
    if (!leg?.mechListMIC) continue;
    out[leg.index].push(checkMechListMic(leg.mechListMIC, mode, round.mechTypesDer, keys));
  }
}

function checkMechListMic(
  mic: Uint8Array,
  mode: 'client' | 'server',
  mechTypesDer: Uint8Array | undefined,
  keys: SessionKeys,
): SecretResult {
  const side = mode === 'client' ? 'initiator' : 'acceptor';
  const Who = mode === 'client' ? 'Client' : 'Server';
  if (!mechTypesDer) {
    return {
      what: 'mechListMIC',
      ok: false,
      unchecked: true,
      text: `the ${side}'s mechListMIC cannot be checked: the initiator's NegTokenInit, whose MechTypeList it signs, is not in the exchange`,
    };
  }
  const ess = hasFlag(keys.flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY);
  const read = readNtlmSignature(mic, { extendedSessionSecurity: ess });
  if (!read.ok) {
    return {
      what: 'mechListMIC',
      ok: false,
      text: `the ${side}'s mechListMIC is not an NTLM signature: ${read.error} (offset ${read.offset})`,
    };
  }
  const state = (m: 'client' | 'server') =>
    createNtlmSessionSecurity({
      flags: keys.flags,
      exportedSessionKey: keys.exportedSessionKey,
      mode: m,
    }).outbound;
  const expected = encodeSignature(sign(state(mode), mechTypesDer));
  const ok = verify(state(mode), mechTypesDer, read.value);
  const hmac = `HMAC_MD5(${Who}SigningKey, SeqNum ‖ DER(MechTypeList))[0..7]`;
  const how = ess
    ? `Version 1 ‖ ${hasFlag(keys.flags, NTLMSSP_NEGOTIATE_KEY_EXCH) ? `RC4(${Who}SealingKey, ${hmac})` : hmac} ‖ SeqNum, SeqNum 0 — MS-NLMP §3.4.4.2`
    : `Version 1 ‖ RandomPad ‖ RC4(${Who}SealingKey, CRC32(DER(MechTypeList))) ‖ RC4(SeqNum 0) — MS-NLMP §3.4.4.1`;
  return {
    what: 'mechListMIC',
    ok,
    text: ok
      ? `the ${side}'s mechListMIC verifies: NTLM signature over the initiator's DER(MechTypeList) with the ${Who}SigningKey, SeqNum 0 (RFC 4178 §5)`
      : `the ${side}'s mechListMIC does not match: the MechTypeList was altered, or it was signed with other keys or another SeqNum`,
    derived: [dv('mechListMIC', expected, how)],
  };
}

/** Without a session key the MIC and the mechListMICs cannot be checked; say so where they are. */
function pushUnverifiable(
  round: NtlmRound,
  message: AuthenticateMessage,
  out: SecretResult[][],
): void {
  const why =
    'cannot be checked: no secret verified the response, so the ExportedSessionKey is unknown';
  if (hasMic(message)) {
    out[round.authenticate.index].push({
      what: 'NTLM MIC',
      ok: false,
      unchecked: true,
      text: `the AUTHENTICATE MIC ${why}`,
    });
  }
  for (const [leg, side] of [
    [round.initiatorMic, 'initiator'],
    [round.acceptorMic, 'acceptor'],
  ] as const) {
    if (leg?.mechListMIC) {
      out[leg.index].push({
        what: 'mechListMIC',
        ok: false,
        unchecked: true,
        text: `the ${side}'s mechListMIC ${why}`,
      });
    }
  }
}
