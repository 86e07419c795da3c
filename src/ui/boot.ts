/**
 * Imported first by each page's entry, so this runs before React's modules evaluate. The first
 * diagram waits for the engine's worker and for mermaid: both start here, as soon as the static
 * frame in the HTML is on screen (never before it, so neither competes with the first paint).
 */
import { prestartEngine } from '../store/engine-runner';
import { parseLink } from '../store/link';
import { afterFirstPaint } from '../store/schedule';
import { loadMermaid } from './diagram/mermaid-render';

afterFirstPaint(() => {
  const { view, input } = parseLink(window.location.hash);
  if (view === 'simulate') prestartEngine();
  // The simulator always draws a diagram; a shared paste may be an exchange drawn as one.
  if (view === 'simulate' || input !== undefined) void loadMermaid().catch(() => undefined);
});
