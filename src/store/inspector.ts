import { create } from 'zustand';
import type { Node } from '../codec';
import { initiallyExpanded } from '../ui/inspector/expansion';

/** What the inspector has selected or hovered; shared by the tree and the hex pane. */
export interface InspectorState {
  /** The tree shown (the field a link names is found in it). */
  root: Node | null;
  selected: Node | null;
  hovered: Node | null;
  /** Nodes whose children are shown. */
  expanded: Set<Node>;
  /**
   * A field a link asked for (`fieldPath` form), selected once its token's tree is shown: that
   * very tree when the link's step is known (`root`), else the next one shown.
   */
  pendingField: { path: string; root: Node | null } | null;
  select(node: Node | null, path?: Node[]): void;
  hover(node: Node | null): void;
  toggle(node: Node): void;
  reset(root: Node | null): void;
  selectField(path: string, root?: Node): void;
}

/** A node's place in its tree as child indices from the root, `0.2.1` (`''` for the root). */
export function fieldPath(root: Node, target: Node): string | null {
  // Iterative: trees from hostile input can be deep.
  const stack: [Node, number[]][] = [[root, []]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (node === target) return path.join('.');
    node.children?.forEach((child, i) => stack.push([child, [...path, i]]));
  }
  return null;
}

/** The node at a `fieldPath` and the nodes above it, or null when the tree has no such place. */
export function nodeAt(root: Node, path: string): { node: Node; ancestors: Node[] } | null {
  if (!/^(\d+(\.\d+)*)?$/.test(path)) return null;
  let node = root;
  const ancestors: Node[] = [];
  for (const step of path === '' ? [] : path.split('.').map(Number)) {
    const child = node.children?.[step];
    if (!child) return null;
    ancestors.push(node);
    node = child;
  }
  return { node, ancestors };
}

export const useInspectorStore = create<InspectorState>((set, get) => ({
  root: null,
  selected: null,
  hovered: null,
  expanded: new Set(),
  pendingField: null,
  select: (node, path) => {
    const expanded = new Set(get().expanded);
    path?.forEach((n) => n !== node && expanded.add(n));
    set({ selected: node, expanded });
  },
  hover: (hovered) => set({ hovered }),
  toggle: (node) => {
    const expanded = new Set(get().expanded);
    if (expanded.has(node)) expanded.delete(node);
    else expanded.add(node);
    set({ expanded });
  },
  reset: (root) => {
    const expanded = initiallyExpanded(root);
    const pending = get().pendingField;
    // Another token shown first (an earlier step) leaves the field waiting for its own.
    const mine = pending !== null && root !== null && (pending.root ?? root) === root;
    const found = mine ? nodeAt(root, pending.path) : null;
    found?.ancestors.forEach((n) => expanded.add(n));
    set({
      root,
      selected: found?.node ?? null,
      hovered: null,
      expanded,
      pendingField: mine ? null : pending,
    });
  },
  selectField: (path, root) => {
    const shown = get().root;
    const found = shown && (root ?? shown) === shown ? nodeAt(shown, path) : null;
    if (found) get().select(found.node, found.ancestors);
    // Not shown yet (the token is still being decoded or run): selected when its tree arrives.
    else set({ pendingField: { path, root: root ?? null } });
  },
}));
