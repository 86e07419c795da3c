import { tokenLabel } from '../codec/token';
import type { SimConfig } from './config';
import { getMechanism } from './mechanisms';
import { tamper } from './mitm';
import { acceptorStep, initialAcceptorState, type AcceptorState } from './spnego/acceptor';
import { initialInitiatorState, initiatorStep, type InitiatorState } from './spnego/initiator';
import { holdings, isFinished, type SpnegoOutput } from './spnego/step';
import type { Holdings, MechName, NegStateName, Role, Rule } from './types';
import { toBase64 } from '../bytes';

/** One message on the wire, with both sides' states after it and why it was sent. */
export interface Step {
  index: number;
  from: Role;
  message: SpnegoOutput['message'];
  negState: NegStateName | null;
  supportedMech: string | null;
  /** Mechanism whose token rides inside, if any. */
  mech: MechName | null;
  mechListMIC: boolean;
  /** The exact bytes sent. */
  token: Uint8Array;
  /** The bytes the peer received, when a man in the middle changed them. */
  delivered?: Uint8Array;
  /** The HTTP header line carrying it (HTTP transport). */
  header?: string;
  initiatorState: string;
  acceptorState: string;
  initiator: Holdings;
  acceptor: Holdings;
  /** One-line summary, e.g. `NegTokenResp request-mic, supportedMech NTLM`. */
  summary: string;
  explanation: string;
  rules: Rule[];
}

export interface Outcome {
  result: 'established' | 'rejected' | 'failed';
  mech: MechName | null;
  reason: string;
  initiator: string;
  acceptor: string;
}

export interface Run {
  config: SimConfig;
  /** Both sides' states after the last step. */
  final: { initiator: InitiatorState; acceptor: AcceptorState };
  steps: Step[];
  outcome: Outcome;
  /** Rules applied after the last message (a final verification that sends nothing). */
  closingRules: Rule[];
}

/** Enough for every flow the engine can take; a run longer than this is a bug, reported as failure. */
const MAX_STEPS = 16;

/**
 * Plays initiator and acceptor against each other until both are finished or nobody has anything
 * to send. Pure: the same config always gives the same run.
 */
/** Lets a test change bytes in flight (beyond the configured man in the middle). */
export type Interceptor = (from: Role, index: number, bytes: Uint8Array) => Uint8Array;

export function runExchange(config: SimConfig, intercept?: Interceptor): Run {
  let initiator: InitiatorState = initialInitiatorState();
  let acceptor: AcceptorState = initialAcceptorState();
  const steps: Step[] = [];
  const closingRules: Rule[] = [];
  let pending: { from: Role; bytes: Uint8Array } | null = null;

  const record = (from: Role, output: SpnegoOutput, rules: Rule[], tampered?: Uint8Array) => {
    const intercepted = intercept?.(from, steps.length, tampered ?? output.token);
    const delivered = intercepted && intercepted !== output.token ? intercepted : tampered;
    steps.push({
      index: steps.length,
      from,
      message: output.message,
      negState: output.negState ?? null,
      supportedMech: output.supportedMech ?? null,
      mech: output.mech,
      mechListMIC: output.mechListMIC,
      token: output.token,
      delivered,
      header: config.transport === 'http' ? httpHeader(from, output.token) : undefined,
      initiatorState: initiator.name,
      acceptorState: acceptor.name,
      initiator: holdings(initiator),
      acceptor: holdings(acceptor),
      summary: summarize(output),
      explanation: rules.map((r) => r.text).join('; '),
      rules,
    });
  };

  if (config.transport === 'smb') {
    const step = acceptorStep(acceptor, null, config);
    acceptor = step.state;
    if (step.output) {
      record('acceptor', step.output, step.rules);
      pending = { from: 'acceptor', bytes: steps.at(-1)!.delivered ?? step.output.token };
    }
  }
  // The initiator always speaks once to open its own negotiation.
  {
    const step = initiatorStep(initiator, pending?.bytes ?? null, config);
    initiator = step.state;
    pending = null;
    if (step.output) {
      record('initiator', step.output, step.rules, tamper(step.output.token, config, step.rules));
      pending = { from: 'initiator', bytes: steps.at(-1)!.delivered ?? step.output.token };
    } else closingRules.push(...step.rules);
  }

  while (pending && steps.length < MAX_STEPS) {
    const { from, bytes } = pending;
    pending = null;
    if (from === 'initiator') {
      if (isFinished(acceptor)) break;
      const step = acceptorStep(acceptor, bytes, config);
      acceptor = step.state;
      if (step.output) {
        record('acceptor', step.output, step.rules);
        pending = { from: 'acceptor', bytes: steps.at(-1)!.delivered ?? step.output.token };
      } else closingRules.push(...step.rules);
    } else {
      if (isFinished(initiator)) break;
      const step = initiatorStep(initiator, bytes, config);
      initiator = step.state;
      if (step.output) {
        record('initiator', step.output, step.rules);
        pending = { from: 'initiator', bytes: steps.at(-1)!.delivered ?? step.output.token };
      } else closingRules.push(...step.rules);
    }
  }
  return {
    config,
    final: { initiator, acceptor },
    steps,
    outcome: outcomeOf(initiator, acceptor, steps),
    closingRules,
  };
}

function outcomeOf(initiator: InitiatorState, acceptor: AcceptorState, steps: Step[]): Outcome {
  const base = { initiator: initiator.name, acceptor: acceptor.name };
  if (initiator.name === 'DONE' && acceptor.name === 'DONE') {
    const mech = initiator.selected;
    return {
      ...base,
      result: 'established',
      mech,
      reason: `both sides completed with ${mech ? getMechanism(mech).title : 'no mechanism'}`,
    };
  }
  const rejected = steps.some((s) => s.negState === 'reject');
  const reason =
    acceptor.error ??
    initiator.error ??
    (steps.length >= MAX_STEPS ? 'the exchange did not finish' : 'the exchange stopped');
  return {
    ...base,
    result: rejected ? 'rejected' : 'failed',
    mech: initiator.selected ?? acceptor.selected,
    reason,
  };
}

function httpHeader(from: Role, token: Uint8Array): string {
  return `${from === 'initiator' ? 'Authorization' : 'WWW-Authenticate'}: Negotiate ${toBase64(token)}`;
}

/** The same label the inspector shows: `NegTokenResp request-mic, supportedMech NTLM + NTLM CHALLENGE`. */
function summarize(output: SpnegoOutput): string {
  return tokenLabel(output.token);
}
