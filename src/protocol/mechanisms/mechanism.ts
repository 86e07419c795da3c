import type { SimConfig } from '../config';
import type { Holdings, MechName, Role, Rule } from '../types';

/**
 * The one small interface every simulated mechanism implements, for both roles. States are plain
 * data (shown in the UI, compared in tests); every call returns a new state and the rules it
 * applied, so a run can be replayed and explained.
 */
export interface MechState<Data = unknown> {
  mech: MechName;
  role: Role;
  /** Named state of the mechanism's own state machine, e.g. `WAIT_CHALLENGE`. */
  name: string;
  /** What this side holds now, for display: ticket, keys, session key, MIC status. */
  holdings: Holdings;
  /** The mechanism's private data, typed by the mechanism (keys as bytes, peer messages as decoded values). */
  data: Data;
}

export type MechStatus = 'continue' | 'complete' | 'failed';

export interface MechStep<Data = unknown> {
  state: MechState<Data>;
  status: MechStatus;
  /** Output token, framed as the mechanism frames it (RFC 4121 §4.1 for Kerberos, raw NTLMSSP). */
  token?: Uint8Array;
  /** Why the mechanism failed (when status is `failed`). */
  error?: string;
  rules: Rule[];
}

export interface MicResult<Data = unknown> {
  state: MechState<Data>;
  mic: Uint8Array;
  rules: Rule[];
}

export interface MicCheck<Data = unknown> {
  state: MechState<Data>;
  ok: boolean;
  rules: Rule[];
}

/**
 * `Data` is the mechanism's own state type; SPNEGO holds states as `MechState` (data unknown to
 * it) and hands each back only to the mechanism that made it.
 */
export interface Mechanism<Data = unknown> {
  name: MechName;
  /** Display name for diagrams ("Kerberos", "NTLM"). */
  title: string;
  /** Whether this side has what the mechanism needs (ticket, key, password). */
  hasCredentials(config: SimConfig, role: Role): boolean;
  /** The initiator's first call: no input token, produces the first mechanism token. */
  initiate(config: SimConfig): MechStep<Data>;
  /** The initiator's later calls, with the acceptor's token. */
  initiatorContinue(state: MechState<Data>, token: Uint8Array, config: SimConfig): MechStep<Data>;
  /** The acceptor's calls, with the initiator's token (state null on the first). */
  accept(state: MechState<Data> | null, token: Uint8Array, config: SimConfig): MechStep<Data>;
  /** The established context offers integrity, so a mechListMIC can be made (RFC 4178 §5). */
  offersIntegrity(state: MechState<Data>): boolean;
  /** The mechanism itself makes the mechListMIC mandatory (an NTLM MIC, MS-SPNG App. A <8>). */
  requiresMechListMic(state: MechState<Data>): boolean;
  /** GSS_GetMIC over `message` with the established context (RFC 4178 §5 a). */
  getMic(state: MechState<Data>, message: Uint8Array): MicResult<Data>;
  /** GSS_VerifyMIC of the peer's MIC over `message`. */
  verifyMic(state: MechState<Data>, message: Uint8Array, mic: Uint8Array): MicCheck<Data>;
}
