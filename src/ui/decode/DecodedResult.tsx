import { useMemo } from 'react';
import type { DecodedTokenBytes } from '../../codec';
import { messageLabel, messageLabelParts } from '../../codec/describe';
import { useDecodeStore } from '../../store/decode';
import { exchangePlayback, usePlayback } from '../../store/playback';
import { SequenceDiagram } from '../diagram/SequenceDiagram';
import type { DiagramMessage } from '../diagram/sequence-source';
import { Inspector } from '../inspector/Inspector';
import { PlaybackControls } from '../playback/PlaybackControls';
import { TokenTabs } from './TokenTabs';

/** A paste whose every token says who sent it (HTTP headers) can be drawn as an exchange. */
function exchangeMessages(tokens: DecodedTokenBytes[]): DiagramMessage[] | null {
  if (tokens.length < 2 || tokens.some((t) => !t.direction)) return null;
  return tokens.map((t) => ({ from: t.direction!, label: messageLabelParts(t.root) }));
}

/**
 * What the paste decoded to: the exchange as a diagram with its controls when the paste says who
 * sent each token, a tab per token, and the selected token in the inspector. The decode view
 * shows it under the paste box; an embedded frame of a shared paste shows it alone.
 */
export function DecodedResult({ embedded = false }: { embedded?: boolean }) {
  const result = useDecodeStore((s) => s.result);
  const decoding = useDecodeStore((s) => s.decoding);
  const loadError = useDecodeStore((s) => s.loadError);
  const index = usePlayback(exchangePlayback, (s) => s.index);
  const token = result?.tokens[index] ?? null;
  const messages = useMemo(() => (result ? exchangeMessages(result.tokens) : null), [result]);

  return (
    <>
      {decoding && <p className="hint">Loading the decoder…</p>}
      {loadError && (
        <p className="error" role="alert">
          The decoder could not be loaded ({loadError}). Check the connection and paste again.
        </p>
      )}
      {result?.errors.map((e, i) => (
        <p key={i} className="error" role="alert">
          {e.message}
        </p>
      ))}
      {messages && (
        <div className="exchange">
          <PlaybackControls store={exchangePlayback} noun="Message" />
          <SequenceDiagram
            messages={messages}
            current={index}
            onSelect={exchangePlayback.getState().goTo}
            title="Pasted exchange"
            fileName="spnego-exchange"
            exportable={!embedded}
          />
        </div>
      )}
      {result && result.tokens.length > 1 && <TokenTabs tokens={result.tokens} current={index} />}
      {token && (
        <>
          <p className="token-summary">
            {result!.tokens.length > 1 ? `Token ${index + 1}: ` : ''}
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
