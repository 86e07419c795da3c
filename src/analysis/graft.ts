/**
 * Decrypted parts go into the token's tree under the ciphertext they came from. Their nodes keep
 * the ciphertext's position (so the hex pane lights the bytes on the wire) and carry their own
 * position inside the plaintext in `decrypted`.
 */
import { mapTree, walk, type Node } from '../codec/tree';
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
export function relocated(plain: Node, cipher: { offset: number; length: number }): Node {
  return mapTree(plain, (node) => ({
    ...node,
    offset: cipher.offset,
    length: cipher.length,
    headerLength: undefined,
    decrypted: { offset: node.offset, length: node.length },
  }));
}
