import type {
  NtlmObservation,
  ObservedFacts,
  ObserverState,
  OrderVerdict,
  TokenObservation,
} from '../../protocol/observe';
import { mechTitle } from '../../protocol/observe';
import type { AnalysedStep, Check, SecretResult, Side } from '../types';
import { kerberosChecks } from './kerberos';
import { ntlmChecks } from './ntlm';
import { spnegoChecks } from './spnego';

export { CLOCK_SKEW_SECONDS, authenticatorTimeCheck, clockCheck } from './time';
export { authenticatorChecks, kerberosErrorCheck } from './kerberos';

/** Everything a step's checks are computed from. */
export interface CheckContext {
  index: number;
  from: Side;
  obs: TokenObservation;
  /** The observing machines before and after the token. */
  before: ObserverState;
  after: ObserverState;
  facts: ObservedFacts;
  order: OrderVerdict | null;
  /** The NTLM CHALLENGE seen earlier in the exchange, for the AUTHENTICATE's checks. */
  challenge: Extract<NtlmObservation, { message: 'CHALLENGE' }> | null;
  /** Capture time of the token (seconds since 1970), when known. */
  time?: number;
  /** The input said who sent the token, and the content disagrees. */
  contradiction: string | null;
}

/**
 * The ✓/✗ checks of one observed step. Ids: `direction` (the input's sender against the content),
 * `negstate-sequence`, `supportedmech-first-reply`, `optimistic-token`,
 * `request-mic-on-reselection`, `mechlistmic-required`, `mutual-auth-reply` (RFC 4178),
 * `ntlm-message-order`, `kerberos-message-order`, `ntlm-mic-present`, `clock-skew`,
 * `channel-bindings`, `kerberos-error`, `kerberos-framing-oid`; with secrets, `mechlistmic-valid`
 * (`micValidityCheck`) and the Authenticator's `clock-skew` / `channel-bindings`
 * (`authenticatorChecks`).
 */
export function stepChecks(ctx: CheckContext): Check[] {
  const checks: Check[] = [];
  if (ctx.contradiction)
    checks.push({
      id: 'direction',
      ok: false,
      text: ctx.contradiction,
      spec: 'RFC 4178 §4.2; RFC 4121 §4.1; MS-NLMP §1.3.1.1',
    });
  checks.push(...spnegoChecks(ctx));
  if (ctx.order) {
    const mech = ctx.after.mech.mech;
    checks.push({
      id: mech === 'ntlm' ? 'ntlm-message-order' : 'kerberos-message-order',
      ok: ctx.order.ok,
      text: `${mechTitle(mech)} message order: ${ctx.order.text}`,
      spec: ctx.order.spec,
    });
  }
  checks.push(...ntlmChecks(ctx));
  checks.push(...kerberosChecks(ctx));
  return checks;
}

/**
 * The mechListMIC verified with the keys the secrets gave (RFC 4178 §5 a: over DER(MechTypeList)
 * as the verifier sent or received it), for the integrator to add beside the required/present check.
 */
export function micValidityCheck(step: AnalysedStep, result: SecretResult): Check {
  const whose = step.from === 'initiator' ? "The client's" : "The acceptor's";
  return {
    id: 'mechlistmic-valid',
    ok: result.ok,
    text: result.ok
      ? `${whose} mechListMIC verifies over the mechTypes: the negotiation was not altered on the way${result.text ? ` (${result.text})` : ''}`
      : `${whose} mechListMIC does not verify: the mechTypes were altered on the way (a downgrade attempt), or the keys do not match this exchange${result.text ? ` (${result.text})` : ''}`,
    spec: 'RFC 4178 §5',
  };
}
