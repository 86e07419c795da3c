import { describe, expect, it } from 'vitest';
import type { Node } from '../codec/tree';
import { graftSecrets } from './graft';

describe('decrypted parts grafted under their ciphertext', () => {
  const token = (): Node => ({
    name: 'Ticket',
    offset: 0,
    length: 40,
    children: [{ name: 'cipher', offset: 20, length: 20, headerLength: 2, type: 'OCTET STRING' }],
  });
  const plain: Node = {
    name: 'EncTicketPart',
    offset: 0,
    length: 12,
    children: [
      {
        name: 'key',
        offset: 2,
        length: 10,
        children: [{ name: 'keytype', offset: 4, length: 3, value: 18 }],
      },
    ],
  };

  it('finds the ciphertext by its value bytes and keeps the wire position on every node', () => {
    const root = token();
    graftSecrets(root, [
      {
        what: 'EncTicketPart',
        ok: true,
        text: '',
        root: plain,
        cipher: { offset: 22, length: 18 },
      },
    ]);
    const grafted = root.children![0].children![0];
    expect(grafted).toMatchObject({
      name: 'EncTicketPart',
      offset: 22,
      length: 18,
      decrypted: { offset: 0, length: 12 },
    });
    expect(grafted.children![0].children![0]).toMatchObject({
      name: 'keytype',
      offset: 22,
      length: 18,
      value: 18,
      decrypted: { offset: 4, length: 3 },
    });
    // The plaintext tree given is not changed.
    expect(plain.children![0].offset).toBe(2);
  });

  it('leaves the tree alone when no node covers the ciphertext, or nothing was decrypted', () => {
    const root = token();
    graftSecrets(root, [
      { what: 'EncTicketPart', ok: true, text: '', root: plain, cipher: { offset: 5, length: 3 } },
      { what: 'mechListMIC', ok: false, text: '' },
    ]);
    expect(root).toEqual(token());
  });
});
