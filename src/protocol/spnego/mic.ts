import type { SimConfig } from '../config';
import { getMechanism } from '../mechanisms';
import { sideProfile } from '../profiles';
import type { Rule } from '../types';
import type { SpnegoState } from './step';

/**
 * The mechListMIC steps both sides take once the negotiated mechanism is complete (RFC 4178 §5,
 * MIT `handle_mic`, `process_mic`): a mechanism may make the MIC mandatory, a received MIC is verified over
 * this side's own DER(MechTypeList), and this side signs the same bytes when it owes a MIC.
 */

/** The MIC exchange can happen: the mechanism is complete and offers integrity. */
export function micPossible(state: SpnegoState): boolean {
  return (
    state.mechComplete && !!state.mech && getMechanism(state.selected!).offersIntegrity(state.mech)
  );
}

export interface MicReceipt<S extends SpnegoState> {
  state: S;
  rules: Rule[];
  /** Set when the peer's MIC did not verify. */
  error?: string;
}

export function receiveMic<S extends SpnegoState>(
  state: S,
  received: Uint8Array | undefined,
  config: SimConfig,
): MicReceipt<S> {
  const by = state.role;
  const rules: Rule[] = [];
  const profile = sideProfile(config, state.role);
  const mech = getMechanism(state.selected!);
  let next = { ...state };
  if (
    profile.ntlmMicForcesMechListMic &&
    mech.requiresMechListMic(next.mech!) &&
    !next.micRequired
  ) {
    next.micRequired = true;
    rules.push({
      by,
      text: `${mech.title} put a MIC inside its own message, which makes the SPNEGO mechListMIC mandatory`,
      spec: profile.sources.ntlmMicForcesMechListMic,
      difference: 'ntlm-mic-forces-mechlistmic',
    });
  }
  if (!received) return { state: next, rules };
  const peer = by === 'initiator' ? "the acceptor's" : "the client's";
  const check = mech.verifyMic(next.mech!, next.mechTypesDer!, received);
  rules.push(...check.rules);
  next = { ...next, mech: check.state };
  if (!check.ok) {
    rules.push({
      by,
      text: config.faults.stripMech
        ? by === 'acceptor'
          ? "the client's mechListMIC does not match the mechTypes the server received: the list was changed on the way (a downgrade attempt), so the server rejects (GSS_S_DEFECTIVE_TOKEN)"
          : "the acceptor's mechListMIC does not match the mechTypes the client sent: someone changed the negotiation, so the context fails (GSS_S_DEFECTIVE_TOKEN)"
        : // Nobody touched the lists: the MIC was computed with a key this side does not hold.
          `${peer} mechListMIC does not verify over the very mechTypes both sides saw: the two sides derived different keys, so the ${by === 'acceptor' ? 'server rejects' : 'context fails'} (GSS_S_DEFECTIVE_TOKEN)`,
      spec: 'RFC 4178 §5 a, §7',
    });
    return { state: next, rules, error: `${peer} mechListMIC does not verify` };
  }
  // Whoever receives a MIC must send one (MIT `process_mic`): the exchange is now required.
  next = { ...next, micReceived: true, micRequired: true };
  rules.push({
    by,
    text: `verified ${peer} mechListMIC over the mechTypes ${by === 'initiator' ? 'the client sent' : 'as received'}`,
    spec: 'RFC 4178 §5 a',
  });
  return { state: next, rules };
}

/** Signs this side's DER(MechTypeList) with the negotiated mechanism (GSS_GetMIC, RFC 4178 §5 a). */
export function sendMic<S extends SpnegoState>(
  state: S,
  why: Rule,
): { state: S; mic: Uint8Array; rules: Rule[] } {
  const made = getMechanism(state.selected!).getMic(state.mech!, state.mechTypesDer!);
  return {
    state: { ...state, mech: made.state, micSent: true },
    mic: made.mic,
    rules: [...made.rules, why],
  };
}
