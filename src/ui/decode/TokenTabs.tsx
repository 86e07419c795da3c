import type { DecodedTokenBytes } from '../../codec';
import { exchangePlayback } from '../../store/playback';

const DIRECTION = { initiator: 'Client → Server', acceptor: 'Server → Client' } as const;

/** One tab per token found in the paste; the arrows show who sent it when the paste says so. */
export function TokenTabs({ tokens, current }: { tokens: DecodedTokenBytes[]; current: number }) {
  return (
    <div className="token-tabs" role="tablist" aria-label="Tokens found">
      {tokens.map((t, i) => (
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
            exchangePlayback.getState().goTo(next);
            const tabs = e.currentTarget.parentElement?.querySelectorAll<HTMLElement>('[role=tab]');
            tabs?.[next]?.focus();
          }}
        >
          {i + 1}. {t.direction ? DIRECTION[t.direction] : 'token'} · {t.root.name}
        </button>
      ))}
    </div>
  );
}
