import { oidName } from '../../data/oids';
import type { SimConfig } from '../config';
import { acceptableMechs, getMechanism } from '../mechanisms';
import type { MechStep } from '../mechanisms/mechanism';
import { mechOfOid, sideProfile } from '../profiles';
import type { NegStateName, Rule } from '../types';
import { micPossible, receiveMic, sendMic } from './mic';
import type { SpnegoOutput, SpnegoState, SpnegoStep } from './step';
import {
  encodeNegTokenInit2,
  encodeNegTokenResp,
  readSpnegoToken,
  type SpnegoToken,
} from '../../codec/spnego/token';
import { FIXED_HINT_NAME } from '../../data/spnego';

type ReceivedInit = Extract<SpnegoToken, { kind: 'NegTokenInit' }>;
type ReceivedResp = Extract<SpnegoToken, { kind: 'NegTokenResp' }>;

/**
 * The SPNEGO acceptor (RFC 4178 §5; MIT krb5's is spnego_gss_accept_sec_context()): IDLE → (NegTokenInit2 hints) → WAIT_INIT →
 * MECH_LOOP → WAIT_PEER_MIC → DONE | FAILED. A pure step function.
 */
export type AcceptorStateName =
  'IDLE' | 'WAIT_INIT' | 'MECH_LOOP' | 'WAIT_PEER_MIC' | 'DONE' | 'FAILED';

export interface AcceptorState extends SpnegoState {
  role: 'acceptor';
  name: AcceptorStateName;
}

export function initialAcceptorState(): AcceptorState {
  return {
    role: 'acceptor',
    name: 'IDLE',
    mechTypes: [],
    mechTypesDer: null,
    selected: null,
    selectedOid: null,
    mech: null,
    mechComplete: false,
    micRequired: false,
    micSent: false,
    micReceived: false,
    error: null,
  };
}

const rule = (text: string, spec?: string): Rule => ({ by: 'acceptor', text, spec });

export function acceptorStep(
  state: AcceptorState,
  input: Uint8Array | null,
  config: SimConfig,
): SpnegoStep<AcceptorState> {
  if (input === null) {
    if (state.name !== 'IDLE') return { state, output: null, rules: [] };
    return hints(state, config);
  }
  const read = readSpnegoToken(input);
  if (!read.ok)
    return reject(state, `defective token: ${read.error.message}`, [
      rule(`cannot parse the token (${read.error.message}): reject`, 'RFC 4178 §4.2'),
    ]);
  const received = read.value;
  if (state.name === 'IDLE' || state.name === 'WAIT_INIT') {
    if (received.kind !== 'NegTokenInit')
      return reject(state, `expected NegTokenInit, got ${received.kind}`, [
        rule('the first token must be a NegTokenInit: defective', 'RFC 4178 §4.2.1'),
      ]);
    return negTokenInit(state, received, config);
  }
  if (received.kind !== 'NegTokenResp')
    return reject(state, `expected NegTokenResp, got ${received.kind}`, [
      rule('later tokens must be NegTokenResp: defective', 'RFC 4178 §4.2'),
    ]);
  if (state.name === 'MECH_LOOP' || state.name === 'WAIT_PEER_MIC')
    return negTokenResp(state, received, config);
  return { state, output: null, rules: [rule(`already ${state.name}; token ignored`)] };
}

/** MS-SPNG §3.2.5.2: asked to start with no input, the server sends NegTokenInit2 with hints. */
function hints(state: AcceptorState, config: SimConfig): SpnegoStep<AcceptorState> {
  const profile = sideProfile(config, 'acceptor');
  const mechs = acceptableMechs(config);
  const mechTypes = mechs.flatMap((m) => profile.acceptorOids[m]);
  const token = encodeNegTokenInit2({ mechTypes, negHints: { hintName: FIXED_HINT_NAME } });
  return {
    state: { ...state, name: 'WAIT_INIT' },
    output: { message: 'NegTokenInit2', token, mech: null, mechListMIC: false },
    rules: [
      {
        ...rule(
          `SMB-style server-initiated negotiation: the server speaks first with a NegTokenInit2 listing what it accepts [${mechTypes.map((o) => oidName(o) ?? o).join(', ')}] and the fixed hintName "not_defined_in_RFC4178@please_ignore"`,
          'MS-SPNG §3.2.5.2, §2.2.1',
        ),
        difference: 'acceptor-oids',
      },
    ],
  };
}

