import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ProfileName } from '../../protocol/config';
import {
  DIFFERENCE_IMPLEMENTATIONS,
  DIFFERENCES,
  IMPLEMENTATION_LABELS,
  NONE,
  TOPICS,
  differsFromRfc,
  filterDifferences,
  type Difference,
} from '../../protocol/differences';
import { formatLink } from '../../store/link';
import { markSettled } from '../../store/schedule';
import { LinkNotice } from '../common/LinkNotice';
import { useViewStore } from '../../store/view';
import { SpecLinks } from '../spec/SpecLinks';
import './differences.css';

/** Every pair of implementations, for "only where A and B differ". */
const PAIRS: [ProfileName, ProfileName][] = DIFFERENCE_IMPLEMENTATIONS.flatMap((a, i) =>
  DIFFERENCE_IMPLEMENTATIONS.slice(i + 1).map((b) => [a, b] as [ProfileName, ProfileName]),
);

export const differenceAnchor = (id: string) => `difference-${id}`;

/**
 * Where MIT, Heimdal, Windows, Samba and RFC 4178 differ, side by side, one table per topic; the
 * simulator's rules link here (`#view=differences&difference=<id>`).
 */
export function DifferencesView() {
  const highlighted = useViewStore((s) => s.difference);
  const [text, setText] = useState('');
  const [pairIndex, setPairIndex] = useState(-1);
  const pair = pairIndex >= 0 ? PAIRS[pairIndex] : undefined;
  const shown = useMemo(() => filterDifferences(DIFFERENCES, { text, pair }), [text, pair]);
  const searchId = useId();
  const pairId = useId();

  // A link to another entry clears the filters, which might hide it (adjusted while rendering).
  const [linked, setLinked] = useState(highlighted);
  if (linked !== highlighted) {
    setLinked(highlighted);
    setText('');
    setPairIndex(-1);
  }

  useEffect(() => markSettled(), []);
  // The linked entry is brought into view and focused once, when it is shown (not at each keystroke
  // of a later search).
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (!highlighted || scrolledTo.current === highlighted) return;
    const row = document.getElementById(differenceAnchor(highlighted));
    if (!row) return;
    scrolledTo.current = highlighted;
    row.scrollIntoView({ block: 'center' });
    row.querySelector<HTMLElement>('.difference-title')?.focus({ preventScroll: true });
  });

  return (
    <section className="differences-view" aria-labelledby="differences-heading">
      <LinkNotice shownInstead="every implementation difference" />
      <header className="differences-intro">
        <h2 id="differences-heading">Implementation differences</h2>
        <p>
          Where MIT krb5, Heimdal, Windows and Samba part ways with each other and with RFC 4178,
          each with its public source. <strong>Simulated</strong> rows are what the simulator does
          (the profiles’ switches show values read from the profiles themselves);{' '}
          <strong>documented</strong> rows are habits it does not model. The RFC 4178 column is the
          simulator’s strict profile: where RFC 4178 says nothing (NTLM, Kerberos), it follows the
          specification the row cites. Cells marked ≠ differ from it; “{NONE}” means no such habit
          is on record.
        </p>
      </header>
      <form className="differences-filter" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="differences-field">
          <label htmlFor={searchId}>Search</label>
          <input
            id={searchId}
            type="search"
            value={text}
            placeholder="mechListMIC, Heimdal, hintName…"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="differences-field">
          <label htmlFor={pairId}>Show</label>
          <select
            id={pairId}
            value={pairIndex}
            onChange={(e) => setPairIndex(Number(e.target.value))}
          >
            <option value={-1}>every difference</option>
            {PAIRS.map(([a, b], i) => (
              <option key={`${a}-${b}`} value={i}>
                only where {IMPLEMENTATION_LABELS[a]} and {IMPLEMENTATION_LABELS[b]} differ
              </option>
            ))}
          </select>
        </div>
        <p className="differences-count" aria-live="polite">
          {shown.length} of {DIFFERENCES.length} entries
        </p>
      </form>
      {TOPICS.map((topic) => {
        const entries = shown.filter((d) => d.topic === topic);
        if (!entries.length) return null;
        return (
          <DifferenceTable
            key={topic}
            topic={topic}
            entries={entries}
            highlighted={highlighted}
            pair={pair}
          />
        );
      })}
      {!shown.length && <p className="differences-empty">No entry matches.</p>}
    </section>
  );
}

function DifferenceTable({
  topic,
  entries,
  highlighted,
  pair,
}: {
  topic: string;
  entries: Difference[];
  highlighted: string | null;
  pair?: [ProfileName, ProfileName];
}) {
  const headingId = `differences-topic-${topic.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="differences-topic" aria-labelledby={headingId}>
      <h3 id={headingId}>{topic}</h3>
      <table className="differences-table">
        <thead>
          <tr>
            <th scope="col">Difference</th>
            {DIFFERENCE_IMPLEMENTATIONS.map((name) => (
              <th key={name} scope="col" className={pair?.includes(name) ? 'in-pair' : undefined}>
                {IMPLEMENTATION_LABELS[name]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <DifferenceRow
              key={entry.id}
              entry={entry}
              highlighted={entry.id === highlighted}
              pair={pair}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DifferenceRow({
  entry,
  highlighted,
  pair,
}: {
  entry: Difference;
  highlighted: boolean;
  pair?: [ProfileName, ProfileName];
}) {
  return (
    <tr
      id={differenceAnchor(entry.id)}
      className={`difference-row${highlighted ? ' highlighted' : ''}`}
      aria-current={highlighted ? 'true' : undefined}
    >
      <th scope="row" className="difference-head">
        <a
          className="difference-title"
          href={formatLink({ view: 'differences', difference: entry.id })}
        >
          {entry.title}
        </a>{' '}
        <span className={`difference-kind ${entry.simulated ? 'simulated' : 'documented'}`}>
          {entry.simulated ? 'simulated' : 'documented, not simulated'}
        </span>
        <p className="difference-explanation">{entry.explanation}</p>
        {entry.sources.shared && (
          <p className="difference-sources">
            <SpecLinks spec={entry.sources.shared} />
          </p>
        )}
      </th>
      {DIFFERENCE_IMPLEMENTATIONS.map((name) => {
        const differs = differsFromRfc(entry, name);
        const source = entry.sources[name];
        const classes = ['difference-value'];
        if (differs) classes.push('differs');
        if (entry.values[name] === NONE) classes.push('none');
        if (pair?.includes(name)) classes.push('in-pair');
        return (
          <td key={name} className={classes.join(' ')} data-label={IMPLEMENTATION_LABELS[name]}>
            <span className="difference-implementation" aria-hidden="true">
              {IMPLEMENTATION_LABELS[name]}
            </span>
            <span className="difference-text">
              {differs && (
                <span className="differs-mark" title="differs from RFC 4178">
                  <span aria-hidden="true">≠ </span>
                  <span className="visually-hidden">differs from RFC 4178: </span>
                </span>
              )}
              {entry.values[name] === NONE ? (
                <>
                  <span aria-hidden="true">{NONE}</span>
                  <span className="visually-hidden">none on record</span>
                </>
              ) : (
                entry.values[name]
              )}
            </span>
            {source && source !== entry.sources.shared && (
              <span className="difference-source">
                <SpecLinks spec={source} />
              </span>
            )}
          </td>
        );
      })}
    </tr>
  );
}
