import { useId, useState } from 'react';
import { copyText } from '../common/clipboard';
import { Icon } from '../common/Icon';
import { embedUrl, iframeSnippet } from './snippet';

interface Props {
  /** The link hash of what the frame shows (`#view=simulate&scenario=…&step=…`). */
  hash: string;
  /** The frame's accessible title on the host page. */
  title: string;
  /** Why there is nothing to embed yet, if so (the button is then disabled and says why). */
  unavailable?: string;
}

/**
 * "Embed": the `<iframe>` snippet for what is on screen, to paste into a documentation page, with
 * a copy button and a preview. The address is computed for this very page, so it names the site
 * under whatever sub-path it is served from.
 */
export function EmbedSnippet({ hash, title, unavailable }: Props) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  const panelId = useId();
  const hintId = useId();
  const shown = open && !unavailable;
  const url = shown ? embedUrl(hash, window.location.href) : '';
  const snippet = shown ? iframeSnippet(url, title) : '';

  return (
    <>
      <button
        type="button"
        className="tool-button"
        aria-expanded={shown}
        aria-controls={panelId}
        aria-describedby={unavailable ? hintId : undefined}
        disabled={!!unavailable}
        title={unavailable}
        onClick={() => {
          setOpen(!open);
          setStatus('');
        }}
      >
        <Icon name="embed" /> Embed
      </button>
      {unavailable && (
        <span id={hintId} className="visually-hidden">
          {unavailable}
        </span>
      )}
      {shown && (
        <section id={panelId} className="embed-panel" aria-label="Embed this view">
          <label htmlFor={`${panelId}-code`} className="embed-panel-label">
            Paste this into a page to show this view there (the script sizes the frame to its
            content):
          </label>
          <textarea
            id={`${panelId}-code`}
            className="embed-code"
            readOnly
            rows={5}
            spellCheck={false}
            value={snippet}
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="embed-panel-actions">
            <button
              type="button"
              className="tool-button"
              onClick={async () =>
                setStatus((await copyText(snippet)) ? 'Snippet copied.' : 'Could not copy.')
              }
            >
              <Icon name="copy" /> Copy snippet
            </button>
            <a className="tool-button" href={url} target="_blank" rel="noopener">
              <Icon name="external" /> Preview
            </a>
            <span className="copy-status" role="status">
              {status}
            </span>
          </div>
        </section>
      )}
    </>
  );
}
