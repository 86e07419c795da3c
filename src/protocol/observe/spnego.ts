import { OID, oidName } from '../../data/oids';
import { FIXED_HINT_NAME } from '../../data/spnego';
import { mechOfOid, PROFILES } from '../profiles';
import type { Rule } from '../types';
import {
  initialMechState,
  observeMech,
  type MechObserverState,
  type OrderVerdict,
} from './mechanism';
import type { MechObservation, ObservedFacts, Side, TokenObservation } from './types';

/**
 * The simulator's state names (spnego/initiator.ts `InitiatorStateName`, spnego/acceptor.ts
 * `AcceptorStateName`), written here so that observing imports nothing that decodes; a test holds
 * them equal to the simulator's.
 */
export type InitiatorStateName = 'START' | 'WAIT_FIRST_REPLY' | 'MECH_LOOP' | 'DONE' | 'FAILED';
export type AcceptorStateName =
  'IDLE' | 'WAIT_INIT' | 'MECH_LOOP' | 'WAIT_PEER_MIC' | 'DONE' | 'FAILED';

/**
 * The simulator's two SPNEGO machines (spnego/initiator.ts, spnego/acceptor.ts) run in observing
 * mode: instead of producing tokens they are shown each token in turn and move to the state the
 * sender must have been in to send it, and the receiver to the state it reaches on reading it
 * when that ends its part. The state names are the simulator's; the rules cite the same sources.
 * Bare mechanism exchanges (raw Kerberos, raw NTLM) use the same names.
 */
export interface ObserverState {
  initiator: InitiatorStateName;
  acceptor: AcceptorStateName;
  /** SPNEGO, a bare mechanism exchange, or not known yet. */
  mode: 'spnego' | 'bare' | null;
  /** The initiator's mechTypes (NegTokenInit), null until seen. */
  mechTypes: string[] | null;
  /** The acceptor's NegTokenInit2 list. */
  hints: string[] | null;
  /** Mechanism of mechTypes[0] (`kerberos`, `ntlm`, `negoex` or the OID). */
  optimisticMech: string | null;
  optimisticOid: string | null;
  optimisticToken: boolean;
  selected: string | null;
  selectedOid: string | null;
  firstReplySeen: boolean;
  /** negState of the acceptor's latest reply, and of its first. */
  lastAcceptorNegState: string | null;
  firstReplyNegState: string | null;
  reselected: boolean;
  micRequired: boolean;
  micRequiredWhy: Rule | null;
  micFromInitiator: boolean;
  micFromAcceptor: boolean;
  mech: MechObserverState;
  /** Who ended the exchange (reject, KRB-ERROR) and why. */
  endedBy: Side | null;
  failure: string | null;
  sent: { initiator: number; acceptor: number };
}

/** What the transport said about a leg, where it says anything (HTTP status, SMB or LDAP result). */
export type LegAnswer = 'success' | 'failure' | null;

export interface ObservedStep {
  state: ObserverState;
  rules: Rule[];
  facts: ObservedFacts;
  /** The mechanism's message order, for a token carrying a mechanism message. */
  order: OrderVerdict | null;
}

export function initialObserverState(): ObserverState {
  return {
    initiator: 'START',
    acceptor: 'IDLE',
    mode: null,
    mechTypes: null,
    hints: null,
    optimisticMech: null,
    optimisticOid: null,
    optimisticToken: false,
    selected: null,
    selectedOid: null,
    firstReplySeen: false,
    lastAcceptorNegState: null,
    firstReplyNegState: null,
    reselected: false,
    micRequired: false,
    micRequiredWhy: null,
    micFromInitiator: false,
    micFromAcceptor: false,
    mech: initialMechState(),
    endedBy: null,
    failure: null,
    sent: { initiator: 0, acceptor: 0 },
  };
}

/** Both sides finished successfully. */
export function isEstablished(state: ObserverState): boolean {
  return state.initiator === 'DONE' && state.acceptor === 'DONE';
}

/** The mechanism an OID names, all Kerberos OIDs as one (krb5 `is_kerb_mech`). */
export function mechFamily(oid: string): string {
  if (oid === OID.negoex) return 'negoex';
  return mechOfOid(oid) ?? oid;
}

const TITLES: Record<string, string> = { kerberos: 'Kerberos', ntlm: 'NTLM', negoex: 'NEGOEX' };

export function mechTitle(mech: string | null): string {
  if (!mech) return 'no mechanism';
  return TITLES[mech] ?? oidName(mech) ?? mech;
}

function names(oids: readonly string[]): string {
  return oids.map((o) => oidName(o) ?? o).join(', ');
}

function baseFacts(state: ObserverState): ObservedFacts {
  return {
    firstReply: false,
    selected: state.selected,
    reselected: state.reselected,
    optimistic: null,
    micRequired: state.micRequired,
    micRequiredWhy: state.micRequiredWhy,
    micDue: false,
    perMessage: false,
  };
}

