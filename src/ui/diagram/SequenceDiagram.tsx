import {
  useEffect,
  useEffectEvent,
  useMemo,
  useRef,
  useState,
  type MouseEvent,
  type RefObject,
} from 'react';
import { useEffectiveTheme } from '../theme/useEffectiveTheme';
import { Icon } from '../common/Icon';
import { exportPng, exportSvg } from './export-diagram';
import { renderSequence } from './mermaid-render';
import {
  arrowCount,
  sequenceSource,
  type DiagramMessage,
  type DiagramOutcome,
  type StatusTone,
} from './sequence-source';
import {
  attachNotes,
  highlight,
  indexMessages,
  markStatuses,
  type MessageElements,
} from './svg-messages';
import './diagram-story.css';

/** Up to this many messages the whole diagram is scaled to fit the panel. */
const FIT_MESSAGES = 8;

interface Props {
  messages: DiagramMessage[];
  /** The current message (highlighted); later ones are drawn in grey until they are sent. */
  current: number;
  onSelect(step: number): void;
  /** Names the diagram for assistive tech and the exported files. */
  title: string;
  fileName: string;
  /** Called once the diagram is on the page (or could not be drawn). */
  onDrawn?(): void;
  /** Offer SVG and PNG downloads (not in an embedded frame, which shows the diagram alone). */
  exportable?: boolean;
  /** How the exchange ended, drawn as a note under the last message. */
  outcome?: DiagramOutcome;
}

/**
 * The message sequence, drawn by mermaid once per list of messages (and theme). Moving through
 * the steps only toggles classes on the drawn SVG: nothing is re-rendered per step.
 */
