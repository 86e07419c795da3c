import type { MessageLabel } from '../../codec/describe';
import type { Outcome, Run, Step } from '../../protocol/run';
import type { MechName, Rule } from '../../protocol/types';
import type { DiagramMessage, DiagramOutcome } from './sequence-source';

/** A simulated step with its labels: what was sent and, after a man in the middle, what arrived. */
export interface SimulatedLeg {
  step: Step;
  label: MessageLabel;
  /** The label of `step.delivered`, when a man in the middle changed the bytes. */
  deliveredLabel?: MessageLabel;
}

const MECH_TITLES: Record<MechName, string> = {
  kerberos: 'Kerberos',
  ntlm: 'NTLM',
  negoex: 'NEGOEX',
};

/** The rules the receiver of step `i` applied to it: those of the next step, or the closing ones. */
function receiverRules(steps: readonly Step[], i: number, closingRules: readonly Rule[]): Rule[] {
  const receiver = steps[i].from === 'initiator' ? 'acceptor' : 'initiator';
  const next = steps[i + 1];
  const rules = next ? next.rules : closingRules;
  return rules.filter((r) => r.by === receiver);
}

/**
 * The acceptor discarded the optimistic token unread: it selected another mechanism than the
 * client's first choice (RFC 4178 §5 b), which its rules say.
 */
function discardedOptimistic(rules: readonly Rule[]): boolean {
  return rules.some((r) => /optimistic .*discarded/.test(r.text));
}

/** The receiver refused the mechListMIC (RFC 4178 §5 a, §7). */
function micRefused(rules: readonly Rule[]): boolean {
  return rules.some((r) => /mechListMIC does not (match|verify)/.test(r.text));
}

/**
 * A simulated run's messages as the sequence diagram draws them: each leg's transport status
 * (an answer that carried no token is drawn on the client's last leg), the optimistic token marked
 * when the acceptor discarded it, mechListMIC badges, and a man in the middle's relay.
 */
export function simulatedMessages(
  legs: readonly SimulatedLeg[],
  run: Pick<Run, 'closingLeg' | 'closingRules'>,
): DiagramMessage[] {
  const steps = legs.map((l) => l.step);
  return legs.map(({ step, label, deliveredLabel }, i) => {
    const message: DiagramMessage = { from: step.from, label };
    const last = i === legs.length - 1;
    const status = step.transport?.status;
    if (status) message.status = { text: status.text, tone: status.tone };
    else if (last && run.closingLeg?.status) {
      const closing = run.closingLeg.status;
      message.status = { text: `answered ${closing.text}`, tone: closing.tone };
    }
    const rules = receiverRules(steps, i, run.closingRules);
    if (step.mechListMIC) message.mic = micRefused(rules) ? 'failed' : 'verified';
    if (step.delivered && deliveredLabel) {
      // The attacker's rule, without its subject and its motive: what it changed, in a note.
      const rewrite = step.rules
        .find((r) => r.by === 'attacker')
        ?.text.replace(/^a man in the middle /, '')
        .replace(/, hoping .*$/, '');
      message.relay = { label: deliveredLabel, rewrite: rewrite ?? 'rewrites the message' };
    } else if (step.from === 'initiator' && step.mech && discardedOptimistic(rules)) {
      message.note = `optimistic ${MECH_TITLES[step.mech]} token discarded unread`;
    }
    return message;
  });
}

/** How the run ended, as the note drawn under the last message. */
export function outcomeNote(outcome: Outcome): DiagramOutcome {
  if (outcome.result === 'established')
    return {
      text: `established with ${outcome.mech ? MECH_TITLES[outcome.mech] : 'no mechanism'}`,
      tone: 'ok',
    };
  // The error's name on the first line, its explanation under it: the note spans the lifelines only.
  const [head, ...rest] = outcome.reason.split(': ');
  const text = [`${outcome.result}: ${head}`, ...(rest.length ? [rest.join(': ')] : [])];
  return { text: text.join('\n'), tone: 'error' };
}
