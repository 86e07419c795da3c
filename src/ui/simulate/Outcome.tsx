import type { SimRun } from '../../store/engine-runner';
import { Rules } from './Rules';

const MECHS = { kerberos: 'Kerberos', ntlm: 'NTLM' } as const;

/** How the exchange ended, and the rules applied after the last message. */
export function Outcome({ run }: { run: SimRun }) {
  const { result, mech, reason } = run.outcome;
  const title =
    result === 'established'
      ? `Context established${mech ? ` with ${MECHS[mech]}` : ''}`
      : result === 'rejected'
        ? 'Negotiation rejected'
        : 'Negotiation failed';
  return (
    <div className={`outcome outcome-${result}`} role="status">
      <p className="outcome-title">{title}</p>
      <p>{reason}</p>
      {run.closingRules.length > 0 && <Rules rules={run.closingRules} />}
    </div>
  );
}
