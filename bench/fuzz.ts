/**
 * `npm run fuzz [-- CASES]`: runs mutation cases (default 100 000) over every fixture through the
 * decoder, checking that it never throws, that every error is one the decoder foresaw (never its
 * catch-all "internal decoder error", `asDecodeError` in codec/context.ts) and that the tree
 * invariants hold. Prints the count.
 */
import fc from 'fast-check';
import { decodeToken } from '../src/codec';
import { checkTreeInvariants } from '../src/testing/invariants';
import { mutationArbitrary } from '../src/testing/mutations';
import { allFixtureTokens } from '../src/testing/fixtures';

const cases = Number(process.argv[2] ?? 100_000);
const seeds = allFixtureTokens().map((f) => f.bytes);
let run = 0;
let withErrors = 0;
const started = performance.now();
fc.assert(
  fc.property(mutationArbitrary(seeds), (bytes) => {
    run++;
    const { root, errors } = decodeToken(bytes);
    if (errors.length) withErrors++;
    const internal = errors.find((e) => e.message.includes('internal decoder error'));
    if (internal) throw new Error(`${internal.path}: ${internal.message}`);
    const problems = checkTreeInvariants(root, bytes.length);
    if (problems.length) throw new Error(`invariants broken: ${problems.join('; ')}`);
  }),
  { numRuns: cases, seed: Date.now() & 0x7fffffff },
);
const seconds = (performance.now() - started) / 1000;
console.log(
  `fuzz: ${run} cases from ${seeds.length} fixtures, ${withErrors} reported a decode error, 0 exceptions, 0 internal decoder errors, invariants held; ${seconds.toFixed(1)} s (${Math.round(run / seconds)} cases/s)`,
);
