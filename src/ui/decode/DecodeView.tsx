import { useEffect } from 'react';
import { useDecodeStore } from '../../store/decode';
import { useInspectorStore } from '../../store/inspector';
import { PasteBox } from './PasteBox';
import { Inspector } from '../inspector/Inspector';

/** Paste (or drop) a token, see every token found and inspect the selected one. */
export function DecodeView() {
  const result = useDecodeStore((s) => s.result);
  const tokenIndex = useDecodeStore((s) => s.tokenIndex);
  const selectToken = useDecodeStore((s) => s.selectToken);
  const reset = useInspectorStore((s) => s.reset);
  const token = result?.tokens[tokenIndex] ?? null;

  useEffect(() => reset(token?.root ?? null), [token, reset]);

  return (
    <section className="decode-view" aria-label="Decode">
      <PasteBox />
      <div className="decode-output">
        {result?.errors.map((e, i) => (
          <p key={i} className="error" role="alert">
            {e.message}
          </p>
        ))}
        {result && result.tokens.length > 1 && (
          <div className="token-tabs" role="tablist" aria-label="Tokens found">
            {result.tokens.map((t, i) => (
              <button
                key={i}
                role="tab"
                aria-selected={i === tokenIndex}
                className={`token-tab ${t.direction ?? ''}`}
                onClick={() => selectToken(i)}
              >
                {i + 1}.{' '}
                {t.direction === 'initiator'
                  ? 'Client → Server'
                  : t.direction === 'acceptor'
                    ? 'Server → Client'
                    : 'token'}{' '}
                · {t.root.name}
              </button>
            ))}
          </div>
        )}
        {token && (
          <>
            <p className="token-summary">
              {token.length} bytes from {token.source}
              {token.errors.length > 0 && (
                <span className="error"> · {token.errors.length} error(s)</span>
              )}
            </p>
            {token.errors.map((e, i) => (
              <p key={i} className="error" role="alert">
                {e.message}
              </p>
            ))}
            <Inspector root={token.root} bytes={token.bytes} />
          </>
        )}
      </div>
    </section>
  );
}
