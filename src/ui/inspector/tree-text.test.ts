import { describe, expect, it } from 'vitest';
import { formatTree } from '../../cli/format-tree';
import { decodeToken, walk } from '../../codec';
import { realTokens } from '../../testing/fixtures';

// The inspector's "Tree as text" copies formatTree's output: plain text a ticket or a mail can hold.
describe('the tree as text', () => {
  const token = realTokens('raw-ntlm-01-ntlmv2').find(
    (t) => t.name === '03-i2a-NTLM-AUTHENTICATE',
  )!;
  const root = decodeToken(token.bytes).root;
  const text = formatTree(root);
  const lines = text.trimEnd().split('\n');

  it('gives one line per field, in tree order, indented by depth', () => {
    const nodes: Array<[string, number]> = [];
    walk(root, (n, depth) => nodes.push([n.name, depth]));
    const fieldLines = lines.filter((l) => l.startsWith('@'));
    expect(fieldLines).toHaveLength(nodes.length);
    fieldLines.forEach((line, i) => {
      const [name, depth] = nodes[i];
      expect(line).toMatch(new RegExp(`^@\\d{5} \\+\\d+\\s* {${2 * depth}}${name}\\b`));
    });
  });

  it('carries each field’s value and label, without terminal escapes', () => {
    expect(text).not.toContain('\u001b');
    const user = lines.find((l) => /^\S+ \+\S+\s+ {4}UserName = /.test(l));
    expect(user).toContain('UserName = alice  ("alice" (UTF-16LE))');
    expect(lines.find((l) => l.includes('NegotiateFlags = '))).toContain(
      'NTLMSSP_NEGOTIATE_UNICODE',
    );
  });
});
