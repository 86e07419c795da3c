import fc from 'fast-check';

/**
 * Mutations of real tokens for property tests and the fuzzer: bit flips, truncation, length
 * tampering (a length octet rewritten) and splicing (a slice of one token inside another).
 * Test-only; shared by `npm test` and `npm run fuzz`.
 */
export function mutationArbitrary(seeds: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const seed = fc.constantFrom(...seeds.filter((s) => s.length > 0));
  const bitFlip = fc
    .tuple(seed, fc.nat(), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 4 }))
    .map(([s, at, bit, count]) => {
      const out = s.slice();
      for (let i = 0; i < count; i++) out[(at + i * 7919) % out.length] ^= 1 << ((bit + i) & 7);
      return out;
    });
  const truncation = fc.tuple(seed, fc.nat()).map(([s, n]) => s.slice(0, n % s.length));
  const lengthTamper = fc
    .tuple(
      seed,
      fc.nat(),
      fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xff),
      fc.integer({ min: 0, max: 255 }),
    )
    .map(([s, at, lenByte, delta]) => {
      const out = s.slice();
      // Length octets follow tag octets; aim at the byte after a plausible tag.
      const i = (at % Math.max(1, out.length - 1)) + 1;
      out[i] = (delta & 1) === 0 ? lenByte : (out[i] + delta) & 0xff;
      return out;
    });
  const splice = fc.tuple(seed, seed, fc.nat(), fc.nat(), fc.nat()).map(([a, b, at, from, len]) => {
    const start = from % b.length;
    const piece = b.slice(start, start + (len % 64));
    const cut = at % (a.length + 1);
    const out = new Uint8Array(a.length + piece.length);
    out.set(a.subarray(0, cut));
    out.set(piece, cut);
    out.set(a.subarray(cut), cut + piece.length);
    return out;
  });
  return fc.oneof(bitFlip, truncation, lengthTamper, splice);
}
