import { ERROR_CODES } from '../../data/kerberos';
import { kerberosErrorInfo } from '../../data/kerberos-errors';
import { ETYPES } from '../../data/kerberos';
import type { Rule } from '../types';
import type { MechObservation, Side } from './types';

/**
 * The mechanisms' own legs, observed: Kerberos AP-REQ → AP-REP (→ AP-REP in DCE style) or
 * KRB-ERROR (RFC 4121 §4.1, MS-KILE §3.4.5.1), NTLM NEGOTIATE → CHALLENGE → AUTHENTICATE
 * (MS-NLMP §1.3.1.1). Pure: typed observations in, state and rules out.
 */
export type MechPhase =
  | 'START'
  | 'AP-REQ'
  | 'AP-REP'
  | 'NEGOTIATE'
  | 'CHALLENGE'
  | 'AUTHENTICATE'
  | 'COMPLETE'
  | 'FAILED';

export interface MechObserverState {
  mech: 'kerberos' | 'ntlm' | 'negoex' | null;
  phase: MechPhase;
  /** The side has produced or accepted its last mechanism token. */
  initiatorComplete: boolean;
  acceptorComplete: boolean;
  /** Kerberos: mutual-required in the AP-REQ; null before it. */
  mutual: boolean | null;
  /** Kerberos DCE style: unframed tokens and a third AP-REP from the client. */
  dce: boolean;
  /** NTLM: the AUTHENTICATE carries a MIC and MsvAvFlags says so (0x2). */
  ntlmMic: boolean;
  /** The KRB-ERROR code that ended the mechanism, if any. */
  errorCode: number | null;
  failure: string | null;
}

export function initialMechState(): MechObserverState {
  return {
    mech: null,
    phase: 'START',
    initiatorComplete: false,
    acceptorComplete: false,
    mutual: null,
    dce: false,
    ntlmMic: false,
    errorCode: null,
    failure: null,
  };
}

/** Whether the message came in the order its mechanism defines. */
export interface OrderVerdict {
  ok: boolean;
  text: string;
  spec: string;
}

export interface MechObserved {
  state: MechObserverState;
  rules: Rule[];
  order: OrderVerdict | null;
}

const KILE_DCE = 'MS-KILE §3.4.5.1';
const RFC4121 = 'RFC 4121 §4.1';
const NLMP_FLOW = 'MS-NLMP §1.3.1.1';

export function observeMech(
  state: MechObserverState,
  from: Side,
  obs: MechObservation,
): MechObserved {
  const rule = (text: string, spec?: string): Rule => ({ by: from, text, spec });
  if (obs.mech === null)
    return {
      state,
      rules: [rule(`the mechanism token could not be read (${obs.error})`)],
      order: null,
    };
  if (obs.mech === 'negoex')
    return {
      state: { ...state, mech: 'negoex' },
      rules: [
        rule(
          `a NEGOEX ${obs.message}: NEGOEX negotiates its own auth schemes inside SPNEGO`,
          'MS-NEGOEX §3.1.5',
        ),
      ],
      order: null,
    };
  if (state.mech !== null && state.mech !== obs.mech && state.phase !== 'START') {
    return {
      state,
      rules: [rule(`a ${obs.mech} token arrived while ${state.mech} was in progress`)],
      order: {
        ok: false,
        text: `${obs.message} (${obs.mech}) in the middle of a ${state.mech} exchange`,
        spec: 'RFC 4178 §5',
      },
    };
  }
  return obs.mech === 'kerberos'
    ? kerberos({ ...state, mech: 'kerberos' }, from, obs, rule)
    : ntlm({ ...state, mech: 'ntlm' }, from, obs, rule);
}

function etypeName(etype: number): string {
  return ETYPES[etype] ?? `etype ${etype}`;
}

