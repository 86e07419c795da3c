import type { MechState } from '../mechanisms/mechanism';
import type { Holdings, MechName, NegStateName, Role, Rule } from '../types';

/** What one SPNEGO side puts on the wire in one step. */
export interface SpnegoOutput {
  /**
   * A SPNEGO message; `mechanism`: the mechanism's own token without SPNEGO (bare transports);
   * `empty`: no security blob at all (an SMB2 failure response).
   */
  message: 'NegTokenInit' | 'NegTokenInit2' | 'NegTokenResp' | 'mechanism' | 'empty';
  token: Uint8Array;
  negState?: NegStateName;
  supportedMech?: string;
  /** Mechanism whose token rides inside (mechToken / responseToken), if any. */
  mech: MechName | null;
  mechListMIC: boolean;
}

/** The state both SPNEGO sides keep (as MIT's `struct spnego_ctx_st`, src/lib/gssapi/spnego/gssapiP_spnego.h). */
export interface SpnegoState {
  role: Role;
  name: string;
  /** mechTypes as this side sent (initiator) or received (acceptor). */
  mechTypes: string[];
  /** DER(MechTypeList) exactly as sent or received: the mechListMIC input. */
  mechTypesDer: Uint8Array | null;
  selected: MechName | null;
  /** The OID exactly as listed by the initiator (echoed in supportedMech, MS-SPNG §3.2.5). */
  selectedOid: string | null;
  mech: MechState | null;
  mechComplete: boolean;
  micRequired: boolean;
  micSent: boolean;
  micReceived: boolean;
  /** Why the side failed, when it did. */
  error: string | null;
}

export interface SpnegoStep<S extends SpnegoState> {
  state: S;
  output: SpnegoOutput | null;
  rules: Rule[];
}

/** Terminal states: the side neither sends nor expects anything more. */
export function isFinished(state: SpnegoState): boolean {
  return state.name === 'DONE' || state.name === 'FAILED';
}

/** What this side holds now, for the state panel. */
export function holdings(state: SpnegoState): Holdings {
  // The mechanism's own entries first, so SPNEGO's names (state, selected…) are never overwritten.
  return {
    ...(state.mech?.holdings ?? {}),
    state: state.name,
    mechTypes: state.mechTypes.join(', ') || null,
    selected: state.selected,
    mechState: state.mech?.name ?? null,
    micRequired: state.micRequired,
    micSent: state.micSent,
    micReceived: state.micReceived,
    ...(state.error ? { error: state.error } : {}),
  };
}
