import { memo } from 'react';
import type { Check } from '../../analysis/types';
import { Rules } from '../simulate/Rules';
import { SpecLinks } from '../spec/SpecLinks';
import { AnnotatedBytes } from './AnnotatedBytes';
import { Disclosure } from './Disclosure';
import type { DerivedGroup, LessonStep } from './model';

const DIRECTIONS = { initiator: 'Client → Server', acceptor: 'Server → Client' } as const;

export const lessonStepId = (index: number) => `lesson-step-${index + 1}`;

function Checks({ checks }: { checks: Check[] }) {
  const failed = checks.filter((c) => !c.ok).length;
  return (
    <section className="lesson-checks" aria-label="Checks">
      <h4>
        Checks{' '}
        <span className="lesson-count">
          {failed === 0 ? `all ${checks.length} passed` : `${failed} of ${checks.length} failed`}
        </span>
      </h4>
      <ul>
        {checks.map((c, i) => (
          <li key={`${c.id}-${i}`} className={c.ok ? 'ok' : 'bad'}>
            <span className="lesson-mark" aria-hidden="true">
              {c.ok ? '✓' : '✗'}
            </span>
            <span className="visually-hidden">{c.ok ? 'Passed: ' : 'Failed: '}</span>
            {c.text}
            <span className="lesson-spec">
              {' '}
              — <SpecLinks spec={c.spec} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Derived({ groups, step }: { groups: DerivedGroup[]; step: number }) {
  return (
    <>
      {groups.map((group, g) => (
        <div key={g} className="lesson-derived-group">
          <p className="lesson-derived-title">
            {group.ok !== undefined && (
              <>
                <span className={`lesson-mark ${group.ok ? 'ok' : 'bad'}`} aria-hidden="true">
                  {group.ok ? '✓' : '✗'}
                </span>
                <span className="visually-hidden">{group.ok ? 'Verified: ' : 'Failed: '}</span>
              </>
            )}
            <strong>{group.title}</strong>
            {group.text && <> — {group.text}</>}
          </p>
          {group.opened && (
            <ul className="lesson-opened" aria-label={`${group.title}, decrypted`}>
              {group.opened.fields.map((f, i) => (
                <li key={i} style={{ paddingLeft: `${Math.min(f.depth, 12) * 0.9}rem` }}>
                  <span className="lesson-name">{f.name}</span>
                  {f.value && (
                    <>
                      {' = '}
                      <span className="lesson-value">{f.value}</span>
                    </>
                  )}
                </li>
              ))}
              {group.opened.more > 0 && (
                <li className="lesson-none">
                  … {group.opened.more} more fields (the Decode view’s inspector shows them all)
                </li>
              )}
            </ul>
          )}
          {group.rows.length > 0 && (
            <div
              className="lesson-table-scroll"
              tabIndex={0}
              role="region"
              aria-label={`${group.title}, step ${step + 1}`}
            >
              <table className="lesson-derived">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Value</th>
                    <th scope="col">How</th>
                  </tr>
                </thead>
                <tbody>
                  {group.rows.map((row, i) => (
                    <tr key={`${row.name}-${i}`}>
                      <th scope="row">{row.name}</th>
                      <td>
                        <code>{row.value}</code>
                      </td>
                      <td>{row.how ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ))}
    </>
  );
}

/** One step of the lesson: where it sits, what happened and why, its bytes, what it derived. */
export const LessonArticle = memo(function LessonArticle({
  step,
  count,
  current,
}: {
  step: LessonStep;
  count: number;
  current: boolean;
}) {
  const id = lessonStepId(step.index);
  const headingId = `${id}-title`;
  return (
    <article
      id={id}
      className={`lesson-step from-${step.from}${current ? ' current' : ''}`}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <header className="lesson-step-header">
        <p className="lesson-position">
          Step {step.index + 1} of {count}
          <a
            className="lesson-anchor"
            href={`#${id}`}
            aria-label={`Link to step ${step.index + 1}`}
          >
            #
          </a>
        </p>
        <h3 id={headingId} className="lesson-step-title">
          <span className="lesson-direction">{DIRECTIONS[step.from]}</span> {step.title}
        </h3>
        {step.facts.length > 0 && (
          <p className="lesson-facts">
            {step.facts.map((f) => (
              <span key={f}>{f}</span>
            ))}
          </p>
        )}
        <p className="lesson-states">
          After it: client <code>{step.states.initiator}</code>, server{' '}
          <code>{step.states.acceptor}</code>
        </p>
      </header>
      <section className="lesson-why" aria-label={`What happened, step ${step.index + 1}`}>
        <h4>What happened and why</h4>
        {step.rules.length > 0 ? (
          <Rules rules={step.rules} />
        ) : (
          <p className="lesson-none">No rule explains this step.</p>
        )}
      </section>
      {step.checks.length > 0 && <Checks checks={step.checks} />}
      {step.delivered && (
        <p className="lesson-mitm">
          A man in the middle changed this message on its way: the bytes received are shown after
          the bytes sent.
        </p>
      )}
      <Disclosure
        className="lesson-bytes"
        summary={`The token's ${step.token.bytes.length} bytes, field by field`}
      >
        {() => (
          <AnnotatedBytes
            bytes={step.token.bytes}
            root={step.token.root}
            label={`Bytes of step ${step.index + 1}`}
          />
        )}
      </Disclosure>
      {step.delivered && (
        <Disclosure
          className="lesson-bytes"
          summary={`The ${step.delivered.bytes.length} bytes the peer received`}
        >
          {() => (
            <AnnotatedBytes
              bytes={step.delivered!.bytes}
              root={step.delivered!.root}
              label={`Bytes received at step ${step.index + 1}`}
            />
          )}
        </Disclosure>
      )}
      {step.derived.length > 0 && (
        <Disclosure className="lesson-derived-section" summary="Derived values and how">
          {() => <Derived groups={step.derived} step={step.index} />}
        </Disclosure>
      )}
    </article>
  );
});
