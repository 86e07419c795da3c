import { walk, type Node } from '../codec';
import { explain, specOf } from '../codec/explain';

export interface TreeFormat {
  /** Dim the meanings with ANSI escapes (for a terminal). */
  color?: boolean;
}

const DIM = '\u001b[2m';
const RESET = '\u001b[22m';

/**
 * A readable, indented tree with offsets, each field with its one-line meaning and its spec:
 * `@00004 +5      negState = 2  (reject)  — The sender’s negotiation state.  [RFC 4178 §4.2.2]`.
 */
export function formatTree(root: Node, options: TreeFormat = {}): string {
  const lines: string[] = [];
  walk(root, (node, depth, parent) => {
    const pos = `@${node.offset.toString().padStart(5, '0')} +${String(node.length).padEnd(5)}`;
    let text = `${pos} ${'  '.repeat(depth)}${node.name}`;
    if (node.value !== undefined && node.value !== null)
      text += ` = ${shorten(String(node.value))}`;
    if (node.label) text += `  (${node.label})`;
    const meaning = explain(node, parent)?.meaning;
    if (meaning) text += options.color ? `  ${DIM}— ${meaning}${RESET}` : `  — ${meaning}`;
    const spec = specOf(node, parent);
    if (spec) text += `  [${spec}]`;
    lines.push(text);
    if (node.error) lines.push(`${' '.repeat(pos.length)} ${'  '.repeat(depth)}!! ${node.error}`);
    for (const w of node.warnings ?? [])
      lines.push(`${' '.repeat(pos.length)} ${'  '.repeat(depth)}~ ${w}`);
  });
  return `${lines.join('\n')}\n`;
}

function shorten(value: string): string {
  const visible = JSON.stringify(value).slice(1, -1);
  return visible.length > 96 ? `${visible.slice(0, 96)}… (${value.length} chars)` : visible;
}