function kerberos(
  state: MechObserverState,
  from: Side,
  obs: Extract<MechObservation, { mech: 'kerberos' }>,
  rule: (text: string, spec?: string) => Rule,
): MechObserved {
  const rules: Rule[] = [];
  switch (obs.message) {
    case 'AP-REQ': {
      const order: OrderVerdict =
        from !== 'initiator'
          ? { ok: false, text: 'an AP-REQ came from the acceptor', spec: RFC4121 }
          : state.phase !== 'START'
            ? { ok: false, text: 'a second AP-REQ in the same context', spec: RFC4121 }
            : { ok: true, text: 'AP-REQ opens the Kerberos context', spec: RFC4121 };
      rules.push(
        rule(
          `the client presents a service ticket for ${obs.sname}@${obs.realm} (${etypeName(obs.ticketEtype)}${obs.ticketKvno !== null ? `, kvno ${obs.ticketKvno}` : ''}) with an authenticator in an AP-REQ`,
          'RFC 4120 §3.2.2; RFC 4121 §4.1',
        ),
      );
      if (!obs.framed)
        rules.push(
          rule(
            'the AP-REQ is not GSS-framed: DCE style, where the acceptor answers with an AP-REP and the client sends a third AP-REP',
            KILE_DCE,
          ),
        );
      if (obs.mutualRequired)
        rules.push(
          rule(
            'the AP-REQ’s ap-options has mutual-required: the acceptor must prove itself with an AP-REP',
            'RFC 4120 §5.5.1',
          ),
        );
      else
        rules.push(
          rule(
            "no mutual authentication asked: the client's Kerberos context is complete once the AP-REQ is sent; an acceptor that accepts it sends no AP-REP",
            'RFC 4121 §4.1; RFC 4120 §3.2.4',
          ),
        );
      return {
        state: {
          ...state,
          phase: 'AP-REQ',
          mutual: obs.mutualRequired,
          dce: !obs.framed,
          initiatorComplete: !obs.mutualRequired && obs.framed,
        },
        rules,
        order,
      };
    }
    case 'AP-REP': {
      if (from === 'acceptor') {
        const order: OrderVerdict =
          state.phase === 'AP-REQ'
            ? { ok: true, text: 'AP-REP answers the AP-REQ', spec: 'RFC 4120 §3.2.4' }
            : {
                ok: false,
                text: `an AP-REP from the acceptor ${state.phase === 'START' ? 'without an AP-REQ before it' : `after ${state.phase}`}`,
                spec: 'RFC 4120 §3.2.4',
              };
        if (state.dce || !obs.framed) {
          rules.push(
            rule(
              'the acceptor accepts the AP-REQ and answers with an AP-REP; in DCE style it waits for the client’s own AP-REP before it is complete',
              KILE_DCE,
            ),
          );
          return {
            state: { ...state, phase: 'AP-REP', dce: true, acceptorComplete: false },
            rules,
            order,
          };
        }
        rules.push(
          rule(
            'the acceptor accepted the ticket and authenticator and proves itself with an AP-REP (EncAPRepPart echoes ctime and cusec, usually with a subkey); the Kerberos context is complete on both sides once the client verifies it',
            'RFC 4120 §3.2.4, §3.2.5; RFC 4121 §4.1',
          ),
        );
        return {
          state: { ...state, phase: 'COMPLETE', initiatorComplete: true, acceptorComplete: true },
          rules,
          order,
        };
      }
      // The initiator's AP-REP: DCE style's third leg (MS-KILE §3.4.5.1).
      const order: OrderVerdict =
        state.phase === 'AP-REP'
          ? {
              ok: true,
              text: "the client's AP-REP answers the acceptor's (DCE style)",
              spec: KILE_DCE,
            }
          : {
              ok: false,
              text: 'an AP-REP from the client outside DCE style',
              spec: KILE_DCE,
            };
      rules.push(
        rule(
          "DCE style: the client answers the acceptor's AP-REP with its own AP-REP; both Kerberos contexts are now complete",
          KILE_DCE,
        ),
      );
      return {
        state: { ...state, phase: 'COMPLETE', initiatorComplete: true, acceptorComplete: true },
        rules,
        order,
      };
    }
    case 'KRB-ERROR': {
      const name = ERROR_CODES[obs.errorCode] ?? `error ${obs.errorCode}`;
      const info = kerberosErrorInfo(obs.errorCode);
      rules.push(
        rule(
          `the ${from === 'acceptor' ? 'acceptor' : 'client'} refused with KRB-ERROR ${obs.errorCode} ${name}${obs.eText ? ` ("${obs.eText}")` : ''}: ${info ? info.meaning : 'see RFC 4120 §7.5.9'}`,
          info?.spec ?? 'RFC 4120 §7.5.9',
        ),
      );
      if (info) rules.push(rule(`usual causes: ${info.causes}; check: ${info.check}`, info.spec));
      return {
        state: {
          ...state,
          phase: 'FAILED',
          errorCode: obs.errorCode,
          failure: `KRB-ERROR ${obs.errorCode} ${name}`,
        },
        rules,
        order: {
          ok: state.phase === 'AP-REQ' || state.phase === 'AP-REP',
          text:
            state.phase === 'AP-REQ' || state.phase === 'AP-REP'
              ? 'KRB-ERROR answers the AP-REQ'
              : 'a KRB-ERROR with no AP-REQ before it',
          spec: 'RFC 4120 §3.2.3; RFC 4121 §4.1',
        },
      };
    }
  }
}

