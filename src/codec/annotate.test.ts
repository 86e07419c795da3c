import { describe, expect, it } from 'vitest';
import { realTokens } from '../testing/fixtures';
import { annotateBytes, hexGroups } from './annotate';
import { decodeToken } from './token';
import type { Node } from './tree';

describe('annotateBytes: a token laid out field by field', () => {
  it('covers every byte of every real SPNEGO token, in wire order, each run named', () => {
    const tokens = realTokens().filter((t) => !t.perMessage);
    expect(tokens.length).toBeGreaterThan(10);
    for (const token of tokens) {
      const { root } = decodeToken(token.bytes);
      const runs = annotateBytes(root, token.bytes);
      let covered = 0;
      for (const run of runs) {
        expect(run.name, `${token.scenario}/${token.name}`).not.toBe('');
        expect(run.offset + run.length).toBeLessThanOrEqual(token.bytes.length);
        // No byte skipped: a run starts where the previous ended, or inside it (overlapping
        // fields, as an NTLM payload named by two pointers, show their bytes again).
        expect(run.offset, `${token.scenario}/${token.name} ${run.path}`).toBeLessThanOrEqual(
          covered,
        );
        covered = Math.max(covered, run.offset + run.length);
      }
      expect(covered, `${token.scenario}/${token.name}`).toBe(token.bytes.length);
    }
  });

  it('labels leaves with their value, meaning and spec, and structures with a compact header', () => {
    const ntlm = realTokens('spnego-ntlm-01-ntlmv2').find((t) => t.name.startsWith('01-'))!;
    const { root } = decodeToken(ntlm.bytes);
    const runs = annotateBytes(root, ntlm.bytes);
    const header = runs[0];
    expect(header.kind).toBe('header');
    expect(header.offset).toBe(0);
    // An [APPLICATION 0] with a short or long form length: 2 to 4 bytes, never the whole token.
    expect(header.length).toBeGreaterThanOrEqual(2);
    expect(header.length).toBeLessThan(5);
    expect(header.total).toBe(ntlm.bytes.length);
    const oid = runs.find((r) => r.kind === 'field' && r.value === '1.3.6.1.4.1.311.2.2.10');
    expect(oid).toBeDefined();
    expect(oid!.label).toMatch(/NTLM/);
    expect(runs.some((r) => r.kind === 'field' && r.meaning && r.spec)).toBe(true);
    const flags = runs.find((r) => r.name === 'NegotiateFlags');
    expect(flags?.depth).toBeGreaterThan(1);
    expect(flags?.path).toMatch(/\/NegotiateFlags$/);
  });

  it('names uncovered bytes as gaps of their structure, leaves out decrypted parts, clips to the token', () => {
    const bytes = Uint8Array.from([0x30, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const root: Node = {
      name: 'Outer',
      offset: 0,
      length: 10,
      headerLength: 2,
      children: [
        { name: 'a', offset: 2, length: 2, value: 'x' },
        {
          name: 'cipher',
          offset: 6,
          length: 2,
          children: [{ name: 'plain', offset: 6, length: 2, decrypted: { offset: 0, length: 5 } }],
        },
        { name: 'tooLong', offset: 9, length: 50, error: 'length past the end' },
      ],
    };
    const runs = annotateBytes(root, bytes);
    expect(runs.map((r) => [r.kind, r.name, r.offset, r.length])).toEqual([
      ['header', 'Outer', 0, 2],
      ['field', 'a', 2, 2],
      ['gap', 'Outer', 4, 2],
      ['field', 'cipher', 6, 2],
      ['gap', 'Outer', 8, 1],
      ['field', 'tooLong', 9, 3],
    ]);
    expect(runs[5].error).toBe('length past the end');
  });

  it('marks bytes after the root as a gap', () => {
    const bytes = Uint8Array.from([0x05, 0x00, 0xff]);
    const runs = annotateBytes({ name: 'NULL', offset: 0, length: 2 }, bytes);
    expect(runs.map((r) => [r.kind, r.offset, r.length])).toEqual([
      ['field', 0, 2],
      ['gap', 2, 1],
    ]);
  });
});

describe('hexGroups', () => {
  it('groups a range of bytes as lowercase hex, clipped to the bytes present', () => {
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => i * 13);
    expect(hexGroups(bytes, 1, 10, 4)).toEqual(['0d 1a 27 34', '41 4e 5b 68', '75 82']);
    expect(hexGroups(bytes, 18, 10)).toEqual(['ea f7']);
    expect(hexGroups(bytes, 5, 0)).toEqual([]);
  });
});