/**
 * The mechanism's error token (a KRB-ERROR) rides in the reject when this implementation sends
 * it; Heimdal 7 drops it.
 */
function errorToken(
  token: Uint8Array | undefined,
  config: SimConfig,
  rules: Rule[],
): Uint8Array | undefined {
  const profile = sideProfile(config, 'acceptor');
  if (!token || profile.rejectCarriesErrorToken) return token;
  rules.push({
    ...rule(
      `${profile.title} leaves the mechanism's error token out of its reject: the client learns only that it was rejected`,
      profile.sources.rejectCarriesErrorToken,
    ),
    difference: 'reject-carries-error-token',
  });
  return undefined;
}

function reject(
  state: AcceptorState,
  error: string,
  rules: Rule[],
  responseToken?: Uint8Array,
): SpnegoStep<AcceptorState> {
  const token = encodeNegTokenResp({ negState: 'reject', responseToken });
  const output: SpnegoOutput = {
    message: 'NegTokenResp',
    token,
    negState: 'reject',
    mech: responseToken ? state.selected : null,
    mechListMIC: false,
  };
  return {
    state: { ...state, name: 'FAILED', error },
    output,
    rules: [
      ...rules,
      rule(
        `replies negState reject${responseToken ? " carrying the mechanism's error token" : ''}`,
        'RFC 4178 §4.2.2',
      ),
    ],
  };
}

