import { decodeToken } from '../codec/token';
import { messageLabel } from '../codec/describe';
import type { Node } from '../codec/tree';
import {
  initialObserverState,
  isEstablished,
  observeToken,
  type LegAnswer,
  type MechObservation,
  type NtlmObservation,
  type Side,
  type TokenObservation,
} from '../protocol/observe';
import type { Rule } from '../protocol/types';
import { stepChecks } from './checks';
import { fingerprint } from './fingerprint';
import { decideSides, readObservation } from './roles';
import { kdcFindings, verdict } from './verdict';
import type {
  AnalysedExchange,
  AnalysedStep,
  Explanation,
  Finding,
  ObservedExchange,
  ObservedToken,
  Transport,
} from './types';

/**
 * The story of one observed exchange: each token read with the typed decoders, its sender
 * inferred where the input does not say, fed through the simulator's SPNEGO and mechanism
 * machines in observing mode, checked against the rules, and summed up in an outcome, a
 * fingerprint and exchange-level findings. Secrets are not used here (steps get `secrets: []`).
 * Never throws; time is linear in the number and size of the tokens.
 */
export function observeExchange(exchange: ObservedExchange): AnalysedExchange {
  const tokens = exchange.tokens;
  const observations = tokens.map((t) => readObservation(t.bytes));
  const sides = decideSides(
    observations,
    tokens.map((t) => t.from),
  );
  const findings: Finding[] = [];
  if (exchange.gaps > 0)
    findings.push({
      severity: 'warning',
      text: `The capture missed ${exchange.gaps} bytes of this connection: tokens may be missing or cut.`,
    });
  const steps: AnalysedStep[] = [];
  let state = initialObserverState();
  let challenge: Extract<NtlmObservation, { message: 'CHALLENGE' }> | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const obs = observations[i];
    const side = sides[i];
    const last = i === tokens.length - 1;
    const answer = last ? legAnswer(token, exchange.transport) : null;
    const before = state;
    const observed = observeToken(state, side.from, obs, answer);
    state = observed.state;
    const inner = innerOf(obs);
    const checks = stepChecks({
      index: i,
      from: side.from,
      obs,
      before,
      after: state,
      facts: observed.facts,
      order: observed.order,
      challenge,
      time: token.time,
      contradiction: side.contradiction,
    });
    if (inner?.mech === 'ntlm' && inner.message === 'CHALLENGE') challenge = inner;
    const explanation: Explanation[] = [];
    if (side.inferred) explanation.push({ text: `Sent by the ${side.from}: ${side.why}.` });
    explanation.push(...observed.rules.map((r) => explain(r, side.from)));
    const root = decodeRoot(token.bytes);
    steps.push({
      index: i,
      from: side.from,
      inferred: side.inferred,
      token: token.bytes,
      message: messageName(obs),
      negState: obs.kind === 'NegTokenResp' ? obs.negState : null,
      supportedMech: obs.kind === 'NegTokenResp' ? obs.supportedMech : null,
      mech: inner?.mech ?? (obs.kind === 'per-message' ? obs.mech : null),
      mechListMIC:
        (obs.kind === 'NegTokenResp' ||
          obs.kind === 'NegTokenInit' ||
          obs.kind === 'NegTokenInit2') &&
        obs.mechListMIC !== null,
      ...(token.status !== undefined ? { status: token.status } : {}),
      ...(token.statusText !== undefined ? { statusText: token.statusText } : {}),
      ...(token.carrier !== undefined ? { carrier: token.carrier } : {}),
      ...(token.frame !== undefined ? { frame: token.frame } : {}),
      ...(token.time !== undefined ? { time: token.time } : {}),
      root,
      summary: label(root),
      initiatorState: state.initiator,
      acceptorState: state.acceptor,
      explanation,
      checks,
      secrets: [],
    });
    if (side.contradiction)
      findings.push({ severity: 'error', text: `${side.contradiction}.`, spec: 'RFC 4178 §4.2' });
    if (obs.kind === 'unknown')
      findings.push({
        severity: 'warning',
        text: `Token ${i + 1} could not be read: ${obs.error}.`,
      });
    for (const c of checks)
      if (!c.ok && c.id !== 'kerberos-error' && c.id !== 'direction')
        findings.push({
          severity: VIOLATIONS.has(c.id) ? 'error' : 'warning',
          text: `Token ${i + 1}: ${c.text}.`,
          spec: c.spec,
        });
  }
  const lastToken = tokens.at(-1);
  const outcome = verdict(
    state,
    observations.filter((o) => o.kind !== 'per-message'),
    exchange.kdc,
    lastToken ? { ...pick(lastToken), transport: exchange.transport } : null,
  );
  findings.push(...kdcFindings(exchange.kdc));
  if (outcome.result === 'incomplete' && tokens.length > 0 && !isEstablished(state))
    findings.push({
      severity: 'info',
      text: 'The exchange is incomplete: the input stops before both sides finished (paste every token, in order, or open the capture).',
    });
  return {
    source: exchange.source,
    transport: exchange.transport,
    client: exchange.client,
    server: exchange.server,
    steps,
    outcome,
    fingerprint: fingerprint(observations.map((obs, i) => ({ from: sides[i].from, obs }))),
    findings,
    kdc: exchange.kdc,
  };
}

