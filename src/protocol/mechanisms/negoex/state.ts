import type { Holdings, Role, Rule } from '../../types';
import type { MechState, MechStep } from '../mechanism';
import type { KrbData } from '../kerberos/state';

/**
 * Named states of the simulated NEGOEX context (MIT krb5 src/lib/gssapi/spnego/negoex_ctx.c,
 * negoex_init() and negoex_accept() count the same legs in `negoex_step`).
 */
export type NegoexStateName =
  'NEGO_SENT' | 'WAIT_VERIFY' | 'ACCEPTOR_NEGO_SENT' | 'ESTABLISHED' | 'FAILED';

/** What one side's NEGOEX context holds: the conversation and the wrapped Kerberos context. */
export interface NegoexData {
  /** ConversationId, chosen at random by the initiator (MS-NEGOEX §2.2.6.2). */
  conversationId: string;
  /** The auth scheme both sides settled on (the simulator offers one: Kerberos). */
  authScheme: string;
  /** SequenceNum the next message carries, counted across both directions. */
  nextSeq: number;
  /** Every NEGOEX message of the conversation so far, both directions, in order: what VERIFY covers. */
  transcript: Uint8Array;
  /** How many NEGOEX tokens this side has processed or produced (MIT `negoex_step`). */
  step: number;
  /** The Kerberos context inside the auth scheme. */
  inner: MechState<KrbData> | null;
  innerComplete: boolean;
  sentChecksum: boolean;
  verifiedChecksum: boolean;
  error: string | null;
}

export function negoexState(
  role: Role,
  name: NegoexStateName,
  data: NegoexData,
): MechState<NegoexData> {
  const holdings: Holdings = {
    ...(data.inner?.holdings ?? {}),
    state: name,
    'NEGOEX conversation': data.conversationId,
    'next SequenceNum': data.nextSeq,
    'VERIFY sent': data.sentChecksum,
    'peer VERIFY checked': data.verifiedChecksum,
  };
  return { mech: 'negoex', role, name, holdings, data };
}

export function negoexFailed(
  role: Role,
  data: NegoexData,
  error: string,
  rules: Rule[],
  token?: Uint8Array,
): MechStep<NegoexData> {
  return {
    state: negoexState(role, 'FAILED', { ...data, error }),
    status: 'failed',
    error,
    rules,
    token,
  };
}
