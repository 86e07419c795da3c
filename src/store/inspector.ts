import { create } from 'zustand';
import type { Node } from '../codec';

/** What the inspector has selected or hovered; shared by the tree and the hex pane. */
export interface InspectorState {
  selected: Node | null;
  hovered: Node | null;
  /** Nodes whose children are shown. */
  expanded: Set<Node>;
  select(node: Node | null, path?: Node[]): void;
  hover(node: Node | null): void;
  toggle(node: Node): void;
  reset(root: Node | null): void;
}

/** Opens the first levels so a fresh token shows its structure at a glance. */
function initiallyExpanded(root: Node | null, depth = 4): Set<Node> {
  const open = new Set<Node>();
  const visit = (node: Node, level: number) => {
    if (level >= depth || !node.children) return;
    open.add(node);
    node.children.forEach((c) => visit(c, level + 1));
  };
  if (root) visit(root, 0);
  return open;
}

export const useInspectorStore = create<InspectorState>((set, get) => ({
  selected: null,
  hovered: null,
  expanded: new Set(),
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
  reset: (root) => set({ selected: null, hovered: null, expanded: initiallyExpanded(root) }),
}));