/** Selects a mechanism and sends the first reply (RFC 4178 §3.2; MIT `acc_ctx_new`, `negotiate_mech`). */
function negTokenInit(
  state: AcceptorState,
  init: ReceivedInit,
  config: SimConfig,
): SpnegoStep<AcceptorState> {
  const rules: Rule[] = [];
  const profile = sideProfile(config, 'acceptor');
  const supported = acceptableMechs(config);
  const notSupported = config.acceptor.mechs.filter((m) => !supported.includes(m));
  if (notSupported.length)
    rules.push(
      rule(
        `cannot accept ${notSupported.map((m) => getMechanism(m).title).join(' or ')}: the server lacks the credentials for it`,
      ),
    );
  let next: AcceptorState = {
    ...state,
    name: 'MECH_LOOP',
    mechTypes: init.mechTypes,
    mechTypesDer: init.mechTypesDer,
  };
  if (init.mechTypes.length === 0)
    return reject(next, 'empty mechTypes', [
      rule('mechTypes is empty: defective token', 'RFC 4178 §4.2.1'),
    ]);
  const index = init.mechTypes.findIndex((oid) => {
    const mech = mechOfOid(oid);
    return mech !== null && supported.includes(mech);
  });
  if (index < 0) {
    return reject(next, 'no common mechanism', [
      ...rules,
      rule(
        `none of [${init.mechTypes.map((o) => oidName(o) ?? o).join(', ')}] is acceptable here: no common mechanism`,
        'RFC 4178 §3.2 c I',
      ),
    ]);
  }
  const oid = init.mechTypes[index];
  const selected = mechOfOid(oid)!;
  const mech = getMechanism(selected);
  next = { ...next, selected, selectedOid: oid };
  const notFirst = index !== 0 && !(mechOfOid(init.mechTypes[0]) === selected);
  next.micRequired =
    notFirst || (profile.requestMic === 'not-first-or-not-preferred' && supported[0] !== selected);
  rules.push({
    ...rule(
      `walks the client's list in order and picks ${oidName(oid) ?? oid}, the client's ${ordinal(index + 1)} choice`,
      'RFC 4178 §3.2; MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, negotiate_mech()',
    ),
    difference: 'request-mic',
  });
  if (notFirst)
    rules.push({
      ...rule(
        `${mech.title} is not the client's first choice, so the MIC exchange is mandatory${profile.switchNegState === 'request-mic' ? ' (negState request-mic)' : ''}`,
        profile.sources.requestMic ?? profile.sources.requireMic ?? 'RFC 4178 §5',
      ),
      difference: 'request-mic',
    });
  else if (next.micRequired)
    rules.push({
      ...rule(
        `the server would rather use ${getMechanism(supported[0]).title}, so the MIC exchange is mandatory`,
        'RFC 4178 §5',
      ),
      difference: 'request-mic',
    });

  if (notFirst || !init.mechToken) {
    if (init.mechToken) {
      const optimistic = mechOfOid(init.mechTypes[0]);
      rules.push(
        rule(
          `the optimistic ${optimistic ? getMechanism(optimistic).title : ''} token belongs to the client's first choice and is discarded unread`,
          'RFC 4178 §3.2; MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, spnego_gss_accept_sec_context()',
        ),
      );
    }
    const negState: NegStateName = !next.micRequired
      ? 'accept-incomplete'
      : notFirst
        ? profile.switchNegState
        : 'request-mic';
    if (notFirst && negState !== 'request-mic')
      rules.push({
        ...rule(
          `${profile.title} says accept-incomplete, not request-mic, for a switch of mechanism: it will still demand the mechListMIC once ${mech.title} completes`,
          profile.sources.switchNegState,
        ),
        difference: 'switch-negstate',
      });
    rules.push(
      rule(
        `replies ${negState} with supportedMech ${oidName(oid) ?? oid} and no responseToken: the client must start ${mech.title}`,
        'RFC 4178 §4.2.2',
      ),
    );
    const token = encodeNegTokenResp({ negState, supportedMech: oid });
    return {
      state: next,
      output: {
        message: 'NegTokenResp',
        token,
        negState,
        supportedMech: oid,
        mech: null,
        mechListMIC: false,
      },
      rules,
    };
  }

  const step = mech.accept(null, init.mechToken, config);
  rules.push(...step.rules);
  next = { ...next, mech: step.state, mechComplete: step.status === 'complete' };
  if (step.status === 'failed') {
    rules.push({
      ...rule(
        `${mech.title} rejected the optimistic token: no fallback to another mechanism once the chosen one has failed`,
        'RFC 4178 §5; MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, acc_ctx_call_acc()',
      ),
      difference: 'reject-carries-error-token',
    });
    const carried = errorToken(step.token, config, rules);
    return reject(next, step.error ?? `${mech.title} failed`, rules, carried);
  }
  return reply(next, step, undefined, true, rules, config);
}

/** The initiator's later tokens (MIT `acc_ctx_cont`). */
function negTokenResp(
  state: AcceptorState,
  resp: ReceivedResp,
  config: SimConfig,
): SpnegoStep<AcceptorState> {
  const rules: Rule[] = [];
  if (resp.negState === 'reject') {
    return {
      state: { ...state, name: 'FAILED', error: 'the client rejected' },
      output: null,
      rules: [rule('the client sent reject: the negotiation is over')],
    };
  }
  if (resp.supportedMech)
    rules.push(
      rule(
        'the client repeated supportedMech in a later token; MIT would call this defective',
        'MS-SPNG §3.3.5; MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, acc_ctx_cont()',
      ),
    );
  if (!resp.responseToken && !resp.mechListMIC)
    return reject(state, 'empty NegTokenResp', [
      rule(
        'a NegTokenResp with neither responseToken nor mechListMIC is defective',
        'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, acc_ctx_cont()',
      ),
    ]);
  const mech = getMechanism(state.selected!);
  let next = { ...state };
  let step: MechStep | null = null;
  if (resp.responseToken) {
    if (next.mechComplete)
      return reject(next, 'token after completion', [
        rule(`${mech.title} is complete, yet another token came: defective`, 'RFC 4178 §5'),
      ]);
    step = mech.accept(next.mech, resp.responseToken, config);
    rules.push(...step.rules);
    next = { ...next, mech: step.state, mechComplete: step.status === 'complete' };
    if (step.status === 'failed') {
      const carried = errorToken(step.token, config, rules);
      return reject(next, step.error ?? `${mech.title} failed`, rules, carried);
    }
  }
  return reply(next, step, resp.mechListMIC, false, rules, config);
}

