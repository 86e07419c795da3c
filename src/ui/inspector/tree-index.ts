import { walk, type Node } from '../../codec/tree';

const parents = new WeakMap<Node, Map<Node, Node>>();

/** The parent of a node in a tree (built once per tree, then looked up). */
export function parentOf(root: Node, node: Node): Node | null {
  let index = parents.get(root);
  if (!index) {
    const built = new Map<Node, Node>();
    walk(root, (n, _depth, parent) => {
      if (parent) built.set(n, parent);
    });
    parents.set(root, built);
    index = built;
  }
  return index.get(node) ?? null;
}

/** The node where decoding stopped (the deepest node carrying an error), if any. */
export function errorNode(root: Node): Node | null {
  let found: Node | null = null;
  walk(root, (n) => {
    if (n.error && !n.children?.some((c) => c.error)) found ??= n;
  });
  return found;
}

/**
 * The nodes to open so that every decrypted part's top row shows: its ancestors on the wire and
 * itself (its fields one level down), whatever the depth of the ciphertext it came from.
 */
export function decryptedPaths(root: Node): Node[] {
  const open: Node[] = [];
  walk(root, (node, _depth, parent) => {
    if (!node.decrypted || parent?.decrypted) return;
    open.push(node);
    for (let p = parentOf(root, node); p; p = parentOf(root, p)) open.push(p);
  });
  return open;
}
