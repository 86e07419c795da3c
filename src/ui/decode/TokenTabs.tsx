import { isDecoded, type ShownToken } from '../../store/analysis-runner';
import { exchangePlayback } from '../../store/playback';

const DIRECTION = { initiator: 'Client → Server', acceptor: 'Server → Client' } as const;

/** Tabs drawn at most: a long paste (thousands of tokens) shows those around the current one. */
export const MAX_TABS = 40;

/**
 * One tab per token found in the paste; the arrows show who sent it when the paste says so. With
 * more tokens than MAX_TABS, the tabs around the current one and a field to go to any token.
 */
export function TokenTabs({ tokens, current }: { tokens: ShownToken[]; current: number }) {
  const many = tokens.length > MAX_TABS;
  const first = many ? Math.max(0, Math.min(tokens.length - MAX_TABS, current - MAX_TABS / 2)) : 0;
  const shown = tokens.slice(first, first + MAX_TABS);
  return (
    <>
      {many && (
        <label className="inline token-jump">
          Token{' '}
          <input
            type="number"
            min={1}
            max={tokens.length}
            value={current + 1}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= tokens.length)
                exchangePlayback.getState().goTo(n - 1);
            }}
          />{' '}
          of {tokens.length.toLocaleString('en')}
        </label>
      )}
      <div className="token-tabs" role="tablist" aria-label="Tokens found">
        {shown.map((t, k) => {
          const i = first + k;
          return (
            <button
              key={i}
              type="button"
              role="tab"
              aria-selected={i === current}
              tabIndex={i === current ? 0 : -1}
              className={`token-tab ${t.direction ?? ''}`}
              onClick={() => exchangePlayback.getState().goTo(i)}
              onKeyDown={(e) => {
                const move = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                if (!move) return;
                e.preventDefault();
                const next = (i + move + tokens.length) % tokens.length;
                const list = e.currentTarget.parentElement;
                exchangePlayback.getState().goTo(next);
                // The tab may be drawn only once the window has moved to it.
                requestAnimationFrame(() =>
                  list?.querySelector<HTMLElement>(`[data-token="${next}"]`)?.focus(),
                );
              }}
              data-token={i}
            >
              {i + 1}. {t.direction ? DIRECTION[t.direction] : 'token'} ·{' '}
              {isDecoded(t) ? t.root.name : t.name}
            </button>
          );
        })}
      </div>
    </>
  );
}
