import type { Rule } from '../../protocol';
import { useSimulationStore } from '../../store/simulation';
import { SpecLinks } from '../spec/SpecLinks';
import type { StepView } from './useStepViews';

const WHO: Record<Rule['by'], string> = {
  initiator: 'Client',
  acceptor: 'Server',
  attacker: 'Attacker',
};

function Rules({ rules }: { rules: Rule[] }) {
  return (
    <ol className="rules">
      {rules.map((rule, i) => (
        <li key={i} className={`rule by-${rule.by}`}>
          <span className="rule-by">{WHO[rule.by]}</span> {rule.text}
          {rule.spec && (
            <span className="rule-spec">
              {' '}
              — <SpecLinks spec={rule.spec} />
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

/** What happened at this step and why: each rule that fired, quoted with its spec section. */
export function Narrative({ views, index }: { views: StepView[]; index: number }) {
  const run = useSimulationStore((s) => s.run);
  const showDelivered = useSimulationStore((s) => s.showDelivered);
  const setShowDelivered = useSimulationStore((s) => s.setShowDelivered);
  const view = views[index];
  if (!view || !run) return null;
  const { step, label } = view;
  const last = index === views.length - 1;
  const outcome = run.outcome;

  return (
    <section className="narrative" aria-label="What happened">
      <h2 className={`narrative-title from-${step.from}`}>
        <span className="direction">
          {step.from === 'initiator' ? 'Client → Server' : 'Server → Client'}
        </span>{' '}
        {[label.envelope, ...label.inner].join(' + ')}
      </h2>
      {view.delivered && (
        <p className="mitm">
          A man in the middle changed this message on its way: the server received different bytes.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => setShowDelivered(!showDelivered)}
          >
            {showDelivered ? 'Inspect the bytes sent' : 'Inspect the bytes received'}
          </button>
        </p>
      )}
      <Rules rules={step.rules} />
      {last && (
        <div className={`outcome outcome-${outcome.result}`} role="status">
          <p className="outcome-title">
            {outcome.result === 'established'
              ? `Context established${outcome.mech ? ` with ${outcome.mech === 'kerberos' ? 'Kerberos' : 'NTLM'}` : ''}`
              : outcome.result === 'rejected'
                ? 'Negotiation rejected'
                : 'Negotiation failed'}
          </p>
          <p>{outcome.reason}</p>
          {run.closingRules.length > 0 && <Rules rules={run.closingRules} />}
        </div>
      )}
    </section>
  );
}
