import { useEffect, useRef, useState } from 'react';
import { deepestAt, type Node } from '../../codec';
import { useInspectorStore } from '../../store/inspector';

const ROW_BYTES = 16;
const ROW_HEIGHT = 20;
const OVERSCAN = 8;

/** Offsets, bytes and ASCII; only the visible rows are rendered, so 50 MB tokens stay fast. */
export function HexView({ root, bytes }: { root: Node; bytes: Uint8Array }) {
  const selected = useInspectorStore((s) => s.selected);
  const hovered = useInspectorStore((s) => s.hovered);
  const select = useInspectorStore((s) => s.select);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(320);
  const rows = Math.ceil(bytes.length / ROW_BYTES);

  useEffect(() => {
    const el = scroller.current;
    if (el) setViewport(el.clientHeight || 320);
  }, []);

  // Bring the selected field into view.
  useEffect(() => {
    const el = scroller.current;
    if (!el || !selected) return;
    const top = Math.floor(selected.offset / ROW_BYTES) * ROW_HEIGHT;
    if (top < el.scrollTop || top > el.scrollTop + el.clientHeight - ROW_HEIGHT)
      el.scrollTop = Math.max(0, top - ROW_HEIGHT * 2);
  }, [selected]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const errorOffsets = new Set<number>();
  const errorNode = findError(root);
  if (errorNode) errorOffsets.add(errorNode.offset);

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
    if (errorOffsets.has(offset)) classes.push('err');
    return classes.join(' ');
  };

  const pick = (offset: number) => {
    const path = deepestAt(root, offset);
    select(path[path.length - 1] ?? null, path);
  };

  const lines = [];
  for (let r = first; r < last; r++) {
    const start = r * ROW_BYTES;
    const cells = [];
    const ascii = [];
    for (let i = start; i < Math.min(start + ROW_BYTES, bytes.length); i++) {
      const b = bytes[i];
      const cls = tint(i);
      cells.push(
        <span key={i} className={`hex-byte ${cls}`} data-offset={i} onClick={() => pick(i)}>
          {b.toString(16).padStart(2, '0')}
        </span>,
      );
      ascii.push(
        <span key={i} className={`hex-ascii ${cls}`} data-offset={i} onClick={() => pick(i)}>
          {b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'}
        </span>,
      );
    }
    lines.push(
      <div key={r} className="hex-row" style={{ top: r * ROW_HEIGHT }}>
        <span className="hex-offset">{start.toString(16).padStart(6, '0')}</span>
        <span className="hex-bytes">{cells}</span>
        <span className="hex-text">{ascii}</span>
      </div>,
    );
  }

  return (
    <div
      className="hex-view"
      ref={scroller}
      role="region"
      aria-label="Hex bytes"
      tabIndex={0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="hex-content" style={{ height: rows * ROW_HEIGHT }}>
        {lines}
      </div>
    </div>
  );
}

function findError(root: Node): Node | null {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.error && !n.children?.some((c) => c.error)) return n;
    if (n.children) stack.push(...n.children);
  }
  return null;
}
