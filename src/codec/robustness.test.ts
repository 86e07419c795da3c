import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decode, decodeToken } from '.';
import { checkTreeInvariants } from '../testing/invariants';
import type { Node } from './tree';
import { allFixtureTokens } from '../testing/fixtures';
import { mutationArbitrary } from '../testing/mutations';
import { fromHex, toBase64 } from '../bytes';

const fixtures = allFixtureTokens();
/** The message of `asDecodeError` (context.ts) for an exception the decoder did not foresee. */
const INTERNAL = 'internal decoder error';

describe('tree invariants on every fixture', () => {
  for (const f of fixtures) {
    it(f.id, () => {
      const { root } = decodeToken(f.bytes);
      expect(checkTreeInvariants(root, f.bytes.length)).toEqual([]);
    });
  }
});

describe('bad input: always a result with a positioned error, never an exception', () => {
  const resp = fromHex('a1153013a0030a0103a10c060a2b06010401823702020a');

  it('truncation names the offset and keeps what came before', () => {
    const { root, errors } = decodeToken(resp.subarray(0, 15));
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/offset \d+/);
    expect(root.children?.length ?? 0).toBeGreaterThan(0);
    expect(JSON.stringify(root)).toContain('request-mic');
  });

  it('trailing garbage is a node of its own and an error', () => {
    const bytes = new Uint8Array([...resp, 0xde, 0xad]);
    const { root, errors } = decodeToken(bytes);
    expect(root.length).toBe(bytes.length);
    expect(root.children!.at(-1)).toMatchObject({
      name: 'trailing bytes',
      offset: resp.length,
      length: 2,
    });
    expect(errors[0].offset).toBe(resp.length);
  });

  it('BER indefinite lengths decode, flagged as not DER', () => {
    const ber = fromHex('a1803080a0030a01020000' + '0000');
    const { root, errors, warnings } = decodeToken(ber);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message).join()).toMatch(/indefinite/);
    expect(checkTreeInvariants(root, ber.length)).toEqual([]);
  });

  it('non-minimal lengths decode, flagged as not DER', () => {
    const { errors, warnings } = decodeToken(fromHex('a18108308105a0030a0102'));
    expect(errors).toEqual([]);
    expect(warnings.some((w) => /shortest form/.test(w.message))).toBe(true);
  });

  it('nesting 10 000 deep stops with an error instead of recursing', () => {
    // An unknown [5] field of a NegTokenResp is walked as generic ASN.1: make it 10 000 deep,
    // once with BER indefinite lengths and once with definite ones.
    const depth = 10000;
    const open = new Array(depth).fill([0x30, 0x80]).flat();
    const close = new Array(depth + 3).fill([0, 0]).flat();
    const indefinite = new Uint8Array([0xa1, 0x80, 0x30, 0x80, 0xa5, 0x80, ...open, ...close]);
    const a = decodeToken(indefinite);
    expect(a.errors[0].message).toMatch(/nesting deeper/);
    expect(checkTreeInvariants(a.root, indefinite.length)).toEqual([]);

    // Definite lengths, built outside in: each level is a 30 83 xx xx xx header whose length
    // covers the levels inside it and the NULL at the centre (linear, not a copy per level).
    const definiteNesting = (tags: number[]) => {
      const out = new Uint8Array(tags.length * 5 + 2);
      tags.forEach((tag, i) => {
        const inner = out.length - (i + 1) * 5;
        out.set([tag, 0x83, (inner >> 16) & 255, (inner >> 8) & 255, inner & 255], i * 5);
      });
      out.set([0x05, 0x00], tags.length * 5);
      return out;
    };
    const definite = definiteNesting([0xa1, 0x30, 0xa5, ...new Array(depth).fill(0x30)]);
    const b = decodeToken(definite);
    expect(b.errors[0].message).toMatch(/nesting deeper/);
    expect(checkTreeInvariants(b.root, definite.length)).toEqual([]);
  });

  it('a huge paste gives one token, its tree no bigger for 4 MB than for 1 MB', () => {
    // What a huge input must not do is grow the tree (or the errors) with its size: trailing
    // zeros are one node and one error whatever their number. (How fast 50 MB decodes is a figure
    // of `npm run bench`, not a test.)
    const shape = (size: number) => {
      const big = new Uint8Array(size);
      big.set(resp);
      const result = decode(toBase64(big));
      expect(result.tokens).toHaveLength(1);
      const [token] = result.tokens;
      expect(token.length).toBe(size);
      expect(token.errors.length).toBeGreaterThan(0);
      expect(checkTreeInvariants(token.root, size)).toEqual([]);
      let nodes = 0;
      const count = (n: Node) => {
        nodes++;
        n.children?.forEach(count);
      };
      count(token.root);
      return { nodes, errors: token.errors.length };
    };
    expect(shape(4_000_000)).toEqual(shape(1_000_000));
  });

  it('mutated fixtures (bit flips, truncation, length tampering, splicing) never throw and keep the invariants', () => {
    fc.assert(
      fc.property(mutationArbitrary(fixtures.map((f) => f.bytes)), (bytes) => {
        const { root, errors } = decodeToken(bytes);
        expect(checkTreeInvariants(root, bytes.length)).toEqual([]);
        for (const e of errors) expect(e.offset).toBeGreaterThanOrEqual(0);
        // Every failure is one the decoder foresaw, never its catch-all for an exception.
        expect(errors.map((e) => e.message).filter((m) => m.includes(INTERNAL))).toEqual([]);
      }),
      { numRuns: 1500, seed: 4178 },
    );
  });
});
