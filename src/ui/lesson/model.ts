/**
 * One shape for the Lesson's steps, whichever run they come from: the simulator's (rules, both
 * sides' holdings) or an analysed real exchange (explanations, checks, what the secrets opened).
 * Everything is read from the run itself, so the text never drifts from the bytes.
 */
import type { AnalysedExchange, Check } from '../../analysis/types';
import { mechShortName } from '../../codec/describe';
import { walk, type Node } from '../../codec/tree';
import type { Rule } from '../../protocol';
import type { Holdings } from '../../protocol/types';
import type { TransportLeg } from '../../protocol/run';
import type { SimRun } from '../../store/engine-runner';
import { legStatus } from '../diagram/analysed-source';
import { mechName, outcomeTitle, stepFacts } from '../analysis/format';
import { holdingRows } from '../simulate/holdings-format';

export type Side = 'initiator' | 'acceptor';

/** A value the step derived, with how (a secret's key, a side's holding). */
export interface DerivedRow {
  name: string;
  value: string;
  how?: string;
}

/** A field of a decrypted part, as its tree nests it. */
export interface OpenedField {
  depth: number;
  name: string;
  value: string;
}

/** Fields of a decrypted part shown at most (a PAC holds hundreds). */
export const OPENED_FIELDS = 400;

/** A decrypted part's fields, depth first, each with its value or meaning. */
export function openedFields(root: Node): { fields: OpenedField[]; more: number } {
  const fields: OpenedField[] = [];
  let total = 0;
  walk(root, (node, depth) => {
    total++;
    if (fields.length >= OPENED_FIELDS) return;
    const value = node.value === undefined || node.value === null ? '' : String(node.value);
    const text =
      node.label && value && node.label !== value
        ? `${node.label} (${value})`
        : (node.label ?? value);
    fields.push({ depth, name: node.name, value: text });
  });
  return { fields, more: total - fields.length };
}

/** A group of derived values: what a secret opened, or what a side holds after the step. */
export interface DerivedGroup {
  title: string;
  /** ✓ / ✗ for what a secret opened or verified; undefined when nothing was checked. */
  ok?: boolean;
  text?: string;
  rows: DerivedRow[];
  /** What a secret decrypted, field by field. */
  opened?: { fields: OpenedField[]; more: number };
}

export interface LessonToken {
  bytes: Uint8Array;
  root: Node;
}

export interface LessonStep {
  /** 0-based. */
  index: number;
  from: Side;
  title: string;
  /** Short facts: negState, supportedMech, the mechanism carried, the transport's status… */
  facts: string[];
  states: { initiator: string; acceptor: string };
  rules: Rule[];
  checks: Check[];
  token: LessonToken;
  /** What the peer received when a man in the middle changed the bytes. */
  delivered?: LessonToken;
  derived: DerivedGroup[];
}

export interface Lesson {
  title: string;
  kind: 'simulated' | 'analysed';
  steps: LessonStep[];
  outcome: { title: string; reason: string; rules: Rule[]; result: string };
}

const MECH_FACT = (mech: string | null) => {
  const name = mechName(mech);
  return name ? `carries ${name}` : null;
};

function supportedMechFact(oid: string | null): string | null {
  if (!oid) return null;
  const name = mechShortName(oid);
  return `supportedMech ${name === oid ? oid : `${name} (${oid})`}`;
}

const SIDE_TITLE: Record<Side, string> = { initiator: 'Client', acceptor: 'Server' };

/** The holdings a side changed at this step (all of them at the first step), as rows. */
function changedHoldings(side: Side, now: Holdings, before: Holdings | null): DerivedGroup | null {
  const rows = holdingRows(now)
    .filter((row) => !before || String(before[row.key]) !== String(now[row.key]))
    .map((row) => ({
      name: row.name,
      value: row.value,
      how: before
        ? `changed at this step (the ${SIDE_TITLE[side].toLowerCase()}'s rules above say why)`
        : `held after the first step (the ${SIDE_TITLE[side].toLowerCase()}'s rules above say why)`,
    }));
  return rows.length
    ? { title: `What the ${SIDE_TITLE[side].toLowerCase()} holds after this step`, rows }
    : null;
}