/** MIC logic and the reply (RFC 4178 §5; MIT `handle_mic`, `acc_ctx_call_acc`). */
function reply(
  state: AcceptorState,
  step: MechStep | null,
  receivedMic: Uint8Array | undefined,
  firstReply: boolean,
  rules: Rule[],
  config: SimConfig,
): SpnegoStep<AcceptorState> {
  const profile = sideProfile(config, 'acceptor');
  const mech = getMechanism(state.selected!);
  let next = { ...state };
  let mic: Uint8Array | undefined;
  const token = step?.token;

  if (micPossible(next)) {
    const receipt = receiveMic(next, receivedMic, config);
    rules.push(...receipt.rules);
    next = receipt.state;
    if (receipt.error) return reject(next, 'mechListMIC verification failed', rules);
    if (!receivedMic && !firstReply && next.micRequired && !token && !next.micSent) {
      return reject(next, 'mechListMIC missing', [
        ...rules,
        rule(
          'the client sent its last mechanism token without the required mechListMIC: defective token',
          'RFC 4178 §5 c',
        ),
      ]);
    }
    if (next.micRequired && !next.micSent) {
      const sent = sendMic(
        next,
        rule('attaches its own mechListMIC over DER(MechTypeList) as received', 'RFC 4178 §5 a'),
      );
      rules.push(...sent.rules);
      next = sent.state;
      mic = sent.mic;
    } else if (!next.micRequired) {
      rules.push(
        rule(
          `no MIC exchange: ${mech.title} was the first choice of both sides, so the MIC is optional and omitted (Windows clients would even abort on an unasked MIC here)`,
          'RFC 4178 §5 b',
        ),
      );
    }
  }

  let negState: NegStateName;
  if (!next.mechComplete)
    negState = firstReply && next.micRequired ? 'request-mic' : 'accept-incomplete';
  else if (!next.micRequired || (next.micSent && next.micReceived)) negState = 'accept-completed';
  else negState = firstReply ? 'request-mic' : 'accept-incomplete';

  if (next.micSent && next.micReceived && !mic && !token) {
    // A3: the client's MIC closed the exchange; nothing is sent (RFC 4178 §5).
    rules.push(
      rule('both MICs verified: the server is done and sends no further token', 'RFC 4178 §5 b'),
    );
    return { state: { ...next, name: 'DONE' }, output: null, rules };
  }
  const name =
    negState === 'accept-completed' ? 'DONE' : next.mechComplete ? 'WAIT_PEER_MIC' : 'MECH_LOOP';
  const supportedMech = firstReply ? next.selectedOid! : undefined;
  if (
    firstReply &&
    supportedMech &&
    next.selected === 'kerberos' &&
    supportedMech !== profile.acceptorOids.kerberos.at(-1)
  ) {
    rules.push({
      ...rule(
        `supportedMech echoes ${oidName(supportedMech)} exactly as the client listed it`,
        'MS-SPNG §3.2.5, App. A <10>',
      ),
      difference: 'echo-ms-oid',
    });
  }
  rules.push(
    rule(
      `replies ${negState}${token ? ` with ${mech.title}'s token` : ''}${mic ? ' and its mechListMIC' : ''}`,
      'RFC 4178 §4.2.2',
    ),
  );
  const output: SpnegoOutput = {
    message: 'NegTokenResp',
    token: encodeNegTokenResp({ negState, supportedMech, responseToken: token, mechListMIC: mic }),
    negState,
    supportedMech,
    mech: token ? next.selected : null,
    mechListMIC: !!mic,
  };
  return { state: { ...next, name }, output, rules };
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
