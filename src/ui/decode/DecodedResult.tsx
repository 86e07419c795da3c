import { useMemo } from 'react';
import { messageLabel, messageLabelParts } from '../../codec/describe';
import { useAnalysisStore } from '../../store/analysis';
import { isDecoded, type ShownToken } from '../../store/analysis-runner';
import { useDecodeStore } from '../../store/decode';
import { exchangePlayback, usePlayback } from '../../store/playback';
import { SequenceDiagram } from '../diagram/SequenceDiagram';
import type { DiagramMessage } from '../diagram/sequence-source';
import { AnalysedExchangeView } from '../analysis/AnalysedExchangeView';
import { Inspector } from '../inspector/Inspector';
import { PlaybackControls } from '../playback/PlaybackControls';
import { MAX_TABS, TokenTabs } from './TokenTabs';

/** Messages drawn at most: a longer list of tokens is no single exchange to draw. */
const MAX_DRAWN = MAX_TABS;

/** An exchange whose every token says who sent it (HTTP headers, a capture) can be drawn. */
function exchangeMessages(tokens: ShownToken[]): DiagramMessage[] | null {
  if (tokens.length < 2 || tokens.length > MAX_DRAWN || tokens.some((t) => !t.direction))
    return null;
  const decoded = tokens.filter(isDecoded);
  if (decoded.length < tokens.length) return null;
  return decoded.map((t) => ({ from: t.direction!, label: messageLabelParts(t.root) }));
}

const NO_TOKENS: ShownToken[] = [];

/** A pasted capture file: offered to be opened as a capture (a token was expected). */
function OpenAsCapture({ bytes }: { bytes: Uint8Array }) {
  const fileName = useDecodeStore((s) => s.fileName);
  const openCapture = useAnalysisStore((s) => s.openCapture);
  return (
    <button
      type="button"
      className="tool-button"
      onClick={() =>
        openCapture(new Blob([bytes as Uint8Array<ArrayBuffer>]), fileName ?? 'pasted capture')
      }
    >
      Open as capture
    </button>
  );
}

/**
 * The tokens shown: the paste's, or the chosen capture exchange's. As a diagram with its
 * controls when each token's sender is known, a tab per token, and the selected token in the
 * inspector. The decode view shows it under the paste box (and the capture's list); an embedded
 * frame of a shared paste shows it alone.
 */
export function DecodedResult({ embedded = false }: { embedded?: boolean }) {
  const result = useDecodeStore((s) => s.result);
  const decoding = useDecodeStore((s) => s.decoding);
  const loadError = useDecodeStore((s) => s.loadError);
  const source = useAnalysisStore((s) => s.source);
  const captureTokens = useAnalysisStore((s) => s.tokens);
  const analysing = useAnalysisStore((s) => s.analysing);
  const exchangeError = useAnalysisStore((s) => s.exchangeError);
  const fromCapture = source === 'capture' && !embedded;
  const detail = useDecodeStore((s) => s.detail);
  const tokens = (fromCapture ? captureTokens : result?.tokens) ?? NO_TOKENS;
  const index = usePlayback(exchangePlayback, (s) => s.index);
  const shown = tokens[index];
  // A long paste's token arrives from the worker when shown.
  const token = isDecoded(shown) ? shown : detail?.index === index ? detail.token : null;
  const messages = useMemo(() => exchangeMessages(tokens), [tokens]);
  const exchange = useAnalysisStore((s) => s.exchange);
  // An exchange of several tokens is shown as its analysis (story, checks, verdict, its own
  // diagram and inspector); a single token, and an embedded frame, as the token itself.
  const analysed =
    !embedded && exchange && exchange.steps.length > 1 && exchange.steps.length === tokens.length
      ? exchange
      : null;

  return (
    <>
      {!fromCapture && (
        <>
          {decoding && (
            <p className="hint" role="status">
              Decoding…
            </p>
          )}
          {loadError && (
            <p className="error" role="alert">
              The decoder failed ({loadError}). Reload the page and paste again.
            </p>
          )}
          {result?.errors.map((e, i) => (
            <p key={i} className="error" role="alert">
              {e.message}
            </p>
          ))}
          {result?.capture && !embedded && <OpenAsCapture bytes={result.capture} />}
          {result?.analysisError && (
            <p className="error" role="alert">
              The exchange could not be analysed ({result.analysisError}); its tokens are shown.
            </p>
          )}
        </>
      )}
      {fromCapture && analysing && (
        <p className="hint" role="status">
          Analysing the exchange…
        </p>
      )}
      {fromCapture && exchangeError && (
        <p className="error" role="alert">
          {exchangeError}
        </p>
      )}
      {analysed && (
        <AnalysedExchangeView
          exchange={analysed}
          title={fromCapture ? 'Captured exchange' : 'Pasted exchange'}
        />
      )}
      {!analysed && messages && (
        <div className="exchange">
          <PlaybackControls store={exchangePlayback} noun="Message" />
          <SequenceDiagram
            messages={messages}
            current={index}
            onSelect={exchangePlayback.getState().goTo}
            title={fromCapture ? 'Captured exchange' : 'Pasted exchange'}
            fileName="spnego-exchange"
            exportable={!embedded}
          />
        </div>
      )}
      {tokens.length > 1 && <TokenTabs tokens={tokens} current={index} />}
      {!analysed && shown && !token && (
        <p className="hint" role="status">
          Decoding token {index + 1}…
        </p>
      )}
      {!analysed && token && (
        <>
          <p className="token-summary">
            {/* Where the token was found: the input's form, or its header line. */}
            {tokens.length > 1 ? `Token ${index + 1}: read from ` : 'Read from '}
            {token.source}
            {token.errors.length > 0 && (
              <span className="error"> · {token.errors.length} error(s)</span>
            )}
          </p>
          <Inspector
            root={token.root}
            bytes={token.bytes}
            errors={token.errors}
            direction={token.direction}
            title={messageLabel(token.root)}
          />
        </>
      )}
    </>
  );
}
