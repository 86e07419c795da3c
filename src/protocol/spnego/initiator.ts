import { OID, oidName } from '../../data/oids';
import type { SimConfig } from '../config';
import { getMechanism, offeredMechs } from '../mechanisms';
import type { MechStep } from '../mechanisms/mechanism';
import { mechOfOid, sideProfile } from '../profiles';
import type { MechName, NegStateName, Rule } from '../types';
import { micPossible, receiveMic, sendMic } from './mic';
import type { SpnegoOutput, SpnegoState, SpnegoStep } from './step';
import {
  encodeMechTypeList,
  encodeNegTokenInit,
  encodeNegTokenResp,
  readSpnegoToken,
} from '../../codec/spnego/token';

/**
 * The SPNEGO initiator (RFC 4178 §5; MIT krb5's is spnego_gss_init_sec_context()): START → WAIT_FIRST_REPLY → MECH_LOOP →
 * DONE | FAILED. A pure step function: (state, input token) → (state, output token, rules).
 */
export type InitiatorStateName = 'START' | 'WAIT_FIRST_REPLY' | 'MECH_LOOP' | 'DONE' | 'FAILED';

export interface InitiatorState extends SpnegoState {
  role: 'initiator';
  name: InitiatorStateName;
  /** The mechanism whose token went optimistically in NegTokenInit (mechTypes[0]). */
  optimistic: MechName | null;
}

