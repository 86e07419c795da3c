import { create } from 'zustand';
import type { Node } from '../codec';
import { initiallyExpanded } from '../ui/inspector/expansion';

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
