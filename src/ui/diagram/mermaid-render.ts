import type { Mermaid } from 'mermaid';
import type { Theme } from '../theme/useEffectiveTheme';
import { importMermaid } from './mermaid-adapter';

let loading: Promise<Mermaid> | null = null;

/**
 * Mermaid is large: it is fetched when a view that shows a diagram opens (the simulator, while its
 * first run is computed in parallel; a pasted exchange), never with the page.
 */
export function loadMermaid(): Promise<Mermaid> {
  loading ??= importMermaid().catch((err: unknown) => {
    // A failed fetch (offline on a first visit) may succeed on the next diagram.
    loading = null;
    throw err;
  });
  return loading;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

// Colours follow styles.css so the diagram sits in the page (and its exported SVG looks the same).
const PALETTE: Record<Theme, Record<string, string>> = {
  light: {
    background: '#ffffff',
    primaryColor: '#eef3fb',
    primaryTextColor: '#1b1f24',
    primaryBorderColor: '#8aa4c8',
    actorBkg: '#eef3fb',
    actorBorder: '#8aa4c8',
    actorTextColor: '#1b1f24',
    actorLineColor: '#b6c2d1',
    signalColor: '#57606a',
    signalTextColor: '#1b1f24',
    sequenceNumberColor: '#ffffff',
    lineColor: '#57606a',
    textColor: '#1b1f24',
    // Notes in styles.css's warning tones (mermaid's own yellow glared on the dark page).
    noteBkgColor: '#fff8c5',
    noteBorderColor: '#d4a72c',
    noteTextColor: '#1b1f24',
  },
  dark: {
    background: '#0d1117',
    primaryColor: '#1b2533',
    primaryTextColor: '#e6edf3',
    primaryBorderColor: '#4d6584',
    actorBkg: '#1b2533',
    actorBorder: '#4d6584',
    actorTextColor: '#e6edf3',
    actorLineColor: '#3d4a5c',
    signalColor: '#9198a1',
    signalTextColor: '#e6edf3',
    sequenceNumberColor: '#0d1117',
    lineColor: '#9198a1',
    textColor: '#e6edf3',
    noteBkgColor: '#2b2111',
    noteBorderColor: '#9e6a03',
    noteTextColor: '#e6edf3',
  },
};

/** Mermaid's box ends at the last arrow and clips its sequence number: give it room below. */
function padBottom(svg: string, by: number): string {
  return svg.replace(
    /viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/,
    (_, x, y, w, h) => `viewBox="${x} ${y} ${w} ${Number(h) + by}"`,
  );
}

let queue: Promise<unknown> = Promise.resolve();
let counter = 0;

/**
 * Renders mermaid source to an SVG string. Renders run one at a time: mermaid keeps global
 * configuration, so two overlapping renders with different themes would mix.
 */
export function renderSequence(source: string, theme: Theme, compact: boolean): Promise<string> {
  const job = queue.then(async () => {
    const mermaid = await loadMermaid();
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      // Mermaid logs at debug level by default; only a fatal problem may reach the console.
      logLevel: 'fatal',
      theme: 'base',
      themeVariables: { ...PALETTE[theme], fontFamily: FONT, fontSize: '15px' },
      fontFamily: FONT,
      sequence: {
        mirrorActors: false,
        // The sources' `autonumber` numbers the messages; left to it, `autonumber off` can leave
        // a man in the middle's relay arrow unnumbered (sequence-source.ts).
        showSequenceNumbers: false,
        // A phone gets narrow actors and tight margins: the labels are broken into short lines.
        actorMargin: compact ? 20 : 60,
        width: compact ? 90 : 130,
        height: compact ? 38 : 44,
        boxMargin: 8,
        messageMargin: 28,
        messageFontSize: compact ? 13 : 14,
        messageFontFamily: FONT,
        actorFontSize: 15,
        actorFontFamily: FONT,
        useMaxWidth: true,
      },
    });
    const { svg } = await mermaid.render(`sequence-${++counter}`, source);
    // Mermaid's layout and the page's insertion of its SVG go in separate tasks: each stays short.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return padBottom(svg, 14);
  });
  queue = job.catch(() => undefined);
  return job;
}
