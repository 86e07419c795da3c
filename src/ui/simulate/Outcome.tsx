import type { SimRun } from '../../store/engine-runner';
import { Rules } from './Rules';

const MECHS: Record<string, string> = { kerberos: 'Kerberos', ntlm: 'NTLM', negoex: 'NEGOEX' };

/** "Context established with NTLM", "Negotiation rejected"…: how a run ended, in one line. */
export function outcomeTitle({ result, mech }: SimRun['outcome']): string {
  return result === 'established'
    ? `Context established${mech ? ` with ${MECHS[mech]}` : ''}`
    : result === 'rejected'
      ? 'Negotiation rejected'
      : 'Negotiation failed';
}

/** How the exchange ended, and the rules applied after the last message. */
export function Outcome({ run }: { run: SimRun }) {
  const { result, reason } = run.outcome;
  return (
    <div className={`outcome outcome-${result}`} role="status" aria-label="Outcome">
      <p className="outcome-title">{outcomeTitle(run.outcome)}</p>
      <p>{reason}</p>
      {run.closingRules.length > 0 && <Rules rules={run.closingRules} />}
    </div>
  );
}
