import { memo, useMemo, type CSSProperties } from 'react';
import { annotateBytes, hexGroups, type AnnotatedRun } from '../../codec/annotate';
import type { Node } from '../../codec/tree';
import { SpecLinks } from '../spec/SpecLinks';
import { useDisclosure } from './printing';

/** Bytes shown of a long run before "show all" (a Kerberos ticket's cipher is a kilobyte). */
const SHOWN_BYTES = 32;
/** A value longer than this is cut in the row (its bytes are beside it). */
const VALUE_CHARS = 96;

const plural = (n: number) => `${n} byte${n === 1 ? '' : 's'}`;

function valueText(run: AnnotatedRun): string | null {
  const value = run.value === undefined || run.value === null ? null : String(run.value);
  const text =
    run.label && value && run.label !== value ? `${run.label} (${value})` : (run.label ?? value);
  if (text === null || text === '') return null;
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text;
}

function Hex({ bytes, run }: { bytes: Uint8Array; run: AnnotatedRun }) {
  const [all, setAll] = useDisclosure();
  const long = run.length > SHOWN_BYTES + 16;
  const full = !long || all;
  const groups = hexGroups(bytes, run.offset, full ? run.length : SHOWN_BYTES);
  return (
    <span className="lesson-hex-cell">
      <code className="lesson-hex">
        {groups.map((g, i) => (
          <span key={i} className="lesson-hex-group">
            {g}
          </span>
        ))}
      </code>
      {long && !full && (
        <button type="button" className="link-button lesson-more" onClick={() => setAll(true)}>
          … show all {plural(run.length)}
        </button>
      )}
    </span>
  );
}

function Row({ run, bytes }: { run: AnnotatedRun; bytes: Uint8Array }) {
  const value = valueText(run);
  const indent = { '--depth': Math.min(run.depth, 12) } as CSSProperties;
  const offset = `${run.offset.toString(16).padStart(4, '0')}`;
  if (run.kind === 'header')
    return (
      <li className="lesson-run lesson-run-header" style={indent}>
        <span className="lesson-offset" title={`offset ${run.offset}`}>
          {offset}
        </span>
        <Hex bytes={bytes} run={run} />
        <span className="lesson-field">
          <span className="lesson-name">{run.name}</span>{' '}
          <span className="lesson-type">
            {[run.type, plural(run.total ?? run.length)].filter(Boolean).join(', ')}
          </span>
          {value && <span className="lesson-value"> {value}</span>}
          {run.meaning && <span className="lesson-meaning"> — {run.meaning}</span>}
          {run.spec && (
            <span className="lesson-spec">
              {' '}
              <SpecLinks spec={run.spec} />
            </span>
          )}
          {run.error && <span className="lesson-error"> {run.error}</span>}
        </span>
      </li>
    );
  if (run.kind === 'gap')
    return (
      <li className="lesson-run lesson-run-gap" style={indent}>
        <span className="lesson-offset">{offset}</span>
        <Hex bytes={bytes} run={run} />
        <span className="lesson-field">
          <span className="lesson-name">
            {plural(run.length)} of {run.name}
          </span>
          <span className="lesson-meaning"> — not decoded as a field</span>
        </span>
      </li>
    );
  return (
    <li className="lesson-run lesson-run-field" style={indent}>
      <span className="lesson-offset">{offset}</span>
      <Hex bytes={bytes} run={run} />
      <span className="lesson-field">
        <span className="lesson-name">{run.name}</span>
        {run.type && <span className="lesson-type"> {run.type}</span>}
        {value && (
          <>
            {' = '}
            <span className="lesson-value">{value}</span>
          </>
        )}
        {run.meaning && <span className="lesson-meaning"> — {run.meaning}</span>}
        {run.spec && (
          <span className="lesson-spec">
            {' '}
            <SpecLinks spec={run.spec} />
          </span>
        )}
        {run.error && <span className="lesson-error"> {run.error}</span>}
        {run.warnings?.map((w) => (
          <span key={w} className="lesson-warning">
            {' '}
            ⚠ {w}
          </span>
        ))}
      </span>
    </li>
  );
}

/**
 * A token's bytes, every field's run labelled with its name, value and meaning, nested as the
 * decoded tree nests them (src/codec/annotate.ts).
 */
export const AnnotatedBytes = memo(function AnnotatedBytes({
  bytes,
  root,
  label,
}: {
  bytes: Uint8Array;
  root: Node;
  label: string;
}) {
  const runs = useMemo(() => annotateBytes(root, bytes), [root, bytes]);
  return (
    <ol className="lesson-runs" aria-label={label}>
      {runs.map((run, i) => (
        <Row key={i} run={run} bytes={bytes} />
      ))}
    </ol>
  );
});