/**
 * A leg's transport in one fact: its message, with its status unless the message already gives
 * it (an HTTP reply names its code, `HTTP 401 with WWW-Authenticate`; an SMB2 response does not).
 */
export function transportFact(transport: TransportLeg): string {
  const { message, status } = transport;
  if (!status || message.includes(String(status.code))) return message;
  return `${message}: ${status.text}`;
}

export function simulatedLesson(run: SimRun, title: string): Lesson {
  const steps = run.steps.map((step, i): LessonStep => {
    const decoded = run.decoded[i];
    const previous = i > 0 ? run.steps[i - 1] : null;
    const transport = step.transport;
    const facts = [
      // The header's name and scheme: its token is the bytes below.
      step.header ? `${step.header.split(' ').slice(0, 2).join(' ')} …` : null,
      transport ? transportFact(transport) : null,
      step.negState && `negState ${step.negState}`,
      supportedMechFact(step.supportedMech),
      MECH_FACT(step.mech),
      step.mechListMIC ? 'mechListMIC present' : null,
    ].filter((f): f is string => Boolean(f));
    return {
      index: i,
      from: step.from,
      title: step.summary,
      facts,
      states: { initiator: step.initiatorState, acceptor: step.acceptorState },
      rules: step.rules,
      checks: [],
      token: { bytes: step.token, root: decoded.sent.root },
      delivered:
        step.delivered && decoded.delivered
          ? { bytes: step.delivered, root: decoded.delivered.root }
          : undefined,
      derived: [
        changedHoldings('initiator', step.initiator, previous?.initiator ?? null),
        changedHoldings('acceptor', step.acceptor, previous?.acceptor ?? null),
      ].filter((g): g is DerivedGroup => g !== null),
    };
  });
  const { result, mech, reason } = run.outcome;
  return {
    title,
    kind: 'simulated',
    steps,
    outcome: {
      title: outcomeTitle({ result, mech }),
      reason,
      rules: run.closingRules,
      result,
    },
  };
}

export function analysedLesson(exchange: AnalysedExchange): Lesson {
  const steps = exchange.steps.map((step, i): LessonStep => {
    const status = legStatus(exchange, i);
    const facts = [
      status?.text ?? null,
      ...stepFacts(step),
      step.negState && `negState ${step.negState}`,
      supportedMechFact(step.supportedMech),
      MECH_FACT(step.mech),
      step.mechListMIC ? 'mechListMIC present' : null,
      step.inferred ? 'sender inferred from the token' : null,
    ].filter((f): f is string => Boolean(f));
    return {
      index: i,
      from: step.from,
      title: step.summary,
      facts: [...new Set(facts)],
      states: { initiator: step.initiatorState, acceptor: step.acceptorState },
      rules: step.explanation.map((e) => ({ by: step.from, text: e.text, spec: e.spec })),
      checks: step.checks,
      token: { bytes: step.token, root: step.root },
      derived: step.secrets.map((secret) => ({
        title: secret.what,
        ok: secret.unchecked ? undefined : secret.ok,
        text: secret.text,
        rows: (secret.derived ?? []).map((d) => ({ name: d.name, value: d.value, how: d.how })),
        ...(secret.root ? { opened: openedFields(secret.root) } : {}),
      })),
    };
  });
  return {
    title:
      exchange.source === 'paste'
        ? 'Analysed exchange: the pasted tokens'
        : `Analysed exchange: ${exchange.source}`,
    kind: 'analysed',
    steps,
    outcome: {
      title: outcomeTitle(exchange.outcome),
      reason: exchange.outcome.reason,
      rules: [],
      result: exchange.outcome.result,
    },
  };
}
