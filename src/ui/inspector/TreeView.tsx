import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Node } from '../../codec';
import { useInspectorStore } from '../../store/inspector';
import { explain, explanationText } from '../../codec/explain';
import './decrypted.css';
import './inspector.css';

interface Row {
  node: Node;
  depth: number;
  parent: Node | null;
}

function visibleRows(root: Node, expanded: Set<Node>): Row[] {
  const rows: Row[] = [];
  const stack: Row[] = [{ node: root, depth: 0, parent: null }];
  while (stack.length) {
    const row = stack.pop()!;
    rows.push(row);
    if (row.node.children && expanded.has(row.node)) {
      for (let i = row.node.children.length - 1; i >= 0; i--) {
        stack.push({ node: row.node.children[i], depth: row.depth + 1, parent: row.node });
      }
    }
  }
  return rows;
}

export function TreeView({ root }: { root: Node }) {
  const expanded = useInspectorStore((s) => s.expanded);
  const selected = useInspectorStore((s) => s.selected);
  const hovered = useInspectorStore((s) => s.hovered);
  const select = useInspectorStore((s) => s.select);
  const hover = useInspectorStore((s) => s.hover);
  const toggle = useInspectorStore((s) => s.toggle);
  const rows = visibleRows(root, expanded);
  const activeRef = useRef<HTMLDivElement>(null);
  const focusedIndex = Math.max(
    0,
    rows.findIndex((r) => r.node === selected),
  );

  useEffect(() => {
    activeRef.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const onKeyDown = (e: KeyboardEvent) => {
    const row = rows[focusedIndex];
    if (!row) return;
    const moveTo = (i: number) => {
      const target = rows[Math.min(rows.length - 1, Math.max(0, i))];
      select(target.node);
      e.preventDefault();
    };
    if (e.key === 'ArrowDown') moveTo(focusedIndex + 1);
    else if (e.key === 'ArrowUp') moveTo(focusedIndex - 1);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(rows.length - 1);
    else if (e.key === 'ArrowRight' && row.node.children) {
      if (!expanded.has(row.node)) toggle(row.node);
      else moveTo(focusedIndex + 1);
      e.preventDefault();
    } else if (e.key === 'ArrowLeft') {
      if (row.node.children && expanded.has(row.node)) {
        toggle(row.node);
        e.preventDefault();
      } else if (row.parent) moveTo(rows.findIndex((r) => r.node === row.parent));
    }
  };

  return (
    <div role="tree" aria-label="Token structure" className="tree" onKeyDown={onKeyDown}>
      {rows.map(({ node, depth, parent }, i) => {
        const isSelected = node === selected;
        const hasChildren = !!node.children?.length;
        return (
          <div
            key={i + node.name + node.offset}
            ref={isSelected ? activeRef : undefined}
            role="treeitem"
            aria-level={depth + 1}
            aria-selected={isSelected}
            aria-expanded={hasChildren ? expanded.has(node) : undefined}
            tabIndex={i === focusedIndex ? 0 : -1}
            className={`tree-row ${isSelected ? 'selected' : ''} ${node === hovered ? 'hovered' : ''} ${node.error ? 'has-error' : ''} ${node.decrypted ? 'decrypted' : ''}`}
            title={tooltip(node, parent)}
            style={{ paddingLeft: `${depth * 1.1 + 0.3}rem` }}
            onClick={() => select(node)}
            onMouseEnter={() => hover(node)}
            onMouseLeave={() => hover(null)}
          >
            <span
              className="twisty"
              aria-hidden="true"
              onClick={(e) => {
                e.stopPropagation();
                if (hasChildren) toggle(node);
              }}
            >
              {hasChildren ? (expanded.has(node) ? '▾' : '▸') : ''}
            </span>
            <span className="node-name">{node.name}</span>
            {node.value !== undefined && node.value !== null && (
              <span
                className={`node-value${visible(node.value).length > SHORT_VALUE ? ' long' : ''}`}
              >
                {shortValue(node.value)}
              </span>
            )}
            {node.label && <span className="node-label">{node.label}</span>}
            {node.error && <span className="node-error">⚠ {node.error}</span>}
            {/* A decrypted part's top says so; its fields are tinted, and say so to a screen reader. */}
            {node.decrypted &&
              (parent?.decrypted ? (
                <span className="visually-hidden">, decrypted</span>
              ) : (
                <span className="node-decrypted">decrypted</span>
              ))}
          </div>
        );
      })}
    </div>
  );
}

/** The row in full (a long value is elided on screen), then what the field means. */
function tooltip(node: Node, parent: Node | null): string {
  const lines = [rowText(node)];
  const explanation = explain(node, parent);
  if (explanation) lines.push(explanationText(explanation));
  if (node.decrypted) lines.push('Decrypted with the secrets given: not on the wire as such.');
  return lines.join('\n');
}

function rowText(node: Node): string {
  let text = node.name;
  if (node.value !== undefined && node.value !== null) text += ` = ${visible(node.value)}`;
  if (node.label) text += ` (${node.label})`;
  return text;
}

function visible(value: string | number | boolean): string {
  return typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : String(value);
}

/** Values up to this length never break (a number, a name); longer ones wrap beside their label. */
const SHORT_VALUE = 24;

/** Values longer than this are elided on the row; the tooltip holds them whole. */
const VALUE_CHARS = 64;

function shortValue(value: string | number | boolean): string {
  const text = visible(value);
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text;
}
