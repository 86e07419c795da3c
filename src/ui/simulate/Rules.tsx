import type { Rule } from '../../protocol';
import { SpecLinks } from '../spec/SpecLinks';

const WHO: Record<Rule['by'], string> = {
  initiator: 'Client',
  acceptor: 'Server',
  attacker: 'Attacker',
};

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
        </li>
      ))}
    </ol>
  );
}
