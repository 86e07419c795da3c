import { describe, expect, it } from 'vitest';
import type { Node } from '../../codec/tree';
import { decryptedPaths } from './tree-index';

describe('decryptedPaths', () => {
  it('opens the wire nodes down to each decrypted part, and the part itself', () => {
    const key: Node = { name: 'key', offset: 8, length: 4, decrypted: { offset: 2, length: 6 } };
    const part: Node = {
      name: 'EncTicketPart',
      offset: 8,
      length: 4,
      decrypted: { offset: 0, length: 12 },
      children: [key],
    };
    const cipher: Node = { name: 'cipher', offset: 8, length: 4, children: [part] };
    const ticket: Node = { name: 'Ticket', offset: 4, length: 8, children: [cipher] };
    const other: Node = { name: 'pvno', offset: 2, length: 2 };
    const root: Node = { name: 'AP-REQ', offset: 0, length: 12, children: [other, ticket] };
    expect(new Set(decryptedPaths(root))).toEqual(new Set([part, cipher, ticket, root]));
  });

  it('opens nothing in a tree without decrypted parts', () => {
    expect(decryptedPaths({ name: 'x', offset: 0, length: 1, children: [] })).toEqual([]);
  });
});
