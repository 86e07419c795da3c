import { walk, type Node } from '../codec/tree';

/**
 * The tree's promises (checked by tests on every fixture): each node lies within the token;
 * children lie inside their parent, in order, without overlap; the root covers the whole token.
 * Returns a list of violations (empty when the tree keeps them).
 */
export function checkTreeInvariants(root: Node, tokenLength: number): string[] {
  const problems: string[] = [];
  if (root.offset !== 0 || root.length !== tokenLength) {
    problems.push(
      `root covers [${root.offset}, ${root.offset + root.length}) but the token has ${tokenLength} bytes`,
    );
  }
  walk(root, (node) => {
    const end = node.offset + node.length;
    if (node.offset < 0 || node.length < 0 || end > tokenLength) {
      problems.push(`${node.name} [${node.offset}, ${end}) is outside the token`);
    }
    if (
      node.headerLength !== undefined &&
      (node.headerLength < 0 || node.headerLength > node.length)
    ) {
      problems.push(
        `${node.name} headerLength ${node.headerLength} exceeds its length ${node.length}`,
      );
    }
    let cursor = node.offset;
    for (const child of node.children ?? []) {
      if (child.offset < cursor) {
        problems.push(
          `${node.name} > ${child.name} at ${child.offset} overlaps or is out of order (expected ≥ ${cursor})`,
        );
      }
      if (child.offset + child.length > end) {
        problems.push(
          `${node.name} > ${child.name} [${child.offset}, ${child.offset + child.length}) runs past its parent's end ${end}`,
        );
      }
      cursor = Math.max(cursor, child.offset + child.length);
    }
  });
  return problems;
}
