import { useEffect, useMemo } from 'react';
import type { DecodedTokenBytes } from '../../codec';
import { useDecodeStore } from '../../store/decode';
import { exchangePlayback, usePlayback } from '../../store/playback';
import { SequenceDiagram } from '../diagram/SequenceDiagram';
import type { DiagramMessage } from '../diagram/sequence-source';
import { Inspector } from '../inspector/Inspector';
import { messageLabel, messageLabelParts } from '../../codec/describe';
import { PlaybackControls } from '../playback/PlaybackControls';
import { usePlaybackKeys } from '../playback/usePlaybackKeys';
import { PasteBox } from './PasteBox';
import { TokenTabs } from './TokenTabs';

/** A paste whose every token says who sent it (HTTP headers) can be drawn as an exchange. */
function exchangeMessages(tokens: DecodedTokenBytes[]): DiagramMessage[] | null {
  if (tokens.length < 2 || tokens.some((t) => !t.direction)) return null;
  return tokens.map((t) => ({ from: t.direction!, label: messageLabelParts(t.root) }));
}

/** Paste (or drop) a token, see every token found and inspect the selected one. */
export function DecodeView() {
  const result = useDecodeStore((s) => s.result);
  const index = usePlayback(exchangePlayback, (s) => s.index);
  const token = result?.tokens[index] ?? null;
  const messages = useMemo(() => (result ? exchangeMessages(result.tokens) : null), [result]);
  usePlaybackKeys(exchangePlayback);
  useEffect(() => () => exchangePlayback.getState().pause(), []);

  return (
    <section className="decode-view" aria-label="Decode">
      <PasteBox />
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
    </section>
  );
}
