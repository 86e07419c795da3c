import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { realTokens } from '../testing/fixtures';
import { observeExchange } from './observe';
import type { ObservedExchange, Side } from './types';

/** Hostile input: the analysis never throws, and its time stays bounded. */

function exchange(tokens: { bytes: Uint8Array; from: Side | null }[]): ObservedExchange {
  return {
    source: 'paste',
    transport: 'paste',
    client: null,
    server: null,
    kdc: [],
    gaps: 0,
    tokens,
  };
}

const real = realTokens().map((t) => t.bytes);

describe('observeExchange robustness', () => {
  it('an empty exchange is incomplete, with no steps', () => {
    const ex = observeExchange(exchange([]));
    expect(ex.steps).toEqual([]);
    expect(ex.outcome).toMatchObject({ result: 'incomplete', mech: null });
    expect(ex.fingerprint).toMatchObject({ initiator: 'unknown', acceptor: 'unknown' });
  });

  it('garbage tokens are named unreadable, not thrown', () => {
    const ex = observeExchange(
      exchange([
        { bytes: new Uint8Array(0), from: null },
        { bytes: new TextEncoder().encode('hello world'), from: null },
        { bytes: Uint8Array.of(0x60, 0x80, 0x06), from: 'acceptor' },
        { bytes: Uint8Array.of(0xa1, 0x03, 0x30, 0x01, 0xff), from: null },
      ]),
    );
    expect(ex.steps).toHaveLength(4);
    expect(ex.outcome.result).toBe('incomplete');
    expect(
      ex.findings.filter((f) => /could not be read/.test(f.text)).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('random bytes, truncated and bit-flipped real tokens in any order and direction never throw', () => {
    const token = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc
        .tuple(fc.constantFrom(...real), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }))
        .map(([bytes, cut, at, value]) => {
          const copy = bytes.slice(0, bytes.length ? cut % (bytes.length + 1) : 0);
          if (copy.length) copy[at % copy.length] = value;
          return copy;
        }),
      fc.constantFrom(...real),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            bytes: token,
            from: fc.constantFrom<Side | null>('initiator', 'acceptor', null),
          }),
          {
            maxLength: 8,
          },
        ),
        (tokens) => {
          const ex = observeExchange(exchange(tokens));
          expect(ex.steps).toHaveLength(tokens.length);
          expect(['established', 'rejected', 'failed', 'incomplete']).toContain(ex.outcome.result);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('1000 tokens in bounded time', () => {
    const tokens = Array.from({ length: 1000 }, (_, i) => ({
      bytes: real[i % real.length],
      from: null,
    }));
    const start = performance.now();
    const ex = observeExchange(exchange(tokens));
    const ms = performance.now() - start;
    expect(ex.steps).toHaveLength(1000);
    expect(ms).toBeLessThan(10_000);
  });
});
