import { useLinkNotice } from '../../store/url-sync';

/**
 * A link that could not be honoured says so instead of silently opening something else; each
 * view says what it shows instead. Styles: `.link-notice` (presenter.css).
 */
export function LinkNotice({ shownInstead }: { shownInstead: string }) {
  const problems = useLinkNotice((s) => s.problems);
  const dismiss = useLinkNotice((s) => s.dismiss);
  if (!problems.length) return null;
  return (
    <div className="link-notice" role="alert">
      <p>
        <strong>This link could not be opened as written:</strong> {problems.join('; ')}. Shown
        instead: {shownInstead}.
      </p>
      <button type="button" className="tool-button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