function pick(t: ObservedToken): { status?: number; statusText?: string } {
  return {
    ...(t.status !== undefined ? { status: t.status } : {}),
    ...(t.statusText !== undefined ? { statusText: t.statusText } : {}),
  };
}

function explain(rule: Rule, sender: Side): Explanation {
  const text =
    rule.by === sender || rule.by === 'attacker'
      ? capitalise(rule.text)
      : `${rule.by === 'initiator' ? 'Client' : 'Acceptor'}: ${rule.text}`;
  return rule.spec ? { text, spec: rule.spec } : { text };
}

function capitalise(s: string): string {
  return s.length ? s[0].toUpperCase() + s.slice(1) : s;
}

function innerOf(obs: TokenObservation): MechObservation | null {
  if (obs.kind === 'mech') return obs.inner;
  if (obs.kind === 'NegTokenInit' || obs.kind === 'NegTokenInit2' || obs.kind === 'NegTokenResp')
    return obs.inner;
  return null;
}

function messageName(obs: TokenObservation): string {
  switch (obs.kind) {
    case 'NegTokenInit':
    case 'NegTokenInit2':
    case 'NegTokenResp':
      return obs.kind;
    case 'mech':
      return obs.inner.mech === 'ntlm'
        ? `NTLM ${obs.inner.message}`
        : obs.inner.mech === 'kerberos'
          ? obs.inner.message
          : obs.inner.mech === 'negoex'
            ? 'NEGOEX'
            : 'unknown';
    case 'per-message':
      return `${obs.mech === 'kerberos' ? 'Kerberos' : 'NTLM'} ${obs.what}`;
    case 'unknown':
      return 'unknown';
  }
}

function decodeRoot(bytes: Uint8Array): Node {
  try {
    return decodeToken(bytes).root;
  } catch (e) {
    return {
      name: 'token',
      offset: 0,
      length: bytes.length,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

function label(root: Node): string {
  try {
    return messageLabel(root);
  } catch {
    return root.name;
  }
}

/** Checks whose failure breaks a MUST of the protocol; the others are SHOULDs, limits or habits. */
const VIOLATIONS = new Set([
  'negstate-sequence',
  'supportedmech-first-reply',
  'optimistic-token',
  'request-mic-on-reselection',
  'mechlistmic-required',
  'ntlm-message-order',
  'kerberos-message-order',
  'mutual-auth-reply',
]);

const SMB_MORE_PROCESSING = 0xc0000016;
const LDAP_SASL_BIND_IN_PROGRESS = 14;

/**
 * What the transport said about the last leg: HTTP 2xx (RFC 4559 §5: the final 200), SMB2
 * STATUS_SUCCESS, LDAP success are success; HTTP 401/403, an SMB2 error status or an LDAP error
 * result are failure; continuation statuses say nothing.
 */
export function legAnswer(token: ObservedToken, transport: Transport): LegAnswer {
  const s = token.status;
  if (s === undefined) return null;
  if (transport === 'smb2') {
    if (s === 0) return 'success';
    if (s >>> 0 === SMB_MORE_PROCESSING) return null;
    return s >>> 0 >= 0x80000000 ? 'failure' : null;
  }
  if (transport === 'ldap') {
    if (s === 0) return 'success';
    return s === LDAP_SASL_BIND_IN_PROGRESS ? null : 'failure';
  }
  if (s >= 200 && s < 400) return 'success';
  if (s === 401 || s === 403) return 'failure';
  return null;
}
