/**
 * A token's bytes laid out field by field, as The Illustrated TLS 1.3 Connection lays out a
 * handshake: every byte is in a run (fields that overlap, as an NTLM payload two pointers name, show
 * theirs each time), each run named by the decoded tree's field
 * that covers it, with the field's meaning and spec reference. Pure: no DOM.
 *
 * A structure (a node with children) contributes its header (tag and length octets, or whatever
 * precedes its first child) as one compact run; its leaves contribute their whole bytes; bytes a
 * structure holds that no child covers become `gap` runs, so nothing on the wire goes unlabelled.
 * Parts the analysis decrypted (`Node.decrypted`) are not wire bytes and are left out.
 */
import { explain, specOf } from './explain';
import type { Node, NodeValue } from './tree';

export type RunKind = 'header' | 'field' | 'gap';

export interface AnnotatedRun {
  kind: RunKind;
  /** Nesting level in the tree (the token's root is 0). */
  depth: number;
  /** The field's name as the spec names it; for a gap, the structure whose bytes it is. */
  name: string;
  /** Names from the root down to this field, `/`-separated. */
  path: string;
  /** First byte of the run, from the token's first byte. */
  offset: number;
  /** Bytes in this run (for a header, its header only). */
  length: number;
  /** For a header: the whole structure's length, header included. */
  total?: number;
  type?: string;
  value?: NodeValue;
  label?: string;
  /** One line: what the field is (src/codec/explain.ts). */
  meaning?: string;
  spec?: string;
  error?: string;
  warnings?: string[];
}

/** The wire children of a node (decrypted parts excluded), by offset. */
function wireChildren(node: Node): Node[] {
  const children = (node.children ?? []).filter((c) => !c.decrypted);
  return children.length > 1 ? [...children].sort((a, b) => a.offset - b.offset) : children;
}

function describe(node: Node, parent: Node | null): Pick<AnnotatedRun, 'meaning' | 'spec'> {
  const explanation = explain(node, parent);
  const spec = specOf(node, parent);
  return { meaning: explanation?.meaning, spec: spec ?? undefined };
}

type Frame =
  | { kind: 'node'; node: Node; parent: Node | null; depth: number; path: string }
  | { kind: 'gap'; of: Node; depth: number; path: string; offset: number; length: number };

/**
 * Every byte of `bytes` in a run, in wire order. Runs never extend past the token: a node that
 * claims more bytes than the token has is cut to the bytes present (its error says why). Walks
 * with an explicit stack (trees decoded from hostile input can be deep).
 */
export function annotateBytes(root: Node, bytes: Uint8Array): AnnotatedRun[] {
  const runs: AnnotatedRun[] = [];
  const end = bytes.length;
  const clip = (offset: number, length: number) =>
    Math.max(0, Math.min(offset + length, end) - Math.max(0, offset));

  const stack: Frame[] = [];
  if (root.offset > 0)
    runs.push({
      kind: 'gap',
      depth: 0,
      name: 'leading bytes',
      path: '',
      offset: 0,
      length: root.offset,
    });
  stack.push({ kind: 'node', node: root, parent: null, depth: 0, path: root.name });

  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.kind === 'gap') {
      const length = clip(frame.offset, frame.length);
      if (length > 0)
        runs.push({
          kind: 'gap',
          depth: frame.depth,
          name: frame.of.name,
          path: frame.path,
          offset: frame.offset,
          length,
        });
      continue;
    }
    const { node, parent, depth, path } = frame;
    const children = wireChildren(node);
    const common = {
      depth,
      name: node.name,
      path,
      type: node.type,
      value: node.value,
      label: node.label,
      error: node.error,
      warnings: node.warnings,
      ...describe(node, parent),
    };
    if (children.length === 0) {
      runs.push({
        kind: 'field',
        offset: node.offset,
        length: clip(node.offset, node.length),
        ...common,
      });
      continue;
    }
    // The header: declared, else whatever precedes the first child.
    const first = children[0].offset;
    const headerLength = Math.max(
      0,
      Math.min(node.headerLength ?? first - node.offset, first - node.offset),
    );
    runs.push({
      kind: 'header',
      offset: node.offset,
      length: clip(node.offset, headerLength),
      total: node.length,
      ...common,
    });
    // Children and the gaps between them, pushed in reverse so they pop in wire order.
    const pending: Frame[] = [];
    let cursor = node.offset + headerLength;
    for (const child of children) {
      if (child.offset > cursor)
        pending.push({
          kind: 'gap',
          of: node,
          depth: depth + 1,
          path,
          offset: cursor,
          length: child.offset - cursor,
        });
      pending.push({
        kind: 'node',
        node: child,
        parent: node,
        depth: depth + 1,
        path: `${path}/${child.name}`,
      });
      cursor = Math.max(cursor, child.offset + child.length);
    }
    const nodeEnd = node.offset + node.length;
    if (nodeEnd > cursor)
      pending.push({
        kind: 'gap',
        of: node,
        depth: depth + 1,
        path,
        offset: cursor,
        length: nodeEnd - cursor,
      });
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]);
  }
  // Bytes after the root's last (a token followed by something else).
  const covered = runs.reduce((max, run) => Math.max(max, run.offset + run.length), 0);
  if (covered < end)
    runs.push({
      kind: 'gap',
      depth: 0,
      name: root.name,
      path: root.name,
      offset: covered,
      length: end - covered,
    });
  return runs;
}

/** Lowercase hex of `bytes[offset, offset+length)`, in groups of `group` bytes. */
export function hexGroups(bytes: Uint8Array, offset: number, length: number, group = 8): string[] {
  const groups: string[] = [];
  const stop = Math.min(bytes.length, offset + length);
  for (let start = Math.max(0, offset); start < stop; start += group) {
    let text = '';
    for (let i = start; i < Math.min(stop, start + group); i++) {
      if (i > start) text += ' ';
      text += bytes[i].toString(16).padStart(2, '0');
    }
    groups.push(text);
  }
  return groups;
}
