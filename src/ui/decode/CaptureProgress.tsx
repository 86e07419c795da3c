import { useAnalysisStore } from '../../store/analysis';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0)} MB`;
/** A file's size: small captures in bytes or kB, large ones in MB. */
const size = (bytes: number) =>
  bytes < 1e3 ? `${bytes} bytes` : bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : mb(bytes);
const count = (n: number) => n.toLocaleString('en');

/** The capture being read: a progress bar with what was found so far, and Cancel; or how it ended. */
export function CaptureProgress() {
  const capture = useAnalysisStore((s) => s.capture);
  const cancel = useAnalysisStore((s) => s.cancelCapture);
  const close = useAnalysisStore((s) => s.closeCapture);
  if (!capture) return null;
  const { name, state, progress, listing } = capture;
  const total = capture.size;

  const header = (
    <p className="capture-name">
      <strong>{name}</strong> <span className="hint">({size(total)})</span>
    </p>
  );

  if (state === 'reading') {
    const analysing = progress?.phase === 'analysing';
    // Reading is most of the work; analysing the exchanges for the list is the rest.
    const done = analysing
      ? (progress.exchanges / Math.max(1, progress.of ?? 1)) * 100
      : ((progress?.bytes ?? 0) / Math.max(1, total)) * 100;
    const text = analysing
      ? `Analysing exchange ${count(progress.exchanges)} of ${count(progress.of ?? 0)}`
      : `Read ${mb(progress?.bytes ?? 0)} of ${mb(total)}: ${count(progress?.packets ?? 0)} packets, ${count(progress?.exchanges ?? 0)} exchanges so far`;
    return (
      <div className="capture-progress" aria-busy="true">
        {header}
        <div className="capture-progress-row">
          <progress
            max={100}
            value={Math.round(done)}
            aria-label={analysing ? 'Analysing the capture' : 'Reading the capture'}
            aria-valuenow={Math.round(done)}
            aria-valuetext={text}
          />
          <button type="button" className="tool-button" onClick={cancel}>
            Cancel
          </button>
        </div>
        <p className="hint" role="status">
          {text}
        </p>
      </div>
    );
  }

  return (
    <div className="capture-progress">
      {header}
      {state === 'cancelled' && (
        <p role="status">
          Cancelled at {mb(capture.cancelledAt ?? 0)}: nothing of the capture was kept.
        </p>
      )}
      {state === 'failed' && (
        <p className="error" role="alert">
          The capture could not be read: {capture.error}
        </p>
      )}
      {state === 'listed' && listing && (
        <p role="status">
          {listing.format} capture, {count(listing.packets)} packets:{' '}
          {listing.exchanges.length === 0
            ? 'no HTTP, SMB2 or LDAP authentication found.'
            : `${count(listing.exchanges.length)} ${listing.exchanges.length === 1 ? 'exchange' : 'exchanges'}.`}
          {!listing.complete && ' The file ends early or is damaged: what was read is shown.'}
        </p>
      )}
      {listing && listing.issues.length > 0 && (
        <details className="capture-issues">
          <summary>
            {listing.issues.length} {listing.issues.length === 1 ? 'note' : 'notes'} on the capture
          </summary>
          <ul>
            {listing.issues.map((issue, i) => (
              <li key={i}>
                {issue.frame !== undefined ? `frame ${issue.frame}, ` : ''}offset {issue.offset}:{' '}
                {issue.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <button type="button" className="tool-button" onClick={close}>
        Close the capture
      </button>
    </div>
  );
}
