import { useEffect, useRef, useState } from 'react';
import { deepestAt, type Issue, type Node } from '../../codec/tree';
import { useInspectorStore } from '../../store/inspector';
import './inspector.css';

const ROW_HEIGHT = 20;
const OVERSCAN = 4;
/** Below this width a row holds 8 bytes instead of 16 (phones). */
const NARROW_PX = 520;

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

function scrollToOffset(el: HTMLElement | null, offset: number, rowBytes: number) {
  if (!el) return;
  const top = Math.floor(offset / rowBytes) * ROW_HEIGHT;
  if (top < el.scrollTop || top > el.scrollTop + el.clientHeight - ROW_HEIGHT)
    el.scrollTop = Math.max(0, top - ROW_HEIGHT * 2);
}

/** Offsets, bytes and ASCII; only the visible rows are rendered, so 50 MB tokens stay fast. */
export function HexView({
  root,
  bytes,
  errors,
}: {
  root: Node;
  bytes: Uint8Array;
  errors: Issue[];
}) {
  const selected = useInspectorStore((s) => s.selected);
  const hovered = useInspectorStore((s) => s.hovered);
  const select = useInspectorStore((s) => s.select);
  const hover = useInspectorStore((s) => s.hover);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState({ height: 288, width: 800 });
  const rowBytes = viewport.width < NARROW_PX ? 8 : 16;
  // An offset at the very end means "the data ran out here": it gets a marker cell of its own.
  const cells = bytes.length + (errors.some((e) => e.offset >= bytes.length) ? 1 : 0);
  const rows = Math.max(1, Math.ceil(cells / rowBytes));
  const errorAt = new Map<number, string>();
  for (const e of errors) errorAt.set(Math.min(e.offset, bytes.length), e.message);
  const firstError = errors[0];

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // The observer reports the first size after layout; reading it here would force a layout.
    const observer = new ResizeObserver(() =>
      setViewport({ height: el.clientHeight || 320, width: el.clientWidth || 800 }),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Bring the selected field into view.
  useEffect(() => {
    if (selected) scrollToOffset(scroller.current, selected.offset, rowBytes);
  }, [selected, rowBytes]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows, Math.ceil((scrollTop + viewport.height) / ROW_HEIGHT) + OVERSCAN);

  const tint = (offset: number): string => {
    const classes: string[] = [];
    for (const [node, kind] of [
      [selected, 'sel'],
      [hovered, 'hov'],
    ] as const) {
      if (!node || offset < node.offset || offset >= node.offset + node.length) continue;
      classes.push(
        offset < node.offset + (node.headerLength ?? 0) ? `${kind}-header` : `${kind}-content`,
      );
    }
    if (errorAt.has(offset)) classes.push('err');
    return classes.join(' ');
  };

  // A byte on the wire selects a wire field: decrypted parts lie over their ciphertext's bytes
  // (all at the same place), so the path stops at the ciphertext.
  const pathAt = (offset: number) =>
    deepestAt(root, Math.min(offset, bytes.length - 1)).filter((n) => !n.decrypted);
  const pick = (offset: number) => {
    const path = pathAt(offset);
    select(path[path.length - 1] ?? null, path);
  };
  const peek = (offset: number) => hover(pathAt(offset).at(-1) ?? null);

  const lines = [];
  for (let r = first; r < last; r++) {
    const start = r * rowBytes;
    const end = Math.min(start + rowBytes, cells);
    const hexCells = [];
    // The text column is one run per tint, not one element per byte: half the DOM of the pane.
    const runs: { cls: string; text: string }[] = [];
    for (let i = start; i < end; i++) {
      const cls = tint(i);
      const past = i >= bytes.length;
      const b = bytes[i];
      hexCells.push(
        <span
          key={i}
          className={`hex-byte ${cls}${past ? ' past-end' : ''}`}
          data-offset={i}
          title={errorAt.get(i)}
          onClick={() => pick(i)}
          onMouseEnter={() => peek(i)}
        >
          {past ? '··' : hex2(b)}
        </span>,
      );
      const char = past ? ' ' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      const run = runs.at(-1);
      if (run && run.cls === cls) run.text += char;
      else runs.push({ cls, text: char });
    }
    lines.push(
      <div key={r} className="hex-row" style={{ top: r * ROW_HEIGHT }}>
        <span className="hex-offset">{start.toString(16).padStart(6, '0')}</span>
        <span className={`hex-bytes cols-${rowBytes}`}>{hexCells}</span>
        <span
          className="hex-text"
          style={{ width: `${rowBytes}ch` }}
          onClick={(e) => {
            // Each character is 1ch wide: the click's x position says which byte it was.
            const box = e.currentTarget.getBoundingClientRect();
            const i = Math.floor(((e.clientX - box.left) / box.width) * rowBytes);
            if (start + i < end) pick(start + Math.max(0, i));
          }}
        >
          {runs.map((run, k) => (
            <span key={k} className={run.cls || undefined}>
              {run.text}
            </span>
          ))}
        </span>
      </div>,
    );
  }

  return (
    <div className="hex-pane">
      {firstError && (
        <p className="hex-error" role="alert">
          <span>
            Decoding stopped at offset {firstError.offset} (0x{firstError.offset.toString(16)}):{' '}
            {firstError.message}
          </span>
          <button
            type="button"
            className="link-button"
            onClick={() =>
              scrollToOffset(scroller.current, Math.min(firstError.offset, bytes.length), rowBytes)
            }
          >
            Show
          </button>
        </p>
      )}
      <div
        className="hex-view"
        ref={scroller}
        role="region"
        aria-label="Hex bytes"
        tabIndex={0}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onMouseLeave={() => hover(null)}
      >
        <div className="hex-content" style={{ height: rows * ROW_HEIGHT }}>
          {lines}
        </div>
      </div>
      <p className="hex-legend" aria-hidden="true">
        <span className="swatch sel-header" /> tag and length{' '}
        <span className="swatch sel-content" /> content <span className="swatch hov" /> hovered{' '}
        <span className="swatch err" /> error
      </p>
    </div>
  );
}
