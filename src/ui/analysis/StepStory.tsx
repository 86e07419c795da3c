import type { AnalysedStep, Check, Transport } from '../../analysis/types';
import { mechShortName } from '../../codec/describe';
import { legStatus } from '../diagram/analysed-source';
import { SpecLinks } from '../spec/SpecLinks';
import { DIRECTIONS, mechName, stepFacts } from './format';
import { SecretResults } from './SecretResults';

/** The chosen mechanism by name, its OID beside it (`NTLM (1.3.6.1.4.1.311.2.2.10)`). */
function supportedMechName(oid: string): string {
  const name = mechShortName(oid);
  return name === oid ? oid : `${name} (${oid})`;
}

function Checks({ checks }: { checks: Check[] }) {
  if (checks.length === 0) return null;
  const failed = checks.filter((c) => !c.ok).length;
  return (
    <section className="analysis-checks-section" aria-label="Checks">
      <h3>
        Checks{' '}
        <span className="analysis-count">
          {failed === 0 ? `all ${checks.length} passed` : `${failed} of ${checks.length} failed`}
        </span>
      </h3>
      <ul className="analysis-checks">
        {checks.map((c, i) => (
          <li key={`${c.id}-${i}`} className={`analysis-check ${c.ok ? 'ok' : 'bad'}`}>
            <span className="analysis-mark" aria-hidden="true">
              {c.ok ? '✓' : '✗'}
            </span>
            <span className="visually-hidden">{c.ok ? 'Passed: ' : 'Failed: '}</span>
            <span>
              {c.text}
              <span className="analysis-spec">
                {' '}
                — <SpecLinks spec={c.spec} />
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The current step told like a simulated one: who sent what, what the input said about its
 * carrier, which rules explain it (with their sources), the checks, and what the secrets opened.
 */
export function StepStory({
  step,
  steps,
  transport,
  position,
}: {
  step: AnalysedStep;
  steps: AnalysedStep[];
  transport: Transport;
  /** 0-based place of the step in the exchange. */
  position: number;
}) {
  const status = legStatus({ transport, steps }, position);
  const facts = stepFacts(step);
  const mech = mechName(step.mech);
  const fields = [
    step.negState && `negState ${step.negState}`,
    step.supportedMech && `supportedMech ${supportedMechName(step.supportedMech)}`,
    mech && `carries ${mech}`,
    step.mechListMIC && 'mechListMIC present',
  ].filter(Boolean);
  return (
    <section className="narrative analysis-story" aria-label="Narrative">
      <h2 className={`narrative-title from-${step.from}`}>
        <span className="direction">{DIRECTIONS[step.from]}</span>{' '}
        <span className="analysis-step-number">Message {position + 1}:</span> {step.summary}
      </h2>
      {(facts.length > 0 || status || step.inferred || fields.length > 0) && (
        <p className="analysis-facts">
          {status && <span className={`analysis-status status-${status.tone}`}>{status.text}</span>}
          {facts.map((f) => (
            <span key={f}>{f}</span>
          ))}
          {fields.map((f) => (
            <span key={f as string}>{f}</span>
          ))}
          {step.inferred && (
            <span className="analysis-inferred">sender inferred from the token</span>
          )}
        </p>
      )}
      {step.explanation.length > 0 && (
        <ol className="rules analysis-explanation">
          {step.explanation.map((e, i) => (
            <li key={i} className="rule">
              {e.text}
              {e.spec && (
                <span className="rule-spec">
                  {' '}
                  — <SpecLinks spec={e.spec} />
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      <Checks checks={step.checks} />
      <SecretResults results={step.secrets} root={step.root} />
    </section>
  );
}
