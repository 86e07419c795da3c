import type { Holdings, Role, Rule } from '../../types';
import type { MechState, MechStep } from '../mechanism';
import { toHex } from '../../../bytes';

/** Named states of the Kerberos mechanism's own state machine. */
export type KrbStateName = 'AP_REQ_SENT' | 'AP_REP_SENT' | 'ESTABLISHED' | 'FAILED';

/** The mechanism's private data: what the context holds, keys as bytes. */
export interface KrbData {
  /** Session key from the ticket. */
  sessionKey: Uint8Array | null;
  /** Subkey from the Authenticator (RFC 4120 §5.5.1). */
  initiatorSubkey: Uint8Array | null;
  /** Subkey from the AP-REP; when present it protects all per-message tokens (RFC 4121 §2). */
  acceptorSubkey: Uint8Array | null;
  /** Next SND_SEQ this side puts in a token, and the next it expects from the peer. */
  sendSeq: number;
  recvSeq: number;
  /** The Authenticator's time, which the AP-REP must echo (RFC 4120 §3.2.5). */
  ctime: string | null;
  cusec: number | null;
  mutual: boolean;
  established: boolean;
  error: string | null;
  /** Encryption types of the three keys (RFC 4120 §5.2.9): they decide the per-message token format. */
  sessionEtype: number;
  initiatorSubkeyEtype: number;
  acceptorSubkeyEtype: number;
  /** GSS_C_DCE_STYLE: unframed tokens and a third leg, the initiator's own AP-REP (MS-KILE §3.4.5.1). */
  dceStyle: boolean;
}

export const EMPTY_DATA: KrbData = {
  sessionKey: null,
  initiatorSubkey: null,
  acceptorSubkey: null,
  sendSeq: 0,
  recvSeq: 0,
  ctime: null,
  cusec: null,
  mutual: false,
  established: false,
  error: null,
  sessionEtype: 18,
  initiatorSubkeyEtype: 18,
  acceptorSubkeyEtype: 18,
  dceStyle: false,
};

export function dataOf(state: MechState<KrbData>): KrbData {
  return state.data;
}

export function makeState(
  role: Role,
  name: KrbStateName,
  data: KrbData,
  holdings: Holdings,
): MechState<KrbData> {
  return { mech: 'kerberos', role, name, holdings: { state: name, ...holdings }, data };
}

/** A key as shown to a learner: its first 8 hex digits. */
export function keyPreview(key: Uint8Array): string {
  return `${toHex(key, 0, Math.min(4, key.length))}…`;
}

export function failedStep(
  role: Role,
  previous: { data: KrbData; holdings: Holdings },
  error: string,
  rules: Rule[],
  token?: Uint8Array,
): MechStep<KrbData> {
  const state = makeState(
    role,
    'FAILED',
    { ...previous.data, established: false, error },
    {
      ...previous.holdings,
      error,
    },
  );
  return { state, status: 'failed', error, rules, ...(token ? { token } : {}) };
}
