/**
 * Decrypted parts go into the token's tree under the ciphertext they came from. Their nodes keep
 * the ciphertext's position (so the hex pane lights the bytes on the wire) and carry their own
 * position inside the plaintext in `decrypted`.
 */
import { walk, type Node } from '../codec/tree';
import type { SecretResult } from './types';

export function graftSecrets(root: Node, results: readonly SecretResult[]): void {
  for (const result of results) {
    if (!result.root || !result.cipher) continue;
    const at = cipherNode(root, result.cipher.offset, result.cipher.length);
    if (!at) continue;
    (at.children ??= []).push(relocated(result.root, result.cipher));
  }
}

/** The innermost node covering exactly the ciphertext's bytes. */
function cipherNode(root: Node, offset: number, length: number): Node | undefined {
  let found: Node | undefined;
  walk(root, (node) => {
    if (node.decrypted) return;
    const start = node.offset + (node.headerLength ?? 0);
    const covers =
      (node.offset === offset && node.length === length) ||
      (start === offset && node.length - (node.headerLength ?? 0) === length);
    if (covers) found = node;
  });
  return found;
}

/** A copy of a plaintext tree placed at the ciphertext's bytes. */
function relocated(plain: Node, cipher: { offset: number; length: number }): Node {
  const copy = (node: Node): Node => ({
    ...node,
    offset: cipher.offset,
    length: cipher.length,
    headerLength: undefined,
    decrypted: { offset: node.offset, length: node.length },
    children: undefined,
  });
  const top = copy(plain);
  // Iterative: a hostile plaintext can nest deeply.
  const stack: [Node, Node][] = [[plain, top]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    if (!from.children) continue;
    to.children = from.children.map((child) => {
      const c = copy(child);
      stack.push([child, c]);
      return c;
    });
  }
  return top;
}
