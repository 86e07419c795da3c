import { tokenLabel } from '../codec/token';
import type { SimConfig } from './config';
import { acceptableMechs, getMechanism, offeredMechs } from './mechanisms';
import type { MechState, MechStep } from './mechanisms/mechanism';
import { tamper } from './mitm';
import { sideProfile } from './profiles';
import { acceptorStep, initialAcceptorState, type AcceptorState } from './spnego/acceptor';
import { initialInitiatorState, initiatorStep, type InitiatorState } from './spnego/initiator';
import { holdings, isFinished, type SpnegoOutput } from './spnego/step';
import type { Holdings, MechName, NegStateName, Role, Rule } from './types';
import { toBase64 } from '../bytes';

/** How a transport status reads on a leg: the exchange goes on, it succeeded, or it was refused. */
export type StatusTone = 'continue' | 'ok' | 'error';

/**
 * The transport message that carried a token, and for a response its status: an SMB2
 * SESSION_SETUP Response with STATUS_MORE_PROCESSING_REQUIRED (MS-SMB2 §3.3.5.5), an HTTP 401
 * with WWW-Authenticate (RFC 4559 §5).
 */
export interface TransportLeg {
  message: string;
  status?: { text: string; code: number; tone: StatusTone };
}

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
  /** The HTTP header line carrying it (HTTP transports). */
  header?: string;
  /** The transport message carrying it and, for a response, its status. */
  transport?: TransportLeg;
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
  /**
   * The transport's answer to the client's last token when it carried no token back (HTTP 200
   * without WWW-Authenticate, SMB2 STATUS_SUCCESS with an empty buffer).
   */
  closingLeg?: TransportLeg;
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
  if (config.transport === 'http-ntlm' || config.transport === 'bare')
    return runBare(config, intercept);
  let initiator: InitiatorState = initialInitiatorState();
  let acceptor: AcceptorState = initialAcceptorState();
  const steps: Step[] = [];
  const closingRules: Rule[] = [];
  let pending: { from: Role; bytes: Uint8Array } | null = null;

  const record = (from: Role, output: SpnegoOutput, rules: Rule[], tampered?: Uint8Array) => {
    if (
      config.transport === 'smb' &&
      from === 'acceptor' &&
      output.negState === 'reject' &&
      sideProfile(config, 'acceptor').smbFailureBlob === 'empty'
    ) {
      // The SPNEGO reject stays inside the server: SMB2 answers with the error status alone.
      rules.push({
        by: 'acceptor',
        text: `${sideProfile(config, 'acceptor').title} sends no security blob with a failed SESSION_SETUP: the client sees only the status`,
        spec: sideProfile(config, 'acceptor').sources.smbFailureBlob,
        difference: 'smb-failure-blob',
      });
      output = {
        ...output,
        message: 'empty',
        token: new Uint8Array(0),
        negState: undefined,
        mech: null,
      };
    }
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
      transport: transportLeg(config, from, steps.length, acceptor.name),
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
      pending = { from: 'acceptor', bytes: steps.at(-1)!.delivered ?? steps.at(-1)!.token };
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
        pending = { from: 'acceptor', bytes: steps.at(-1)!.delivered ?? steps.at(-1)!.token };
      } else closingRules.push(...step.rules);
    } else {
      if (isFinished(initiator)) break;
      if (bytes.length === 0) {
        // An SMB2 failure without a security blob: only the status tells the client.
        const status = steps.at(-1)!.transport?.status?.text ?? 'a failure status';
        initiator = { ...initiator, name: 'FAILED', error: `the server answered ${status}` };
        closingRules.push({
          by: 'initiator',
          text: `the server answered ${status} with no security blob: the session setup failed, and the client learns nothing more`,
          spec: 'MS-SMB2 §3.2.5.3.1',
        });
        break;
      }
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
    ...closing(config, steps, acceptor.name),
  };
}

/** The transport message of a leg; a response's status follows the acceptor's state after it. */
function transportLeg(
  config: SimConfig,
  from: Role,
  index: number,
  acceptorState: string,
): TransportLeg {
  const done = acceptorState === 'DONE';
  const failed = acceptorState === 'FAILED';
  if (config.transport === 'smb') {
    // The server's NegTokenInit2 rides in the NEGOTIATE response (MS-SMB2 §3.3.5.4).
    if (from === 'acceptor' && index === 0)
      return { message: 'SMB2 NEGOTIATE Response', status: smbStatus(0x00000000) };
    if (from === 'initiator') return { message: 'SMB2 SESSION_SETUP Request' };
    return {
      message: 'SMB2 SESSION_SETUP Response',
      status: smbStatus(done ? 0x00000000 : failed ? 0xc000006d : 0xc0000016),
    };
  }
  if (from === 'initiator') return { message: 'HTTP GET with Authorization' };
  return {
    message: done ? 'HTTP 200 OK with WWW-Authenticate' : 'HTTP 401 with WWW-Authenticate',
    status: done
      ? { text: 'HTTP 200 OK', code: 200, tone: 'ok' }
      : { text: 'HTTP 401 Unauthorized', code: 401, tone: failed ? 'error' : 'continue' },
  };
}

