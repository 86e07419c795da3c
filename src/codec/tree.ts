/**
 * The decoded tree: one shape for the UI, the CLI and the tests.
 *
 * Every node knows exactly which bytes it covers, counted from the first byte of the token, so a
 * hex pane can light up a field and a click on a byte can find its field.
 */
export type NodeValue = string | number | boolean | null;

export interface Node {
  /** The spec's own name for the field (`negState`, `sname`, `NegotiateFlags`) or, for list items, the element type (`MechType`). */
  name: string;
  /** Absolute offset of the first byte, from the first byte of the token. */
  offset: number;
  /** Total bytes, header included. */
  length: number;
  /** Bytes of tag and length octets (for a TLV; explicit tags and their inner header count together). */
  headerLength?: number;
  /** Wire type, e.g. `OBJECT IDENTIFIER`, `uint32le`, `GeneralString`. */
  type?: string;
  /** Machine value: dotted OID, number, string, lowercase hex for bytes, ISO-8601 for times. */
  value?: NodeValue;
  /** Human meaning: OID name, enum name, flag names. */
  label?: string;
  /** Where the spec defines it, e.g. `RFC 4178 §4.2.2`. */
  spec?: string;
  children?: Node[];
  /** Set on the node where decoding stopped. */
  error?: string;
  /** Things that decoded but are worth flagging (not DER, non-minimal length, unknown tag, …). */
  warnings?: string[];
  /**
   * Set on the nodes of a part the analysis decrypted: their position inside the plaintext. Such a
   * node's `offset`/`length` are those of the ciphertext it came from, so the hex pane lights the
   * bytes on the wire.
   */
  decrypted?: { offset: number; length: number };
}

export interface Issue {
  offset: number;
  message: string;
  /** Name path of the node the issue belongs to, e.g. `NegTokenResp/responseToken`. */
  path?: string;
}

export function addChild(parent: Node, child: Node): Node {
  (parent.children ??= []).push(child);
  return child;
}

export function addWarning(node: Node, message: string): void {
  (node.warnings ??= []).push(message);
}

/** Depth-first search for the first node with this name. */
export function findNode(root: Node, name: string): Node | undefined {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.name === name) return node;
    if (node.children)
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return undefined;
}

/** Every node with this name, in document order. */
export function findAll(root: Node, name: string): Node[] {
  const found: Node[] = [];
  walk(root, (node) => {
    if (node.name === name) found.push(node);
  });
  return found;
}

/** Pre-order walk without recursion (trees from hostile input can be deep). */
export function walk(root: Node, visit: (node: Node, depth: number, parent?: Node) => void): void {
  const stack: [Node, number, Node | undefined][] = [[root, 0, undefined]];
  while (stack.length > 0) {
    const [node, depth, parent] = stack.pop()!;
    visit(node, depth, parent);
    if (node.children)
      for (let i = node.children.length - 1; i >= 0; i--)
        stack.push([node.children[i], depth + 1, node]);
  }
}

/** The deepest node whose bytes hold `offset` (what a click on a byte selects). */
export function deepestAt(root: Node, offset: number): Node[] {
  const path: Node[] = [];
  let node: Node | undefined = root;
  while (node && offset >= node.offset && offset < node.offset + node.length) {
    path.push(node);
    node = node.children?.find((c) => offset >= c.offset && offset < c.offset + c.length);
  }
  return path;
}

/**
 * A copy of a tree with every node remade by `remake` (given the node, its children are set after
 * it), without recursion (trees from hostile input can be deep).
 */
export function mapTree(root: Node, remake: (node: Node) => Node): Node {
  const copy = (node: Node): Node => ({ ...remake(node), children: undefined });
  const top = copy(root);
  const stack: [Node, Node][] = [[root, top]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    if (!from.children) continue;
    to.children = from.children.map((child) => {
      const made = copy(child);
      stack.push([child, made]);
      return made;
    });
  }
  return top;
}
