import type { Rule } from '../../protocol';
import { findDifference } from '../../protocol/differences';
import { formatLink } from '../../store/link';
import { SpecLinks } from '../spec/SpecLinks';

const WHO: Record<Rule['by'], string> = {
  initiator: 'Client',
  acceptor: 'Server',
  attacker: 'Attacker',
};

/**
 * The embeddable page (embed.html) shows one view only: there, the entry opens in the app, in a new
 * tab, as the frame's "Open in SPNEGO Lab" link does.
 */
const EMBEDDED = /\/embed\.html$/.test(window.location.pathname);

/** The entry of the Differences view that sets this rule beside the other implementations' habits. */
function DifferenceLink({ id }: { id: string }) {
  const entry = findDifference(id);
  if (!entry) return null;
  const hash = formatLink({ view: 'differences', difference: id });
  return (
    <>
      {' '}
      <a
        className="rule-difference"
        href={EMBEDDED ? `./${hash}` : hash}
        {...(EMBEDDED ? { target: '_blank', rel: 'noopener' } : {})}
        aria-label={`How stacks differ: ${entry.title} (opens the Differences view${EMBEDDED ? ' of SPNEGO Lab in a new tab' : ''})`}
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
