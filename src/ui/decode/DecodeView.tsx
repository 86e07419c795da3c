import { useEffect } from 'react';
import { loadDecoder } from '../../store/decode';
import { exchangePlayback } from '../../store/playback';
import { markSettled } from '../../store/schedule';
import { usePlaybackKeys } from '../playback/usePlaybackKeys';
import { DecodedResult } from './DecodedResult';
import { PasteBox } from './PasteBox';

/** Paste (or drop) a token, see every token found and inspect the selected one. */
export function DecodeView() {
  usePlaybackKeys(exchangePlayback);
  useEffect(() => () => exchangePlayback.getState().pause(), []);
  // Fetch the decoder as the view opens, so the first paste decodes at once; the view is what
  // the visitor came for, so background work (precaching for offline use) may start.
  useEffect(() => {
    void loadDecoder().catch(() => undefined);
    markSettled();
  }, []);

  return (
    <section className="decode-view" aria-label="Decode">
      <PasteBox />
      <DecodedResult />
    </section>
  );
}
