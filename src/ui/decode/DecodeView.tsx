import { useEffect } from 'react';
import { loadDecoder } from '../../store/decode';
import { exchangePlayback } from '../../store/playback';
import { markSettled } from '../../store/schedule';
import { usePlaybackKeys } from '../playback/usePlaybackKeys';
import { useAnalysisStore } from '../../store/analysis';
import { CaptureProgress } from './CaptureProgress';
import { DecodedResult } from './DecodedResult';
import { ExchangeList } from './ExchangeList';
import { LinkNotice } from '../common/LinkNotice';
import { PasteBox } from './PasteBox';
import { SecretsPanel } from './SecretsPanel';
import './analysis.css';

/**
 * Paste (or drop) tokens or open a capture, give secrets, see every token found (or the capture's
 * exchanges, then the chosen one's tokens) and inspect the selected one.
 */
export function DecodeView() {
  const captureId = useAnalysisStore((s) => s.capture?.id);
  usePlaybackKeys(exchangePlayback);
  useEffect(() => () => exchangePlayback.getState().pause(), []);
  // Start the decoding worker as the view opens, so the first paste decodes at once; the view is what
  // the visitor came for, so background work (precaching for offline use) may start.
  useEffect(() => {
    void loadDecoder().catch(() => undefined);
    markSettled();
  }, []);

  return (
    <section className="decode-view" aria-label="Decode">
      <LinkNotice shownInstead="the Decode view with what the rest of the link asks for (a paste in an unknown format is read as whatever it looks like)" />
      <PasteBox />
      <SecretsPanel />
      {captureId !== undefined && (
        <section className="capture-panel" aria-label="Capture">
          <CaptureProgress />
          <ExchangeList key={captureId} />
        </section>
      )}
      <DecodedResult />
    </section>
  );
}
