import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decode, decodeToken } from '.';
import { checkTreeInvariants } from './invariants';
import { allFixtureTokens } from '../testing/fixtures';
import { mutationArbitrary } from '../testing/mutations';
import { fromHex, toBase64 } from '../bytes';

const fixtures = allFixtureTokens();

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

    const wrap = (tag: number, inner: number[]) => [
      tag,
      0x83,
      (inner.length >> 16) & 255,
      (inner.length >> 8) & 255,
      inner.length & 255,
      ...inner,
    ];
    let nested: number[] = [0x05, 0x00];
    for (let i = 0; i < depth; i++) nested = wrap(0x30, nested);
    const definite = new Uint8Array(wrap(0xa1, wrap(0x30, wrap(0xa5, nested))));
    const b = decodeToken(definite);
    expect(b.errors[0].message).toMatch(/nesting deeper/);
    expect(checkTreeInvariants(b.root, definite.length)).toEqual([]);
  });

  it('50 MB of base64 gives a result', () => {
    const big = new Uint8Array(37_500_000);
    big.set(resp);
    const result = decode(toBase64(big));
    expect(result.tokens).toHaveLength(1);
    expect(result.tokens[0].length).toBe(big.length);
    expect(result.tokens[0].errors.length).toBeGreaterThan(0);
  });

  it('mutated fixtures (bit flips, truncation, length tampering, splicing) never throw and keep the invariants', () => {
    fc.assert(
      fc.property(mutationArbitrary(fixtures.map((f) => f.bytes)), (bytes) => {
        const { root, errors } = decodeToken(bytes);
        expect(checkTreeInvariants(root, bytes.length)).toEqual([]);
        for (const e of errors) expect(e.offset).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1500, seed: 4178 },
    );
  });
});