export function SequenceDiagram({
  messages,
  current,
  onSelect,
  title,
  fileName,
  onDrawn,
  exportable = true,
  outcome,
}: Props) {
  const theme = useEffectiveTheme();
  const host = useRef<HTMLDivElement>(null);
  const compact = useNarrow(host);
  const source = useMemo(
    () => sequenceSource(messages, title, compact, outcome),
    [messages, title, compact, outcome],
  );
  // A key, not the array: an equal diagram from a recomputed run must not be drawn again.
  const sidesKey = messages.map((m) => m.from).join(',');
  // An observed exchange's legs carry a transport status (sequence-source.ts); tinted by tone.
  const tonesKey = messages.map((m) => m.status?.tone ?? '').join(',');
  // A man in the middle's relay draws a message with two arrows; its status is found by text.
  const arrowsKey = messages.map(arrowCount).join(',');
  const relayStatusKey = messages.map((m) => (m.relay && m.status?.text) || '').join('\n');
  const outcomeTone = outcome?.tone;
  // Each note's step, in the order the source writes them; the outcome goes with the last step.
  const notesKey = [
    ...messages.flatMap((m, step) => [...(m.relay ? [step] : []), ...(m.note ? [step] : [])]),
    ...(outcome ? [messages.length - 1] : []),
  ].join(',');
  const groups = useRef<MessageElements[]>([]);
  const currentRef = useRef(current);
  const [svg, setSvg] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    renderSequence(source, theme, compact).then(
      (markup) => {
        if (cancelled || !host.current) return;
        host.current.innerHTML = markup;
        const drawn = host.current.querySelector('svg');
        const sides = sidesKey.split(',') as DiagramMessage['from'][];
        const arrows = arrowsKey.split(',').map(Number);
        groups.current = drawn ? indexMessages(drawn, sides, arrows) : [];
        markStatuses(
          groups.current,
          tonesKey.split(',') as (StatusTone | '')[],
          relayStatusKey.split('\n').map((t) => t || undefined),
        );
        if (drawn && outcomeTone) markOutcome(drawn, outcomeTone);
        if (drawn && notesKey) attachNotes(drawn, groups.current, notesKey.split(',').map(Number));
        highlight(groups.current, currentRef.current);
        setSvg(markup);
        setFailure(null);
      },
      (err: unknown) => {
        if (!cancelled) setFailure(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [
    source,
    theme,
    sidesKey,
    tonesKey,
    arrowsKey,
    relayStatusKey,
    outcomeTone,
    notesKey,
    compact,
  ]);

  const drawn = useEffectEvent(() => onDrawn?.());
  useEffect(() => {
    if (svg || failure) drawn();
  }, [svg, failure]);

  useEffect(() => {
    currentRef.current = current;
    highlight(groups.current, current);
    // Measuring forces a layout: do it in the next frame, where the layout happens anyway, so a
    // step stays one short task instead of a long one.
    // At the last step the outcome note drawn under its arrow is shown too: how the run ended.
    const frame = requestAnimationFrame(() =>
      scrollIntoView(
        host.current,
        (current === groups.current.length - 1 &&
          host.current?.querySelector('rect.note.diagram-outcome')) ||
          groups.current[current]?.line,
      ),
    );
    return () => cancelAnimationFrame(frame);
  }, [current, svg]);

  const onClick = (e: MouseEvent) => {
    const step = (e.target as Element).closest<SVGElement>('[data-step]')?.dataset.step;
    if (step !== undefined) onSelect(Number(step));
  };

  const background = theme === 'dark' ? '#0d1117' : '#ffffff';
  return (
    <div className="sequence">
      {/* The tools sit outside the region: "Message sequence" holds the diagram and nothing else. */}
      {exportable && (
        <div className="sequence-tools">
          <button
            type="button"
            className="tool-button"
            disabled={!svg}
            onClick={() => svg && exportSvg(svg, fileName)}
          >
            <Icon name="download" /> Export SVG
          </button>
          <button
            type="button"
            className="tool-button"
            disabled={!svg}
            onClick={() => svg && void exportPng(svg, fileName, background)}
          >
            <Icon name="download" /> Export PNG
          </button>
        </div>
      )}
      <section className="sequence-region" aria-label="Message sequence" aria-busy={!svg}>
        {!svg && !failure && <p className="hint sequence-loading">Drawing the diagram…</p>}
        {failure && (
          <p className="error" role="alert">
            The diagram could not be drawn: {failure}
          </p>
        )}
        {/* Clicks on a message select it; the keyboard uses the step controls. */}
        <div
          className={`sequence-canvas${messages.length <= FIT_MESSAGES ? ' fit' : ''}`}
          ref={host}
          onClick={onClick}
          // Focusable so a keyboard can scroll a diagram wider or taller than its box.
          tabIndex={0}
          role="group"
          aria-label="Diagram"
        />
      </section>
    </div>
  );
}

/** Below this width the diagram is drawn narrow, with labels over more lines. */
const NARROW_PX = 520;
const SETTLE_MS = 200;

/**
 * Whether the element is narrow. The first measure counts at once; later ones only once the width
 * has settled, so dragging a window edge (or a momentary resize) does not redraw the diagram.
 */
function useNarrow(ref: RefObject<HTMLElement | null>): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let first = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      if (first) setNarrow(el.clientWidth < NARROW_PX);
      else timer = setTimeout(() => setNarrow(el.clientWidth < NARROW_PX), SETTLE_MS);
      first = false;
    });
    observer.observe(el);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [ref]);
  return narrow;
}

/** Scrolls the diagram (not the page) so the current arrow is visible. */
function scrollIntoView(container: HTMLElement | null, target: Element | undefined) {
  if (!container || !target) return;
  const box = container.getBoundingClientRect();
  const line = target.getBoundingClientRect();
  if (line.top < box.top + 40) container.scrollTop -= box.top + 40 - line.top;
  else if (line.bottom > box.bottom - 16) container.scrollTop += line.bottom - box.bottom + 16;
}

/** Tags the outcome note (the last note drawn) so it reads as success or failure. */
function markOutcome(svg: SVGSVGElement, tone: DiagramOutcome['tone']) {
  const rect = [...svg.querySelectorAll('rect.note')].at(-1);
  const note = rect?.parentElement;
  if (!rect || !note) return;
  for (const el of [rect, ...note.querySelectorAll('.noteText')])
    el.classList.add('diagram-outcome', `outcome-${tone}`);
}
