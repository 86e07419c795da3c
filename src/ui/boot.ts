/**
 * Imported first by each page's entry, so this runs before React's modules evaluate. The first
 * diagram waits for the engine's first run and for mermaid, so both start here: the worker at
 * once (it fetches and compiles the engine on its own thread), mermaid as soon as the static frame
 * in the HTML is on screen (it evaluates on the page's thread, so it must not delay that paint).
 * Measured with bench:web: asking the worker for the first run this early, before React renders,
 * made the first diagram later (the run then competes with the page's start-up for the CPU).
 */
import { prestartEngine } from '../store/engine-runner';
import { parseLink } from '../store/link';
import { afterFirstPaint } from '../store/schedule';
import { loadMermaid } from './diagram/mermaid-render';

const { view, input } = parseLink(window.location.hash);
if (view === 'simulate') prestartEngine();
afterFirstPaint(() => {
  // The simulator always draws a diagram; a shared paste may be an exchange drawn as one.
  if (view === 'simulate' || input !== undefined) void loadMermaid().catch(() => undefined);
});
