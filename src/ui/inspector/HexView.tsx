import { useEffect, useRef, useState } from 'react';
import { deepestAt, type Issue, type Node } from '../../codec';
import { useInspectorStore } from '../../store/inspector';

const ROW_HEIGHT = 20;
const OVERSCAN = 8;
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
  const [viewport, setViewport] = useState({ height: 320, width: 800 });
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
    const measure = () =>
      setViewport({ height: el.clientHeight || 320, width: el.clientWidth || 800 });
    measure();
    const observer = new ResizeObserver(measure);
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

  const pathAt = (offset: number) => deepestAt(root, Math.min(offset, bytes.length - 1));
  const pick = (offset: number) => {
    const path = pathAt(offset);
    select(path[path.length - 1] ?? null, path);
  };
  const peek = (offset: number) => hover(pathAt(offset).at(-1) ?? null);

  const lines = [];
  for (let r = first; r < last; r++) {
    const start = r * rowBytes;
    const hexCells = [];
    const ascii = [];
    for (let i = start; i < Math.min(start + rowBytes, cells); i++) {
      const cls = tint(i);
      const past = i >= bytes.length;
      const b = bytes[i];
      const title = errorAt.get(i);
      hexCells.push(
        <span
          key={i}
          className={`hex-byte ${cls}${past ? ' past-end' : ''}`}
          data-offset={i}
          title={title}
          onClick={() => pick(i)}
          onMouseEnter={() => peek(i)}
        >
          {past ? '··' : hex2(b)}
        </span>,
      );
      ascii.push(
        <span key={i} className={`hex-ascii ${cls}`} data-offset={i} onClick={() => pick(i)}>
          {past ? ' ' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'}
        </span>,
      );
    }
    lines.push(
      <div key={r} className="hex-row" style={{ top: r * ROW_HEIGHT }}>
        <span className="hex-offset">{start.toString(16).padStart(6, '0')}</span>
        <span className={`hex-bytes cols-${rowBytes}`}>{hexCells}</span>
        <span className={`hex-text cols-${rowBytes}`}>{ascii}</span>
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
        <span className="swatch sel-content" /> content <span className="swatch err" /> error
      </p>
    </div>
  );
}
