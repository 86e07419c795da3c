import { walk, type Node } from '../codec';

/** A readable, indented tree with offsets: `@0016 +25  mechTypes …`. */
export function formatTree(root: Node): string {
  const lines: string[] = [];
  walk(root, (node, depth) => {
    const pos = `@${node.offset.toString().padStart(5, '0')} +${String(node.length).padEnd(5)}`;
    let text = `${pos} ${'  '.repeat(depth)}${node.name}`;
    if (node.value !== undefined && node.value !== null)
      text += ` = ${shorten(String(node.value))}`;
    if (node.label) text += `  (${node.label})`;
    if (node.spec) text += `  [${node.spec}]`;
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
