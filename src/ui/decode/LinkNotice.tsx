import { useLinkNotice } from '../../store/url-sync';

/**
 * A Decode link that could not be honoured says so (an unknown input format, a damaged shared
 * paste…) instead of silently opening an empty view; the styles are the simulator's
 * (`.link-notice`, presenter.css).
 */
export function LinkNotice() {
  const problems = useLinkNotice((s) => s.problems);
  const dismiss = useLinkNotice((s) => s.dismiss);
  if (!problems.length) return null;
  return (
    <div className="link-notice" role="alert">
      <p>
        <strong>This link could not be opened as written:</strong> {problems.join('; ')}. Shown
        instead: the Decode view with what the rest of the link asks for (a paste in an unknown
        format is read as whatever it looks like).
      </p>
      <button type="button" className="tool-button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
