import type { AnalysedOutcome, Finding } from '../../analysis/types';
import { SpecLinks } from '../spec/SpecLinks';
import { mechName, outcomeTitle } from './format';

const SEVERITY = { error: 'Error', warning: 'Warning', info: 'Note' } as const;
const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * How the exchange ended (a live status named "Outcome": it changes as another exchange is
 * chosen), with the one sentence that says why; the findings about the whole exchange follow.
 */
export function Verdict({ outcome, findings }: { outcome: AnalysedOutcome; findings: Finding[] }) {
  const mech = mechName(outcome.mech);
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <div className="analysis-verdict">
      <div
        className={`analysis-outcome analysis-outcome-${outcome.result}`}
        role="status"
        aria-label="Outcome"
      >
        <p className="analysis-outcome-title">{outcomeTitle(outcome)}</p>
        <dl className="analysis-outcome-facts">
          <div>
            <dt>Result</dt>
            <dd>{outcome.result}</dd>
          </div>
          <div>
            <dt>Mechanism</dt>
            <dd>{mech ?? 'none chosen'}</dd>
          </div>
        </dl>
        <p className="analysis-outcome-reason">{outcome.reason}</p>
      </div>
      {sorted.length > 0 && (
        <section className="analysis-findings" aria-label="Findings">
          <h3>Findings</h3>
          <ul>
            {sorted.map((f, i) => (
              <li key={i} className={`analysis-finding severity-${f.severity}`}>
                <span className="analysis-severity">{SEVERITY[f.severity]}</span> {f.text}
                {f.spec && (
                  <span className="analysis-spec">
                    {' '}
                    — <SpecLinks spec={f.spec} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
