import type { Node } from '../../codec/tree';

/**
 * Containers folded at first sight: bookkeeping a reader rarely needs, whose meaning the
 * parent's label already gives (as Wireshark folds them).
 * - `*Fields`: an NTLM payload descriptor (Len, MaxLen, BufferOffset), MS-NLMP §2.2.1.1; its
 *   label says "UserName: 10 bytes at offset 234" and the item itself shows under Payload.
 * - `Version`: the NTLM VERSION structure, MS-NLMP §2.2.2.10; its label names the Windows release.
 * - `MsvAv*`: one AV_PAIR (AvId, AvLen, Value), MS-NLMP §2.2.2.1; its row shows the value.
 * - `NTLMv2_CLIENT_CHALLENGE`: the client's blob (timestamp, nonce, AV pairs), MS-NLMP §2.2.2.7;
 *   the response's row and its NTProofStr stay in view.
 * - `name-string`: a principal's components, RFC 4120 §5.2.2; the PrincipalName's label joins them.
 */
const FOLDED_NAME = /^(?:.+Fields|Version|MsvAv\w+|NTLMv2_CLIENT_CHALLENGE|name-string)$/;

/** How deep the first view opens at most: bounds the work on a hostile, deeply nested token. */
export const MAX_OPEN_DEPTH = 16;

/**
 * Whether a container opens when a token is first shown: every level down to what matters
 * (user, domain, workstation, flags, responses; sname, etype, kvno, error-code; negState,
 * mechTypes), folding the bookkeeping above. Decrypted parts are opened by
 * `decryptedPaths` (their top and one level), not here.
 */
export function opensByDefault(node: Node, depth: number): boolean {
  if (!node.children?.length || depth >= MAX_OPEN_DEPTH) return false;
  if (node.decrypted) return false;
  return !FOLDED_NAME.test(node.name);
}

/** The containers of a tree open at first sight (iterative: no recursion on hostile input). */
export function initiallyExpanded(root: Node | null): Set<Node> {
  const open = new Set<Node>();
  if (!root) return open;
  const stack: Array<[Node, number]> = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!opensByDefault(node, depth)) continue;
    open.add(node);
    for (const child of node.children!) stack.push([child, depth + 1]);
  }
  return open;
}
