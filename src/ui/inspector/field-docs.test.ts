import { describe, expect, it } from 'vitest';
import { decodeToken, walk, type Node } from '../../codec';
import { publicVectors, realTokens } from '../../testing/fixtures';
import { fieldDoc } from './field-docs';

/** Structural names that say nothing beyond their type (generic ASN.1 the decoder could not name). */
const GENERIC =
  /^(\[\d+\]|SEQUENCE|INTEGER|GeneralString|unknown token|token|trailing bytes|.* \+ trailing bytes)$/;

describe('field docs', () => {
  it('explain every named field of every fixture token, with a spec reference', () => {
    const missing = new Set<string>();
    const tokens = [...realTokens().map((t) => t.bytes), ...publicVectors().map((v) => v.bytes)];
    for (const bytes of tokens) {
      walk(decodeToken(bytes).root, (node: Node, _depth, parent) => {
        if (GENERIC.test(node.name)) return;
        const doc = fieldDoc(node, parent ?? null);
        if (!doc) missing.add(`${node.name}@${parent?.name ?? '-'}`);
        else expect(doc.spec).toMatch(/^(RFC \d+|MS-[A-Z]+|draft-)/);
      });
    }
    expect([...missing]).toEqual([]);
  });

  it('tell apart fields whose name repeats in different structures', () => {
    const named = (name: string, parent: string) =>
      fieldDoc({ name, offset: 0, length: 0 }, { name: parent, offset: 0, length: 0 })?.text;
    expect(named('enc-part', 'AP-REP')).not.toBe(named('enc-part', 'ticket'));
    expect(named('Version', 'NTLMSSP_MESSAGE_SIGNATURE')).not.toBe(
      named('Version', 'AUTHENTICATE_MESSAGE'),
    );
    expect(named('sname', 'KRB-ERROR')).toMatch(/error/);
  });
});
