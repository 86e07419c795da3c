import { describe, expect, it } from 'vitest';
import type { Node } from '../codec';
import { formatLink, parseLink } from './link';
import { fieldPath, nodeAt, useInspectorStore } from './inspector';

const leaf = (name: string): Node => ({ name, offset: 0, length: 1 });
const tree = (): Node => ({
  name: 'NegTokenResp',
  offset: 0,
  length: 9,
  children: [
    leaf('negState'),
    { name: 'responseToken', offset: 3, length: 6, children: [leaf('a'), leaf('b')] },
  ],
});

describe('the selected field in a link', () => {
  it('is named by child indices from the root, and found again', () => {
    const root = tree();
    const b = root.children![1].children![1];
    expect(fieldPath(root, b)).toBe('1.1');
    expect(fieldPath(root, root)).toBe('');
    expect(nodeAt(root, '1.1')).toEqual({ node: b, ancestors: [root, root.children![1]] });
    expect(nodeAt(root, '1.7')).toBeNull();
    expect(nodeAt(root, 'x')).toBeNull();
    expect(fieldPath(root, leaf('elsewhere'))).toBeNull();
  });

  it('round-trips through the address, a bad one is left out', () => {
    const link = { view: 'decode' as const, input: 'oQcwBaADCgEC', step: 1, field: '0.2' };
    expect(parseLink(formatLink(link))).toEqual(link);
    expect(parseLink('#view=decode&field=0..x').field).toBeUndefined();
  });

  it('is selected (its branch open) once its token is shown, or at once when it is', () => {
    const store = useInspectorStore.getState();
    store.reset(null);
    const root = tree();
    store.selectField('1.0', root);
    expect(useInspectorStore.getState().pendingField).toEqual({ path: '1.0', root });
    // Another step's tree shown first does not take it.
    useInspectorStore.getState().reset(tree());
    expect(useInspectorStore.getState().selected).toBeNull();
    useInspectorStore.getState().reset(root);
    const s = useInspectorStore.getState();
    expect(s.selected).toBe(root.children![1].children![0]);
    expect(s.expanded.has(root.children![1])).toBe(true);
    expect(s.pendingField).toBeNull();
    useInspectorStore.getState().selectField('0');
    expect(useInspectorStore.getState().selected).toBe(root.children![0]);
  });
});
