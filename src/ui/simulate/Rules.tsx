import type { Rule } from '../../protocol';
import { findDifference } from '../../protocol/differences';
import { formatLink } from '../../store/link';
import { SpecLinks } from '../spec/SpecLinks';

const WHO: Record<Rule['by'], string> = {
  initiator: 'Client',
  acceptor: 'Server',
  attacker: 'Attacker',
};

/** The entry of the Differences view that sets this rule beside the other implementations' habits. */
function DifferenceLink({ id }: { id: string }) {
  const entry = findDifference(id);
  if (!entry) return null;
  return (
    <>
      {' '}
      <a
        className="rule-difference"
        href={formatLink({ view: 'differences', difference: id })}
        aria-label={`How stacks differ: ${entry.title} (opens the Differences view)`}
      >
        how stacks differ
      </a>
    </>
  );
}

/** The rules that fired, each with who applied it and the spec section that states it. */
export function Rules({ rules }: { rules: Rule[] }) {
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
          {rule.difference && <DifferenceLink id={rule.difference} />}
        </li>
      ))}
    </ol>
  );
}
