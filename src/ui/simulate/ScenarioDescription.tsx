import { useState } from 'react';
import type { SimRun } from '../../store/engine-runner';
import type { ConfigChange } from './config-changes';
import { outcomeTitle } from './Outcome';

/** What was changed from the scenario, and how the run now ends (null: being computed). */
export function ConfigChanges({ changes, run }: { changes: ConfigChange[]; run: SimRun | null }) {
  if (!changes.length) return null;
  return (
    <div className="config-changes" aria-live="polite">
      <p>
        <strong>Your changes:</strong>{' '}
        {changes.map((c, i) => (
          <span key={c.path} className="config-change">
            {i > 0 && '; '}
            {c.label} <del>{c.from}</del> → <ins>{c.to}</ins>
          </span>
        ))}
        .
      </p>
      <p className="what-follows">
        {run ? (
          <>
            <strong>So now:</strong> {outcomeTitle(run.outcome)} — {run.outcome.reason}
          </>
        ) : (
          'Computing what follows…'
        )}
      </p>
    </div>
  );
}

/**
 * What to watch for in this scenario; on a phone it folds to three lines until asked. Once the
 * configuration departs from the scenario, it says what was changed and how the run now ends
 * (`run`: the run of this very configuration, null while it is computed), and keeps the
 * scenario's own text as what it was written for.
 */
export function ScenarioDescription({
  text,
  changes,
  run,
}: {
  text: string;
  changes: ConfigChange[];
  run: SimRun | null;
}) {
  const [open, setOpen] = useState(false);
  const changed = changes.length > 0;
  return (
    <div className={`scenario-description${open ? '' : ' clamped'}${changed ? ' changed' : ''}`}>
      {changed && <ConfigChanges changes={changes} run={run} />}
      <p>
        {changed && <strong>As written, the scenario: </strong>}
        {text}
      </p>
      <button
        type="button"
        className="link-button more-button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Less' : 'More'}
      </button>
    </div>
  );
}