export function initialInitiatorState(): InitiatorState {
  return {
    role: 'initiator',
    name: 'START',
    mechTypes: [],
    mechTypesDer: null,
    optimistic: null,
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

const rule = (text: string, spec?: string): Rule => ({ by: 'initiator', text, spec });

export function initiatorStep(
  state: InitiatorState,
  input: Uint8Array | null,
  config: SimConfig,
): SpnegoStep<InitiatorState> {
  switch (state.name) {
    case 'START':
      return start(state, input, config);
    case 'WAIT_FIRST_REPLY':
    case 'MECH_LOOP':
      return continueNegotiation(state, input, config);
    default:
      return { state, output: null, rules: [rule(`already ${state.name}; nothing more to do`)] };
  }
}

function fail(
  state: InitiatorState,
  error: string,
  rules: Rule[],
  output: SpnegoOutput | null = null,
): SpnegoStep<InitiatorState> {
  return { state: { ...state, name: 'FAILED', error }, output, rules };
}

/**
 * A defective first reply: the context fails; MIT also tells the acceptor so with its own reject
 * token (init_ctx_nego() sets ERROR_TOKEN_SEND).
 */
function defective(
  state: InitiatorState,
  error: string,
  config: SimConfig,
  rules: Rule[],
): SpnegoStep<InitiatorState> {
  const profile = sideProfile(config, 'initiator');
  if (!profile.rejectTokenAfterDefectiveReply) return fail(state, error, rules);
  return fail(
    state,
    error,
    [
      ...rules,
      {
        ...rule(
          `${profile.title} answers a defective reply with its own reject token`,
          profile.sources.rejectTokenAfterDefectiveReply,
        ),
        difference: 'reject-token-after-defective-reply',
      },
    ],
    {
      message: 'NegTokenResp',
      token: encodeNegTokenResp({ negState: 'reject' }),
      negState: 'reject',
      mech: null,
      mechListMIC: false,
    },
  );
}

/** Builds NegTokenInit (RFC 4178 §4.2.1; MIT `init_ctx_new`). A server-initiated NegTokenInit2 may come first. */
function start(
  state: InitiatorState,
  input: Uint8Array | null,
  config: SimConfig,
): SpnegoStep<InitiatorState> {
  const rules: Rule[] = [];
  const profile = sideProfile(config, 'initiator');
  if (input) {
    const read = readSpnegoToken(input);
    const hint = read.ok ? read.value : null;
    if (hint?.kind === 'NegTokenInit2' || hint?.kind === 'NegTokenInit') {
      rules.push(
        rule(
          `the server opened with ${hint.kind} listing [${(hint.mechTypes ?? []).map((o) => oidName(o) ?? o).join(', ')}]; like Windows, the client ignores the hints and starts its own negotiation with its own list, which is what the mechListMIC will cover`,
          'MS-SPNG §1.3.4, §3.3.5.2',
        ),
      );
    }
  }
  const mechs = offeredMechs(config);
  const skipped = config.initiator.mechs.filter((m) => !mechs.includes(m));
  if (skipped.length) {
    // Why, in the mechanism's words: its own start fails without credentials (MIT tries each
    // mechanism's init_sec_context and leaves out those that fail).
    for (const m of skipped) {
      const attempt = getMechanism(m).initiate(config);
      if (attempt.status === 'failed') rules.push(...attempt.rules);
    }
    rules.push(
      rule(
        `${skipped.map((m) => getMechanism(m).title).join(' and ')} not offered: the client has no credentials for it`,
        'RFC 4178 §3.1; MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_call_init()',
      ),
    );
  }
  if (mechs.length === 0)
    return fail(state, 'the client has no credentials for any mechanism', [
      ...rules,
      rule('nothing to offer: no NegTokenInit is sent', 'RFC 4178 §3.1'),
    ]);
  const mechTypes = mechs.flatMap((m) => profile.initiatorOids[m]);
  if (profile.listsNegoex && config.initiator.negoex && !mechTypes.includes(OID.negoex)) {
    // After Kerberos (or the first mechanism), never first: the optimistic token is not NEGOEX's.
    const after = mechs.includes('kerberos') ? 'kerberos' : mechs[0];
    const at = mechTypes.reduce((last, o, i) => (mechOfOid(o) === after ? i + 1 : last), 0);
    mechTypes.splice(at, 0, OID.negoex);
    rules.push({
      ...rule(
        'lists NEGOEX (a NEGOEX package is installed); only the list: an acceptor without NEGOEX skips it',
        profile.sources.listsNegoex,
      ),
      difference: 'lists-negoex',
    });
  }
  const mechTypesDer = encodeMechTypeList(mechTypes);
  rules.push({
    ...rule(
      `offers mechTypes [${mechTypes.map((o) => oidName(o) ?? o).join(', ')}], most preferred first${profile.initiatorOids.kerberos.length > 1 && mechs.includes('kerberos') ? ` (the MS Kerberos OID first, as ${profile.title} does)` : ''}`,
      profile.sources.initiatorOids ?? 'RFC 4178 §3.1',
    ),
    difference: 'initiator-oids',
  });
  let next: InitiatorState = {
    ...state,
    name: 'WAIT_FIRST_REPLY',
    mechTypes,
    mechTypesDer,
    optimistic: mechs[0],
  };
  let mechToken: Uint8Array | undefined;
  if (config.initiator.optimistic) {
    const mech = getMechanism(mechs[0]);
    const step = mech.initiate(config);
    rules.push(...step.rules);
    if (step.status === 'failed')
      return fail(next, step.error ?? `${mech.title} could not start`, rules);
    mechToken = step.token;
    next = {
      ...next,
      selected: mechs[0],
      mech: step.state,
      mechComplete: step.status === 'complete',
    };
    rules.push(
      rule(
        `sends ${mech.title}'s first token optimistically in mechToken, betting the acceptor picks ${mech.title}`,
        'RFC 4178 §3.2 (optimistic mechanism token)',
      ),
    );
    if (step.status === 'complete')
      rules.push(
        rule(
          `${mech.title}'s context is already complete on the client side (no mutual authentication asked)`,
        ),
      );
  } else {
    rules.push(
      rule('sends no optimistic token: the acceptor picks a mechanism first', 'RFC 4178 §3.1'),
    );
  }
  const token = encodeNegTokenInit({ mechTypes, mechToken });
  return {
    state: next,
    output: {
      message: 'NegTokenInit',
      token,
      mech: mechToken ? mechs[0] : null,
      mechListMIC: false,
    },
    rules,
  };
}

/** The acceptor's replies: the first (MIT `init_ctx_nego`) and later ones (MIT `init_ctx_cont`). */
function continueNegotiation(
  state: InitiatorState,
  input: Uint8Array | null,
  config: SimConfig,
): SpnegoStep<InitiatorState> {
  const rules: Rule[] = [];
  const profile = sideProfile(config, 'initiator');
  if (!input)
    return fail(state, 'expected a reply from the acceptor', [
      rule('no reply: the negotiation cannot go on'),
    ]);
  const read = readSpnegoToken(input);
  const resp = read.ok ? read.value : null;
  if (resp?.kind !== 'NegTokenResp') {
    return fail(state, !read.ok ? read.error.message : `expected NegTokenResp, got ${resp?.kind}`, [
      rule('the reply is not a NegTokenResp: defective token', 'RFC 4178 §4.2'),
    ]);
  }
  const first = state.name === 'WAIT_FIRST_REPLY';
  let next: InitiatorState = { ...state, name: 'MECH_LOOP' };

  if (resp.negState === 'reject') {
    rules.push(rule('the acceptor rejected the negotiation (negState reject)', 'RFC 4178 §4.2.2'));
    if (resp.responseToken && next.mech && next.selected) {
      const mech = getMechanism(next.selected);
      const step = mech.initiatorContinue(next.mech, resp.responseToken, config);
      rules.push(...step.rules);
      rules.push(
        rule(
          `the reject carried a ${mech.title} error token: passed to ${mech.title} for the precise error`,
          'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_cont()',
        ),
      );
      const reason = step.error ?? 'rejected by the acceptor';
      if (profile.rejectTokenAfterMechError) {
        rules.push({
          ...rule(
            'MIT answers with its own reject token after the mechanism failed',
            profile.sources.rejectTokenAfterMechError,
          ),
          difference: 'reject-token-after-mech-error',
        });
        const token = encodeNegTokenResp({ negState: 'reject' });
        return fail({ ...next, mech: step.state }, reason, rules, {
          message: 'NegTokenResp',
          token,
          negState: 'reject',
          mech: null,
          mechListMIC: false,
        });
      }
      return fail({ ...next, mech: step.state }, reason, rules);
    }
    return fail(next, first ? 'no common mechanism (GSS_S_BAD_MECH)' : 'rejected by the acceptor', [
      ...rules,
      rule('nothing to send back; the context fails', 'RFC 4178 §3.2 c I'),
    ]);
  }

  if (first) {
    const chosenOid = resp.supportedMech;
    const chosen = chosenOid ? mechOfOid(chosenOid) : next.optimistic;
    if (!chosenOid)
      rules.push({
        ...rule(
          'no supportedMech in the first reply: the optimistic mechanism is taken as accepted',
          'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_nego()',
        ),
        difference: 'bare-first-reply',
      });
    if (
      !chosen ||
      (chosenOid &&
        !next.mechTypes.includes(chosenOid) &&
        !(chosen === 'kerberos' && next.optimistic === 'kerberos'))
    ) {
      return defective(next, `supportedMech ${chosenOid} was never offered`, config, [
        rule(
          `the acceptor chose ${chosenOid}, which the client did not offer: defective token`,
          'RFC 4178 §5',
        ),
      ]);
    }
    if (chosen === next.optimistic) {
      rules.push(
        rule(
          `the acceptor chose ${getMechanism(chosen).title}, the client's first choice${chosenOid && chosenOid !== profile.initiatorOids[chosen][0] ? ` (as ${oidName(chosenOid)}; all Kerberos OIDs count as one mechanism)` : ''}`,
          'RFC 4178 §5; MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_nego(), is_kerb_mech()',
        ),
      );
      if (resp.negState === 'request-mic') {
        next.micRequired = true;
        rules.push(rule('request-mic: the MIC exchange is now mandatory', 'RFC 4178 §4.2.2'));
      }
    } else {
      // Reselection: the optimistic context is thrown away (MIT `init_ctx_reselect`).
      const title = getMechanism(chosen).title;
      const tolerated =
        resp.negState === 'accept-incomplete' &&
        (profile.switchWithoutRequestMic === 'always' ||
          (profile.switchWithoutRequestMic === 'ntlm-only' && chosen === 'ntlm'));
      if (resp.negState !== 'request-mic' && !tolerated) {
        return defective(next, `the acceptor switched to ${title} without request-mic`, config, [
          {
            ...rule(
              `the acceptor picked ${title}, not the client's first choice, but did not send request-mic: defective token${profile.switchWithoutRequestMic === 'ntlm-only' ? ` (${profile.title} tolerates that only for a fallback to NTLMSSP)` : ''}`,
              profile.switchWithoutRequestMic === 'never'
                ? 'RFC 4178 §5 c'
                : `RFC 4178 §5 c; ${profile.sources.switchWithoutRequestMic}`,
            ),
            difference: 'switch-without-request-mic',
          },
        ]);
      }
      // MIT requires the MIC only when asked (init_ctx_reselect(): mic_reqd = request-mic); Heimdal
      // and Samba whenever the first choice was not taken.
      const micRequired =
        resp.negState === 'request-mic' || profile.switchWithoutRequestMic === 'always';
      next = { ...next, selected: chosen, mech: null, mechComplete: false, micRequired };
      if (tolerated)
        rules.push({
          ...rule(
            `accept-incomplete instead of request-mic for a switch of mechanism: ${profile.title} tolerates it`,
            profile.sources.switchWithoutRequestMic,
          ),
          difference: 'switch-without-request-mic',
        });
      rules.push(
        rule(
          `the acceptor picked ${title}, not the client's first choice${next.optimistic ? `: the optimistic ${getMechanism(next.optimistic).title} token is discarded` : ''}${micRequired ? ', and the MIC exchange becomes mandatory' : ''}`,
          'RFC 4178 §5 c',
        ),
      );
      const step = getMechanism(chosen).initiate(config);
      rules.push(...step.rules);
      if (step.status === 'failed')
        return fail({ ...next, mech: step.state }, step.error ?? `${title} failed`, rules);
      next = { ...next, mech: step.state, mechComplete: step.status === 'complete' };
      if (resp.responseToken)
        rules.push(rule('ignores a responseToken that came with the reselection'));
      return respond(next, step, rules, config);
    }
    next.selectedOid = chosenOid ?? null;
    next.selected = chosen;
  }

  if (!next.mech || !next.selected) {
    // No optimistic token was sent: start the chosen mechanism now.
    const mech = getMechanism(next.selected!);
    const step = mech.initiate(config);
    rules.push(...step.rules);
    if (step.status === 'failed')
      return fail({ ...next, mech: step.state }, step.error ?? `${mech.title} failed`, rules);
    next = { ...next, mech: step.state, mechComplete: step.status === 'complete' };
    return respond(next, step, rules, config);
  }

  const mech = getMechanism(next.selected);
  let step: MechStep | null = null;
  if (resp.responseToken && resp.responseToken.length > 0) {
    if (next.mechComplete)
      return fail(next, 'a responseToken arrived after the mechanism completed', [
        rule(
          `${mech.title} is already complete, yet the acceptor sent a token: defective`,
          'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_cont()',
        ),
      ]);
    step = mech.initiatorContinue(next.mech, resp.responseToken, config);
    rules.push(...step.rules);
    if (step.status === 'failed')
      return fail({ ...next, mech: step.state }, step.error ?? `${mech.title} failed`, rules);
    next = { ...next, mech: step.state, mechComplete: step.status === 'complete' };
  } else if (!next.mechComplete) {
    return fail(next, 'no token from the acceptor', [
      rule(
        `${mech.title} still needs a token from the acceptor but none came`,
        'RFC 4178 §5; MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_cont()',
      ),
    ]);
  }
  return finishOrContinue(next, step, resp.mechListMIC, resp.negState, rules, config);
}

/** Sends a mechanism token in a NegTokenResp (the mechanism is not complete yet, or MIC follows). */
function respond(
  state: InitiatorState,
  step: MechStep,
  rules: Rule[],
  config: SimConfig,
): SpnegoStep<InitiatorState> {
  return finishOrContinue(state, step, undefined, undefined, rules, config);
}

/**
 * MIC logic and output (RFC 4178 §5; MIT `handle_mic`, `process_mic`): once the mechanism is complete, a
 * received MIC is verified over our own MechTypeList; ours is sent when required or when the
 * acceptor sent one; the context is DONE when nothing more is owed either way.
 */
function finishOrContinue(
  state: InitiatorState,
  step: MechStep | null,
  receivedMic: Uint8Array | undefined,
  peerNegState: NegStateName | undefined,
  rules: Rule[],
  config: SimConfig,
): SpnegoStep<InitiatorState> {
  const mech = getMechanism(state.selected!);
  let next = { ...state };
  let mic: Uint8Array | undefined;

  if (micPossible(next)) {
    const receipt = receiveMic(next, receivedMic, config);
    rules.push(...receipt.rules);
    next = receipt.state;
    if (receipt.error) return fail(next, receipt.error, rules);
    if (next.micRequired && !next.micSent) {
      const answering = next.micReceived;
      const sent = sendMic(
        next,
        rule(
          answering
            ? "answers the acceptor's MIC with its own mechListMIC (whoever receives a MIC must send one)"
            : 'attaches its mechListMIC over DER(MechTypeList) as it sent it',
          answering
            ? 'RFC 4178 §5; MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, process_mic()'
            : 'RFC 4178 §5 a, c',
        ),
      );
      rules.push(...sent.rules);
      next = sent.state;
      mic = sent.mic;
    } else if (!next.micRequired) {
      rules.push(
        rule(
          "no MIC exchange: the chosen mechanism was everyone's first choice, so the MIC is optional and omitted",
          'RFC 4178 §5 b, c',
        ),
      );
    }
  } else if (next.mechComplete && receivedMic) {
    rules.push(
      rule(`ignores a mechListMIC: ${mech.title} offers no integrity here`, 'RFC 4178 §5'),
    );
  }

  const token = step?.token;
  const peerDone = peerNegState === 'accept-completed';
  const micsSettled =
    !next.micRequired && !next.micReceived ? true : next.micSent && next.micReceived;

  if (next.mechComplete && !token && !mic) {
    if (next.micRequired && !next.micReceived && peerDone) {
      return fail(next, 'the acceptor completed without the required mechListMIC', [
        ...rules,
        rule(
          'the MIC exchange was required but the acceptor sent none: defective token',
          'RFC 4178 §5 b',
        ),
      ]);
    }
    rules.push(
      rule(
        `${mech.title} is complete and nothing more is owed: the client is done and sends nothing`,
        'RFC 4178 §5; MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_call_init()',
      ),
    );
    return { state: { ...next, name: 'DONE' }, output: null, rules };
  }

  const negState: NegStateName =
    next.mechComplete && micsSettled && next.micReceived ? 'accept-completed' : 'accept-incomplete';
  const done = next.mechComplete && micsSettled && (negState === 'accept-completed' || peerDone);
  rules.push(
    rule(
      `sends a NegTokenResp with negState ${negState}${token ? ` and ${mech.title}'s next token` : ''}${mic ? ' and its mechListMIC' : ''}`,
      'RFC 4178 §4.2.2',
    ),
  );
  const omit = sideProfile(config, 'initiator').omitsNegStateInResp;
  if (omit)
    rules.push({
      ...rule(
        `leaves negState out (it would be ${negState}): Samba's client never sends one after its first token`,
        sideProfile(config, 'initiator').sources.omitsNegStateInResp,
      ),
      difference: 'omits-negstate-in-resp',
    });
  const output: SpnegoOutput = {
    message: 'NegTokenResp',
    token: encodeNegTokenResp({
      negState: omit ? undefined : negState,
      responseToken: token,
      mechListMIC: mic,
    }),
    negState: omit ? undefined : negState,
    mech: token ? next.selected : null,
    mechListMIC: !!mic,
  };
  return { state: { ...next, name: done ? 'DONE' : 'MECH_LOOP' }, output, rules };
}