function ntlm(
  state: MechObserverState,
  from: Side,
  obs: Extract<MechObservation, { mech: 'ntlm' }>,
  rule: (text: string, spec?: string) => Rule,
): MechObserved {
  const expected: Record<string, { after: MechPhase; from: Side }> = {
    NEGOTIATE: { after: 'START', from: 'initiator' },
    CHALLENGE: { after: 'NEGOTIATE', from: 'acceptor' },
    AUTHENTICATE: { after: 'CHALLENGE', from: 'initiator' },
  };
  const want = expected[obs.message];
  const rightSide = want.from === from;
  const inOrder = state.phase === want.after;
  const order: OrderVerdict = {
    ok: rightSide && inOrder,
    text:
      rightSide && inOrder
        ? `${obs.message} follows ${want.after === 'START' ? 'nothing, as the first NTLM message' : want.after}`
        : !rightSide
          ? `${obs.message} must come from the ${want.from}, not the ${from}`
          : `${obs.message} came after ${state.phase === 'START' ? 'no NTLM message' : state.phase}; NTLM's order is NEGOTIATE, CHALLENGE, AUTHENTICATE`,
    spec: NLMP_FLOW,
  };
  const rules: Rule[] = [];
  switch (obs.message) {
    case 'NEGOTIATE':
      rules.push(
        rule(
          'the client starts NTLM with a NEGOTIATE message listing the options it supports',
          'MS-NLMP §3.1.5.1.1',
        ),
      );
      return { state: { ...state, phase: 'NEGOTIATE' }, rules, order };
    case 'CHALLENGE':
      rules.push(
        rule(
          `the server answers with a CHALLENGE: an 8-byte ServerChallenge${obs.avIds.length ? ' and TargetInfo AV pairs' : ''}${obs.timestamp !== null ? ' including MsvAvTimestamp (so the client must answer with NTLMv2 and a MIC)' : ''}`,
          'MS-NLMP §3.2.5.1.1',
        ),
      );
      return { state: { ...state, phase: 'CHALLENGE' }, rules, order };
    case 'AUTHENTICATE': {
      const micFlag = obs.avFlags !== null && (obs.avFlags & 0x2) !== 0;
      rules.push(
        rule(
          `the client proves knowledge of the password with an ${obs.variant} response${obs.userName !== null ? ` for ${obs.domainName ? `${obs.domainName}\\` : ''}${obs.userName}` : ''}; its NTLM context is complete`,
          'MS-NLMP §3.1.5.1.2',
        ),
      );
      if (obs.mic)
        rules.push(
          rule(
            `the AUTHENTICATE carries a MIC over all three messages${micFlag ? ' (MsvAvFlags 0x2 says so)' : ''}`,
            'MS-NLMP §3.1.5.1.2',
          ),
        );
      return {
        state: {
          ...state,
          phase: 'AUTHENTICATE',
          initiatorComplete: true,
          ntlmMic: obs.mic && micFlag,
        },
        rules,
        order,
      };
    }
  }
}