const MIT_SPNEGO = 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c';

/**
 * One observed token: `from` sent `obs`. `answer` is what the transport said about the leg (HTTP
 * status of the response, SMB/LDAP result), used only where the token is the last of its side.
 */
export function observeToken(
  state: ObserverState,
  from: Side,
  obs: TokenObservation,
  answer: LegAnswer = null,
): ObservedStep {
  const rules: Rule[] = [];
  const rule = (text: string, spec?: string, by: Side = from): Rule => ({ by, text, spec });
  let next: ObserverState = {
    ...state,
    sent: { ...state.sent, [from]: state.sent[from] + 1 },
  };
  const facts = baseFacts(state);
  let order: OrderVerdict | null = null;

  const mechStep = (inner: MechObservation | null) => {
    if (!inner) return;
    const seen = observeMech(next.mech, from, inner);
    rules.push(...seen.rules);
    order = seen.order;
    next = { ...next, mech: seen.state };
  };
  const finish = (): ObservedStep => {
    next.micRequired = next.micRequired || false;
    facts.selected = next.selected;
    facts.reselected = next.reselected;
    facts.micRequired = next.micRequired;
    facts.micRequiredWhy = next.micRequiredWhy;
    return { state: next, rules, facts, order };
  };

  switch (obs.kind) {
    case 'unknown':
      rules.push(rule(`not a token the negotiation can use: ${obs.error}`));
      next.sent = state.sent;
      return finish();
    case 'per-message':
      facts.perMessage = true;
      next.sent = state.sent;
      rules.push(
        isEstablished(state)
          ? rule(
              `a per-message token (${obs.what}) on the established context: application data protected by the negotiated ${obs.mech === 'kerberos' ? 'Kerberos' : 'NTLM'} keys, not part of the negotiation`,
              obs.mech === 'kerberos' ? 'RFC 4121 §4.2' : 'MS-NLMP §3.4',
            )
          : rule(
              `a per-message token (${obs.what}) before the context was seen to be established: the exchange before it is missing from the input or still running`,
              obs.mech === 'kerberos' ? 'RFC 4121 §4.2' : 'MS-NLMP §3.4',
            ),
      );
      return finish();
    case 'NegTokenInit2':
      next.mode = 'spnego';
      next.hints = obs.mechTypes;
      next.acceptor = from === 'acceptor' ? 'WAIT_INIT' : next.acceptor;
      rules.push(
        rule(
          `server-initiated negotiation: the server speaks first with a NegTokenInit2 listing what it accepts [${names(obs.mechTypes)}]`,
          'MS-SPNG §3.2.5.2, §2.2.1',
        ),
      );
      if (obs.hintName === FIXED_HINT_NAME)
        rules.push({
          ...rule(
            `the hintName is the fixed "${FIXED_HINT_NAME}" that receivers ignore`,
            'MS-SPNG §2.2.1, §3.2.5.2',
          ),
          difference: 'hint-name',
        });
      else if (obs.hintName !== null)
        rules.push({
          ...rule(
            `hintName "${obs.hintName}" instead of the fixed string: Windows 2000/XP/2003 put the server's principal there; receivers must not trust it`,
            'MS-SPNG App. A <6>, §5.1',
          ),
          difference: 'hint-name',
        });
      if (from === 'initiator')
        rules.push(rule('NegTokenInit2 is the acceptor’s token; here it came from the client'));
      return finish();
    case 'NegTokenInit':
      return negTokenInit(obs);
    case 'NegTokenResp':
      next.mode = 'spnego';
      if (from === 'acceptor') return next.firstReplySeen ? acceptorLater(obs) : firstReply(obs);
      return initiatorLater(obs);
    case 'mech':
      return bare(obs.inner);
  }

  function negTokenInit(obs: Extract<TokenObservation, { kind: 'NegTokenInit' }>): ObservedStep {
    if (state.initiator !== 'START' || state.firstReplySeen) {
      rules.push(
        rule(
          'a new NegTokenInit: the client starts the negotiation again (a new connection or a retry), so what came before is set aside',
          'RFC 4178 §4.2.1',
        ),
      );
      next = { ...initialObserverState(), hints: state.hints, sent: { initiator: 1, acceptor: 0 } };
      if (state.hints) next.acceptor = 'WAIT_INIT';
    }
    next.mode = 'spnego';
    if (from === 'acceptor')
      rules.push(rule('NegTokenInit is the client’s first token; here it came from the acceptor'));
    if (next.hints)
      rules.push(
        rule(
          `the client ignores the server's hints and starts its own negotiation with its own list, which is what a mechListMIC will cover`,
          'MS-SPNG §1.3.4, §3.3.5.2',
        ),
      );
    next.mechTypes = obs.mechTypes;
    next.initiator = 'WAIT_FIRST_REPLY';
    if (obs.mechTypes.length === 0) {
      rules.push(rule('mechTypes is empty: a defective NegTokenInit', 'RFC 4178 §4.2.1'));
      return finish();
    }
    next.optimisticOid = obs.mechTypes[0];
    next.optimisticMech = mechFamily(obs.mechTypes[0]);
    next.optimisticToken = obs.inner !== null;
    rules.push(
      rule(`offers mechTypes [${names(obs.mechTypes)}], most preferred first`, 'RFC 4178 §3.1'),
    );
    if (obs.reqFlags)
      rules.push(
        rule(
          'reqFlags is present: it is not integrity-protected, senders should omit it and acceptors ignore it',
          'RFC 4178 §4.2.1; MS-SPNG §3.1.5.5',
        ),
      );
    if (obs.mechListMIC !== null)
      rules.push(
        rule(
          'a mechListMIC in NegTokenInit: no mechanism is established yet, so nothing can verify it',
          'RFC 4178 §4.2.1, §5',
        ),
      );
    if (obs.inner) {
      const title = mechTitle(obs.inner.mech);
      rules.push(
        rule(
          `sends ${title}'s first token optimistically in mechToken, betting the acceptor picks ${mechTitle(next.optimisticMech)}`,
          'RFC 4178 §3.2 (optimistic mechanism token)',
        ),
      );
      if (obs.inner.mech !== null && obs.inner.mech !== next.optimisticMech)
        rules.push(
          rule(
            `the optimistic token is ${title} but the first mechanism listed is ${mechTitle(next.optimisticMech)}: it must belong to mechTypes[0], and MIT's acceptor rejects the mismatch`,
            `RFC 4178 §4.2.1; ${MIT_SPNEGO}, acc_ctx_vfy_oid()`,
          ),
        );
      mechStep(obs.inner);
    } else {
      rules.push(
        rule('sends no optimistic token: the acceptor picks a mechanism first', 'RFC 4178 §3.1'),
      );
    }
    if (answer === 'failure') acceptedByTransport();
    return finish();
  }

  function firstReply(obs: Extract<TokenObservation, { kind: 'NegTokenResp' }>): ObservedStep {
    const arule = (text: string, spec?: string) => rule(text, spec, 'acceptor');
    next.firstReplySeen = true;
    next.lastAcceptorNegState = obs.negState;
    next.firstReplyNegState = obs.negState;
    facts.firstReply = true;
    if (!next.mechTypes)
      rules.push(
        arule(
          'the client’s NegTokenInit is not in the input: what it offered is unknown, so the choice below cannot be checked against its list',
        ),
      );
    if (obs.negState === 'reject') {
      next.acceptor = 'FAILED';
      next.initiator = 'FAILED';
      next.endedBy = 'acceptor';
      rules.push(
        arule('the acceptor rejected the negotiation (negState reject)', 'RFC 4178 §4.2.2'),
      );
      if (obs.inner) {
        if (next.optimisticToken) facts.optimistic = 'used';
        if (obs.inner.mech) {
          next.selected = obs.inner.mech;
        }
        mechStep(obs.inner);
        rules.push({
          ...arule(
            `${mechTitle(obs.inner.mech)} rejected the optimistic token: no fallback to another mechanism once the chosen one has failed; the reject carries the mechanism's error token`,
            `RFC 4178 §5; ${MIT_SPNEGO}, acc_ctx_call_acc()`,
          ),
          difference: 'reject-carries-error-token',
        });
        next.failure = next.mech.failure ?? `${mechTitle(obs.inner.mech)} failed`;
      } else {
        facts.optimistic = next.optimisticToken ? 'discarded' : 'none';
        rules.push(
          arule(
            next.mechTypes
              ? `none of [${names(next.mechTypes)}] is acceptable to the acceptor: no common mechanism (GSS_S_BAD_MECH)`
              : 'no common mechanism (GSS_S_BAD_MECH)',
            'RFC 4178 §3.2 c I',
          ),
        );
        next.failure = 'no common mechanism';
      }
      rules.push(
        rule(
          'the client’s context fails on the reject',
          `RFC 4178 §3.2 c I; ${MIT_SPNEGO}, init_ctx_cont()`,
          'initiator',
        ),
      );
      return finish();
    }
    if (obs.negState === null)
      rules.push({
        ...arule(
          'no negState in the first reply, where it is required; some Java servers answer so, and MIT then takes the optimistic mechanism as accepted',
          `RFC 4178 §4.2.2; ${MIT_SPNEGO}, init_ctx_nego()`,
        ),
        difference: 'bare-first-reply',
      });
    if (obs.supportedMech) {
      next.selectedOid = obs.supportedMech;
      next.selected = mechFamily(obs.supportedMech);
      const offered =
        !next.mechTypes ||
        next.mechTypes.includes(obs.supportedMech) ||
        next.mechTypes.some((o) => mechFamily(o) === next.selected && next.selected === 'kerberos');
      if (!offered)
        rules.push(
          arule(
            `the acceptor chose ${oidName(obs.supportedMech) ?? obs.supportedMech}, which the client did not offer: defective token`,
            'RFC 4178 §5',
          ),
        );
    } else {
      next.selected = next.optimisticMech;
      next.selectedOid = next.optimisticOid;
      rules.push({
        ...arule(
          'no supportedMech in the first reply: the optimistic mechanism is taken as accepted',
          `${MIT_SPNEGO}, init_ctx_nego()`,
        ),
        difference: 'bare-first-reply',
      });
    }
    const index = next.mechTypes
      ? next.mechTypes.findIndex((o) => mechFamily(o) === next.selected)
      : -1;
    next.reselected =
      next.optimisticMech !== null &&
      next.selected !== null &&
      next.selected !== next.optimisticMech;
    if (next.selected)
      rules.push({
        ...arule(
          `walks the client's list in order and picks ${mechTitle(next.selected)}${index >= 0 ? `, the client's ${ordinal(index + 1)} choice` : ''}`,
          `RFC 4178 §3.2; ${MIT_SPNEGO}, negotiate_mech()`,
        ),
        difference: 'request-mic',
      });
    if (
      next.optimisticOid === OID.msKrb5 &&
      next.selected === 'kerberos' &&
      obs.supportedMech &&
      obs.supportedMech !== OID.msKrb5
    )
      rules.push({
        ...arule(
          `the client listed the MS Kerberos OID first but supportedMech names ${oidName(obs.supportedMech)}: Windows clients fail on this, the acceptor must echo the OID as listed`,
          'MS-SPNG §3.2.5, App. A <10>',
        ),
        difference: 'echo-ms-oid',
      });
    else if (obs.supportedMech === OID.msKrb5)
      rules.push({
        ...arule(
          'supportedMech echoes the MS Kerberos OID exactly as the client listed it',
          'MS-SPNG §3.2.5, App. A <10>',
        ),
        difference: 'echo-ms-oid',
      });
    if (next.reselected) {
      // The optimistic context is thrown away (MIT `init_ctx_reselect`): the new mechanism starts afresh.
      next.mech = initialMechState();
      next.micRequired = true;
      next.micRequiredWhy = {
        ...arule(
          `${mechTitle(next.selected)} is not the client's first choice, so the MIC exchange is mandatory`,
          `RFC 4178 §5 c; ${PROFILES.mit.sources.requestMic}`,
        ),
        difference: 'request-mic',
      };
      rules.push(next.micRequiredWhy);
      if (obs.negState === 'request-mic')
        rules.push(
          arule('replies request-mic, as a reselection requires', 'RFC 4178 §4.2.2, §5 c'),
        );
      else
        rules.push({
          ...arule(
            `replies ${obs.negState ?? 'without negState'} instead of request-mic although it switched mechanisms (Heimdal's and Windows Server 2003's habit); MIT's initiator tolerates this only when the new mechanism is NTLM`,
            `RFC 4178 §5 c; ${MIT_SPNEGO}, init_ctx_reselect(); Heimdal lib/gssapi/spnego/accept_sec_context.c, send_accept()`,
          ),
          difference: 'switch-negstate',
        });
    } else if (obs.negState === 'request-mic') {
      next.micRequired = true;
      next.micRequiredWhy = arule(
        'request-mic although the client’s first choice was taken: the acceptor would rather use another mechanism, so the MIC exchange is mandatory',
        'RFC 4178 §5',
      );
      rules.push(next.micRequiredWhy);
    }
    // The optimistic token (RFC 4178 §3.2): used when its mechanism was chosen, else discarded unread.
    if (!next.optimisticToken) {
      facts.optimistic = 'none';
      if (next.selected)
        rules.push(
          arule(
            `replies with supportedMech and ${obs.inner ? `${mechTitle(obs.inner.mech)}'s first token` : 'no responseToken'}: the client must start ${mechTitle(next.selected)}`,
            'RFC 4178 §4.2.2',
          ),
        );
    } else if (next.reselected) {
      const wrong = obs.inner !== null && obs.inner.mech === next.optimisticMech;
      facts.optimistic = wrong ? 'wrongly-used' : 'discarded';
      rules.push(
        arule(
          wrong
            ? `the reply carries a ${mechTitle(next.optimisticMech)} token although ${mechTitle(next.selected)} was chosen: the optimistic token must be discarded unread once another mechanism is picked`
            : `the optimistic ${mechTitle(next.optimisticMech)} token belongs to the client's first choice and is discarded unread`,
          `RFC 4178 §3.2; ${MIT_SPNEGO}, spnego_gss_accept_sec_context()`,
        ),
      );
      if (next.optimisticMech === 'kerberos' && next.selected === 'ntlm' && !wrong)
        rules.push(
          arule(
            'Kerberos came first with a ticket, yet the acceptor took NTLM: it could not use Kerberos (no key for the service in its keytab, or Kerberos not configured), so it fell back with request-mic',
            `${MIT_SPNEGO}, negotiate_mech()`,
          ),
        );
    } else {
      facts.optimistic = 'used';
      rules.push(
        arule(
          `the optimistic ${mechTitle(next.optimisticMech)} token was for the chosen mechanism: the acceptor fed it to ${mechTitle(next.selected)}`,
          'RFC 4178 §3.2',
        ),
      );
    }
    if (obs.inner) mechStep(obs.inner);
    if (obs.responseToken === 0)
      rules.push({
        ...arule(
          'an empty responseToken: old IIS sends one when it has nothing to return; it is treated as absent',
          `${MIT_SPNEGO}, init_ctx_nego()`,
        ),
        difference: 'empty-response-token',
      });
    if (next.mech.phase === 'FAILED') {
      next.acceptor = 'FAILED';
      next.initiator = 'FAILED';
      next.endedBy = 'acceptor';
      next.failure = next.mech.failure;
      return finish();
    }
    return acceptorOutcome(obs, true);
  }

  function acceptorLater(obs: Extract<TokenObservation, { kind: 'NegTokenResp' }>): ObservedStep {
    const arule = (text: string, spec?: string) => rule(text, spec, 'acceptor');
    next.lastAcceptorNegState = obs.negState;
    if (obs.supportedMech)
      rules.push(
        arule(
          'supportedMech repeated in a later reply: it belongs only in the first; Windows 2000–Vista clients fail on it',
          'RFC 4178 §4.2.2; MS-SPNG §3.3.5, App. A <11>',
        ),
      );
    if (obs.negState === 'request-mic')
      rules.push(
        arule('request-mic outside the first reply, where it is illegal', 'RFC 4178 §4.2.2'),
      );
    if (obs.negState === null)
      rules.push(
        arule(
          'no negState: optional after the first reply, inferred from the mechanism',
          'RFC 4178 §4.2.2',
        ),
      );
    if (obs.negState === 'reject') {
      mechStep(obs.inner);
      next.acceptor = 'FAILED';
      next.initiator = 'FAILED';
      next.endedBy = next.endedBy ?? 'acceptor';
      const why =
        next.mech.failure ??
        (next.mech.mech === 'ntlm' && next.mech.phase === 'AUTHENTICATE'
          ? 'the acceptor refused the NTLM AUTHENTICATE (a wrong password or unknown user, or a MIC that did not verify)'
          : next.micFromInitiator
            ? "the client's mechListMIC did not verify, or its last token failed"
            : 'the acceptor rejected');
      next.failure = next.failure ?? why;
      rules.push(arule(`the acceptor rejected: ${why}`, 'RFC 4178 §4.2.2, §5'));
      return finish();
    }
    mechStep(obs.inner);
    if (next.mech.phase === 'FAILED') {
      next.acceptor = 'FAILED';
      next.initiator = 'FAILED';
      next.endedBy = 'acceptor';
      next.failure = next.mech.failure;
      return finish();
    }
    // Answering without a token after the client's last mechanism token: the acceptor took it.
    if (!obs.inner && next.mech.initiatorComplete && !next.mech.acceptorComplete)
      next.mech = { ...next.mech, acceptorComplete: true };
    return acceptorOutcome(obs, false);
  }

  /** negState, MIC and the acceptor's resulting state (RFC 4178 §5; MIT `handle_mic`). */
  function acceptorOutcome(
    obs: Extract<TokenObservation, { kind: 'NegTokenResp' }>,
    first: boolean,
  ): ObservedStep {
    const arule = (text: string, spec?: string) => rule(text, spec, 'acceptor');
    // Without negState the state is inferred from the mechanism (RFC 4178 §4.2.2; Java servers).
    const inferredComplete =
      obs.negState === null &&
      next.mech.acceptorComplete &&
      next.mech.initiatorComplete &&
      !next.micRequired &&
      obs.mechListMIC === null;
    const completed = obs.negState === 'accept-completed' || inferredComplete;
    if (inferredComplete)
      rules.push(
        arule(
          `no negState, but ${mechTitle(next.selected)} is complete on both sides and no MIC is owed: the reply is taken as accept-completed`,
          `RFC 4178 §4.2.2; ${MIT_SPNEGO}, init_ctx_nego()`,
        ),
      );
    if (completed) next.mech = { ...next.mech, acceptorComplete: true };
    if (obs.mechListMIC !== null) {
      if (obs.micDuplicatesToken) {
        rules.push({
          ...arule(
            'the mechListMIC is a copy of the responseToken: Windows 2000’s bug; receivers ignore it',
            'RFC 4178 App. C; MS-SPNG §3.1.5.1',
          ),
          difference: 'w2k-duplicate-mic',
        });
      } else {
        const answering = next.micFromInitiator;
        next.micFromAcceptor = true;
        facts.micDue = next.micRequired;
        if (!next.micRequired) {
          next.micRequired = true;
          next.micRequiredWhy = arule(
            'the acceptor sent a mechListMIC, so the client must answer with one (whoever receives a MIC must send one)',
            `RFC 4178 §5; ${MIT_SPNEGO}, process_mic()`,
          );
          rules.push(next.micRequiredWhy);
          if (first && completed)
            rules.push(
              arule(
                'an unrequested MIC on accept-completed: RFC 4178 says an acceptor sending a MIC must use accept-incomplete, and Windows clients abort here',
                'RFC 4178 §5 b; MS-SPNG App. A <8>',
              ),
            );
        }
        rules.push(
          arule(
            answering
              ? "answers the client's mechListMIC with its own, computed over DER(MechTypeList) as received"
              : 'attaches its mechListMIC over DER(MechTypeList) as received',
            'RFC 4178 §5 a',
          ),
        );
      }
    } else if (completed && next.micRequired && !next.micFromAcceptor) {
      facts.micDue = true;
    }
    if (completed) {
      next.acceptor = 'DONE';
      if (!inferredComplete)
        rules.push(arule('replies accept-completed: the acceptor is done', 'RFC 4178 §4.2.2'));
    } else if (next.mech.acceptorComplete && next.micFromAcceptor && !next.micFromInitiator) {
      next.acceptor = 'WAIT_PEER_MIC';
      rules.push(
        arule(
          `replies ${obs.negState ?? 'without negState'}: ${mechTitle(next.selected)} is complete, the acceptor now waits for the client's mechListMIC`,
          'RFC 4178 §5 b',
        ),
      );
    } else {
      next.acceptor = 'MECH_LOOP';
      if (obs.negState && !(first && next.reselected))
        rules.push(arule(`replies ${obs.negState}: more tokens are needed`, 'RFC 4178 §4.2.2'));
    }
    // The client reads the reply: done, failed, or (by its next token) continuing.
    const irule = (text: string, spec?: string) => rule(text, spec, 'initiator');
    if (completed) {
      if (
        next.mech.mech === 'kerberos' &&
        next.mech.mutual &&
        !next.mech.initiatorComplete &&
        next.mech.phase === 'AP-REQ'
      ) {
        next.initiator = 'FAILED';
        next.endedBy = next.endedBy ?? 'initiator';
        next.failure =
          next.failure ?? 'accept-completed without the AP-REP that mutual authentication requires';
        rules.push(
          irule(
            'Kerberos still needs the AP-REP (mutual authentication) but none came: the client fails the context',
            `RFC 4178 §5; ${MIT_SPNEGO}, init_ctx_cont()`,
          ),
        );
      } else if (next.micRequired && !next.micFromAcceptor) {
        next.initiator = 'FAILED';
        next.endedBy = next.endedBy ?? 'initiator';
        next.failure = next.failure ?? 'the acceptor completed without the required mechListMIC';
        rules.push(
          irule(
            'the MIC exchange was required but the acceptor completed without sending one: the client fails the context (GSS_S_DEFECTIVE_TOKEN)',
            'RFC 4178 §5 b',
          ),
        );
      } else if (next.micFromAcceptor && !next.micFromInitiator) {
        next.initiator = 'MECH_LOOP';
        rules.push(
          irule(
            "the client verifies the acceptor's MIC and owes its own",
            `RFC 4178 §5; ${MIT_SPNEGO}, process_mic()`,
          ),
        );
      } else {
        next.mech = { ...next.mech, initiatorComplete: true };
        next.initiator = 'DONE';
        rules.push(
          irule(
            `${mechTitle(next.selected)} is complete and nothing more is owed: the client is done and sends nothing`,
            `RFC 4178 §5; ${MIT_SPNEGO}, init_ctx_call_init()`,
          ),
        );
      }
    }
    return finish();
  }

  function initiatorLater(obs: Extract<TokenObservation, { kind: 'NegTokenResp' }>): ObservedStep {
    if (state.initiator === 'FAILED' && obs.negState === 'reject') {
      rules.push({
        ...rule(
          obs.length === 9
            ? 'MIT answers with its own 9-byte reject token after its context failed'
            : 'the client confirms the failure with a reject token',
          PROFILES.mit.sources.rejectTokenAfterMechError,
        ),
        difference: 'reject-token-after-mech-error',
      });
      next.acceptor = 'FAILED';
      return finish();
    }
    if (obs.supportedMech)
      rules.push(
        rule(
          'supportedMech from the client: only the acceptor names it, and MIT’s acceptor calls this defective',
          `RFC 4178 §4.2.2; MS-SPNG §3.3.5; ${MIT_SPNEGO}, acc_ctx_cont()`,
        ),
      );
    if (obs.negState === 'request-mic')
      rules.push(
        rule(
          'request-mic from the client: only legal in the acceptor’s first reply (NetApp servers reject it)',
          'RFC 4178 §4.2.2',
        ),
      );
    if (obs.negState === 'reject') {
      mechStep(obs.inner);
      next.initiator = 'FAILED';
      next.acceptor = 'FAILED';
      next.endedBy = next.endedBy ?? 'initiator';
      let why = 'the client gave up the negotiation';
      if (
        next.reselected &&
        next.firstReplyNegState !== 'request-mic' &&
        next.selected !== 'ntlm'
      ) {
        why = `the acceptor switched to ${mechTitle(next.selected)} (not the client's first choice) without request-mic, which the client treats as a defective token`;
        rules.push(
          rule(
            `the acceptor picked ${mechTitle(next.selected)}, not the client's first choice, but did not send request-mic: defective token, the client rejects`,
            `RFC 4178 §5 c; ${MIT_SPNEGO}, init_ctx_reselect()`,
          ),
        );
      } else if (next.micFromAcceptor) {
        why = "the acceptor's mechListMIC did not verify, or its last token failed on the client";
      }
      next.failure = next.failure ?? why;
      rules.push(rule(`the client rejects: ${why}`, 'RFC 4178 §4.2.2'));
      rules.push(
        rule('the acceptor receives reject: the negotiation is over', undefined, 'acceptor'),
      );
      return finish();
    }
    if (obs.negState === null)
      rules.push({
        ...rule(
          'no negState: optional in the client’s later tokens (Samba’s client always omits it)',
          'RFC 4178 §4.2.2; Samba auth/gensec/spnego.c, gensec_spnego_client_negTokenTarg_step()',
        ),
        difference: 'omits-negstate-in-resp',
      });
    if (obs.inner === null && obs.mechListMIC === null)
      rules.push(
        rule(
          'a NegTokenResp with neither responseToken nor mechListMIC is defective',
          `${MIT_SPNEGO}, acc_ctx_cont()`,
        ),
      );
    if (next.reselected && next.mech.phase === 'START' && obs.inner)
      rules.push(
        rule(
          `starts ${mechTitle(next.selected)}, the mechanism the acceptor chose, with its first token`,
          'RFC 4178 §5 c',
        ),
      );
    const wasComplete = next.mech.initiatorComplete;
    mechStep(obs.inner);
    if (next.mech.ntlmMic && !next.micRequired) {
      next.micRequired = true;
      next.micRequiredWhy = {
        ...rule(
          'NTLM put a MIC inside its AUTHENTICATE (MsvAvFlags 0x2), which makes the SPNEGO mechListMIC mandatory',
          `MS-SPNG App. A <8>; ${PROFILES.mit.sources.ntlmMicForcesMechListMic}`,
        ),
        difference: 'ntlm-mic-forces-mechlistmic',
      };
      rules.push(next.micRequiredWhy);
    }
    const finishing = (!wasComplete && next.mech.initiatorComplete) || next.micFromAcceptor;
    facts.micDue = finishing && next.micRequired && !next.micFromInitiator;
    if (obs.mechListMIC !== null) {
      const answering = next.micFromAcceptor;
      next.micFromInitiator = true;
      rules.push(
        rule(
          answering
            ? "answers the acceptor's MIC with its own mechListMIC (whoever receives a MIC must send one)"
            : 'attaches its mechListMIC over DER(MechTypeList) as it sent it',
          answering ? `RFC 4178 §5; ${MIT_SPNEGO}, process_mic()` : 'RFC 4178 §5 a, c',
        ),
      );
      if (!next.micRequired) {
        next.micRequired = true;
        next.micRequiredWhy = rule(
          'the client sent a mechListMIC, so the acceptor must answer with one',
          `RFC 4178 §5; ${MIT_SPNEGO}, process_mic()`,
        );
      }
    } else if (facts.micDue) {
      rules.push(
        rule(
          'the client finished its mechanism without the required mechListMIC: the acceptor must reject (GSS_S_DEFECTIVE_TOKEN)',
          'RFC 4178 §5 c',
        ),
      );
    }
    if (next.micFromAcceptor && next.micFromInitiator && next.acceptor === 'WAIT_PEER_MIC') {
      next.initiator = 'DONE';
      next.acceptor = 'DONE';
      rules.push(
        rule(
          'both MICs verified: the acceptor is done and sends no further token',
          'RFC 4178 §5 b',
          'acceptor',
        ),
      );
    } else if (obs.negState === 'accept-completed' && next.mech.initiatorComplete) {
      next.initiator = next.micFromAcceptor || !next.micRequired ? 'DONE' : 'MECH_LOOP';
    } else {
      next.initiator = 'MECH_LOOP';
      if (obs.negState)
        rules.push(rule(`sends a NegTokenResp with negState ${obs.negState}`, 'RFC 4178 §4.2.2'));
    }
    if (next.acceptor !== 'DONE' && next.acceptor !== 'FAILED') next.acceptor = 'MECH_LOOP';
    // The client's last token with nothing owed back and a final answer from the transport.
    if (
      next.initiator !== 'DONE' &&
      (answer === 'failure' || (answer === 'success' && next.mech.initiatorComplete))
    )
      acceptedByTransport();
    return finish();
  }

  function bare(inner: MechObservation): ObservedStep {
    if (next.mode === 'spnego')
      rules.push(
        rule('a bare mechanism token in the middle of a SPNEGO exchange', 'RFC 4178 §4.2'),
      );
    next.mode = next.mode ?? 'bare';
    next.selected = next.selected ?? inner.mech;
    if (state.sent.initiator + state.sent.acceptor === 0)
      rules.push(
        rule(
          `a bare ${mechTitle(inner.mech)} exchange, without SPNEGO: the mechanism was fixed in advance (e.g. the HTTP \`${inner.mech === 'ntlm' ? 'NTLM' : 'Negotiate'}\` scheme carrying the mechanism's token)`,
          inner.mech === 'kerberos'
            ? 'RFC 4121 §4.1; RFC 4559 §4'
            : 'MS-NLMP §1.3.1.1; MS-SPNG App. A <8>',
        ),
      );
    mechStep(inner);
    const m = next.mech;
    if (m.phase === 'FAILED') {
      next.initiator = 'FAILED';
      next.acceptor = 'FAILED';
      next.endedBy = from;
      next.failure = m.failure;
      return finish();
    }
    next.initiator = m.initiatorComplete
      ? 'DONE'
      : next.sent.acceptor > 0
        ? 'MECH_LOOP'
        : next.sent.initiator > 0
          ? 'WAIT_FIRST_REPLY'
          : 'START';
    next.acceptor = m.acceptorComplete ? 'DONE' : next.sent.initiator > 0 ? 'MECH_LOOP' : 'IDLE';
    // The client's last token needs no answer (non-mutual Kerberos, NTLM AUTHENTICATE): the acceptor
    // accepts it silently unless the transport said otherwise.
    if (from === 'initiator' && answer === 'failure' && !m.initiatorComplete) {
      acceptedByTransport();
      return finish();
    }
    if (from === 'initiator' && m.initiatorComplete && !m.acceptorComplete) {
      if (answer === 'failure') {
        next.acceptor = 'FAILED';
        next.initiator = 'FAILED';
        next.endedBy = 'acceptor';
        next.failure = `the acceptor refused the ${inner.message} (the transport answered with a failure)`;
        rules.push(
          rule(
            `the acceptor refused the ${inner.message}: the transport's answer to it is a failure`,
            undefined,
            'acceptor',
          ),
        );
      } else {
        next.mech = { ...next.mech, acceptorComplete: true };
        next.acceptor = 'DONE';
        rules.push(
          rule(
            `nothing more is sent: the acceptor accepts the ${inner.message} and completes without a token${answer === 'success' ? ' (the transport answered with success)' : ' (no refusal follows in the input)'}`,
            inner.mech === 'kerberos' ? 'RFC 4121 §4.1; RFC 4120 §3.2.3' : 'MS-NLMP §3.2.5.1.2',
            'acceptor',
          ),
        );
      }
    }
    return finish();
  }

  function acceptedByTransport(): void {
    if (answer === 'success') {
      next.acceptor = 'DONE';
      next.initiator = 'DONE';
      rules.push(
        rule(
          'the transport answered with success: the acceptor accepted the client’s last token',
          undefined,
          'acceptor',
        ),
      );
    } else if (answer === 'failure') {
      next.acceptor = 'FAILED';
      next.initiator = 'FAILED';
      next.endedBy = next.endedBy ?? 'acceptor';
      next.failure =
        next.failure ??
        'the acceptor answered the client’s last token with a failure and no token of its own (e.g. HTTP 401 with a bare `WWW-Authenticate: Negotiate`): it refused the token, or cannot accept this mechanism';
      rules.push(
        rule(
          'the transport answered with a failure and no token: the acceptor refused the client’s last token',
          undefined,
          'acceptor',
        ),
      );
    }
  }
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