const SMB_STATUS: Record<number, [string, StatusTone]> = {
  0x00000000: ['STATUS_SUCCESS', 'ok'],
  0xc0000016: ['STATUS_MORE_PROCESSING_REQUIRED', 'continue'],
  0xc000006d: ['STATUS_LOGON_FAILURE', 'error'],
};

function smbStatus(code: number): TransportLeg['status'] {
  const [text, tone] = SMB_STATUS[code];
  return { text, code, tone };
}

/**
 * The answer to a last client token that got no token back: the server still answers the
 * request (RFC 4559 §5: 200 once authenticated; MS-SMB2 §3.3.5.5: STATUS_SUCCESS or the failure).
 */
function closing(config: SimConfig, steps: Step[], acceptorState: string): Pick<Run, 'closingLeg'> {
  const last = steps.at(-1);
  if (!last || last.from !== 'initiator') return {};
  // A client's own reject ends the exchange: nobody answers it with a status worth showing.
  if (last.negState === 'reject') return {};
  const done = acceptorState === 'DONE';
  if (config.transport === 'smb')
    return {
      closingLeg: {
        message: 'SMB2 SESSION_SETUP Response',
        status: smbStatus(done ? 0x00000000 : 0xc000006d),
      },
    };
  return {
    closingLeg: done
      ? { message: 'HTTP 200 OK', status: { text: 'HTTP 200 OK', code: 200, tone: 'ok' } }
      : {
          message: 'HTTP 401 Unauthorized',
          status: { text: 'HTTP 401 Unauthorized', code: 401, tone: 'error' },
        },
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
  const rejected = steps.some((s) => s.negState === 'reject' || s.message === 'empty');
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

function httpHeader(from: Role, token: Uint8Array, scheme = 'Negotiate'): string {
  return `${from === 'initiator' ? 'Authorization' : 'WWW-Authenticate'}: ${scheme} ${toBase64(token)}`;
}

/** The same label the inspector shows: `NegTokenResp request-mic, supportedMech NTLM + NTLM CHALLENGE`. */
function summarize(output: SpnegoOutput): string {
  if (output.token.length === 0) return 'no security blob';
  return tokenLabel(output.token);
}

/**
 * A bare exchange: the mechanism's own tokens with no SPNEGO around them — raw RFC 4121 Kerberos
 * or raw NTLMSSP in `Authorization: Negotiate` (RFC 4559 §4; MS-SPNG App. A <8> for raw NTLM),
 * or NTLMSSP in the HTTP `NTLM` scheme (MS-NTHT §2.2.2). One mechanism, no negotiation, no
 * mechListMIC: the client's first mechanism it holds credentials for (NTLM for the NTLM scheme).
 */
function runBare(config: SimConfig, intercept?: Interceptor): Run {
  const scheme = config.transport === 'http-ntlm' ? 'NTLM' : 'Negotiate';
  let initiator: InitiatorState = initialInitiatorState();
  let acceptor: AcceptorState = initialAcceptorState();
  const steps: Step[] = [];
  const closingRules: Rule[] = [];
  const rule = (by: Rule['by'], text: string, spec?: string): Rule => ({ by, text, spec });

  const offered = offeredMechs(config);
  const mechName: MechName | undefined =
    config.transport === 'http-ntlm' ? (offered.includes('ntlm') ? 'ntlm' : undefined) : offered[0];
  const finish = (reason?: string): Run => ({
    config,
    final: { initiator, acceptor },
    steps,
    outcome: bareOutcome(initiator, acceptor, mechName ?? null, reason),
    closingRules,
    ...closing(config, steps, acceptor.name),
  });
  if (!mechName) {
    const error =
      config.transport === 'http-ntlm'
        ? 'the client has no NTLM password for the NTLM scheme'
        : 'the client has no credentials for any mechanism';
    initiator = { ...initiator, name: 'FAILED', error };
    closingRules.push(rule('initiator', `${error}: nothing is sent`, 'RFC 4559 §4'));
    return finish();
  }
  const mech = getMechanism(mechName);
  const record = (from: Role, token: Uint8Array, rules: Rule[]) => {
    const intercepted = intercept?.(from, steps.length, token);
    steps.push({
      index: steps.length,
      from,
      message: 'mechanism',
      negState: null,
      supportedMech: null,
      mech: mechName,
      mechListMIC: false,
      token,
      delivered: intercepted && intercepted !== token ? intercepted : undefined,
      header: httpHeader(from, token, scheme),
      transport: bareLeg(from, scheme, acceptor.name),
      initiatorState: initiator.name,
      acceptorState: acceptor.name,
      initiator: holdings(initiator),
      acceptor: holdings(acceptor),
      summary: tokenLabel(token),
      explanation: rules.map((r) => r.text).join('; '),
      rules,
    });
    return steps.at(-1)!.delivered ?? token;
  };
  const side = <S extends InitiatorState | AcceptorState>(
    state: S,
    step: MechStep,
    continueName: S['name'],
  ): S => ({
    ...state,
    selected: mechName,
    mech: step.state,
    mechComplete: step.status === 'complete',
    name: step.status === 'failed' ? 'FAILED' : step.status === 'complete' ? 'DONE' : continueName,
    error: step.status === 'failed' ? (step.error ?? `${mech.title} failed`) : null,
  });

  const opening: Rule[] = [
    rule(
      'initiator',
      config.transport === 'http-ntlm'
        ? 'uses the HTTP NTLM scheme: raw NTLMSSP messages in Authorization: NTLM, no SPNEGO around them, so no mechTypes and no mechListMIC'
        : `sends ${mech.title}'s token bare, without SPNEGO: no mechTypes to negotiate and no mechListMIC to protect them`,
      config.transport === 'http-ntlm'
        ? 'MS-NTHT §2.2.2; RFC 4559 §4'
        : 'RFC 4559 §4; RFC 2743 §3.1',
    ),
  ];
  if (config.faults.stripMech)
    opening.push(
      rule(
        'attacker',
        'the man in the middle has no mechTypes to strip: a bare exchange negotiates nothing',
      ),
    );
  if (!acceptableMechs(config).includes(mechName) && config.transport === 'http-ntlm')
    opening.push(
      rule('initiator', 'the server did not offer the NTLM scheme, but the client tries it anyway'),
    );
  const first = mech.initiate(config);
  initiator = side(initiator, first, 'MECH_LOOP');
  if (first.status === 'failed' || !first.token) {
    closingRules.push(...opening, ...first.rules);
    return finish();
  }
  let pending: { from: Role; bytes: Uint8Array } | null = {
    from: 'initiator',
    bytes: record('initiator', first.token, [...opening, ...first.rules]),
  };
  let acceptorMech: MechState | null = null;
  while (pending && steps.length < MAX_STEPS) {
    const { from, bytes }: { from: Role; bytes: Uint8Array } = pending;
    pending = null;
    if (from === 'initiator') {
      if (isFinished(acceptor)) break;
      if (!acceptableMechs(config).includes(mechName)) {
        acceptor = {
          ...acceptor,
          name: 'FAILED',
          error: `the server cannot accept ${mech.title}`,
        };
        closingRules.push(
          rule(
            'acceptor',
            `the server has no ${mech.title} credentials or does not accept it: with no SPNEGO there is nothing to fall back to, and it answers with a failure and no token`,
            'RFC 2743 §2.2.2 (GSS_S_NO_CRED)',
          ),
        );
        break;
      }
      const step = mech.accept(acceptorMech, bytes, config);
      acceptorMech = step.state;
      acceptor = side(acceptor, step, 'MECH_LOOP');
      if (step.token)
        pending = { from: 'acceptor', bytes: record('acceptor', step.token, step.rules) };
      else closingRules.push(...step.rules);
    } else {
      if (isFinished(initiator)) break;
      const step = mech.initiatorContinue(initiator.mech!, bytes, config);
      initiator = side(initiator, step, 'MECH_LOOP');
      if (step.token)
        pending = { from: 'initiator', bytes: record('initiator', step.token, step.rules) };
      else closingRules.push(...step.rules);
    }
  }
  return finish();
}

function bareLeg(from: Role, scheme: string, acceptorState: string): TransportLeg {
  if (from === 'initiator') return { message: `HTTP GET with Authorization: ${scheme}` };
  const done = acceptorState === 'DONE';
  return {
    message: `HTTP ${done ? '200 OK' : '401'} with WWW-Authenticate: ${scheme}`,
    status: done
      ? { text: 'HTTP 200 OK', code: 200, tone: 'ok' }
      : {
          text: 'HTTP 401 Unauthorized',
          code: 401,
          tone: acceptorState === 'FAILED' ? 'error' : 'continue',
        },
  };
}

function bareOutcome(
  initiator: InitiatorState,
  acceptor: AcceptorState,
  mech: MechName | null,
  reason?: string,
): Outcome {
  const base = { initiator: initiator.name, acceptor: acceptor.name };
  if (initiator.name === 'DONE' && acceptor.name === 'DONE')
    return {
      ...base,
      result: 'established',
      mech,
      reason: `both sides completed with ${mech ? getMechanism(mech).title : 'no mechanism'}, without SPNEGO`,
    };
  return {
    ...base,
    result: acceptor.name === 'FAILED' ? 'rejected' : 'failed',
    mech,
    reason: reason ?? acceptor.error ?? initiator.error ?? 'the exchange stopped',
  };
}
