import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, realScenarios, realTokens } from '../../testing/fixtures';
import { readCapture } from '.';

describe('readCapture on the real captures', () => {
  for (const scenario of realScenarios()) {
    it(`${scenario}: the context tokens, in order, with their directions`, () => {
      const bytes = new Uint8Array(
        readFileSync(join(FIXTURES, 'real', scenario, 'capture.pcapng')),
      );
      const result = readCapture(bytes);
      expect(result.issues).toEqual([]);
      expect(result.complete).toBe(true);
      const expected = realTokens(scenario).filter((t) => !t.perMessage);
      const steps = result.exchanges.flatMap((e) => e.steps);
      expect(steps.map((s) => [s.from, Buffer.from(s.token).toString('base64')])).toEqual(
        expected.map((t) => [t.direction, Buffer.from(t.bytes).toString('base64')]),
      );
    });
  }
});

describe('readCapture on real curl captures', () => {
  // Live tshark captures of curl against an MIT acceptor (fixtures/vectors/real/http-curl-*).
  const dir = join(FIXTURES, 'real');
  for (const scenario of readdirSync(dir).filter((d) => d.startsWith('http-curl-'))) {
    it(`${scenario}: the tokens, in order, with their directions and HTTP statuses`, () => {
      const result = readCapture(
        new Uint8Array(readFileSync(join(dir, scenario, 'capture.pcapng'))),
      );
      expect(result.issues).toEqual([]);
      const expected = readdirSync(join(dir, scenario))
        .filter((f) => f.endsWith('.b64'))
        .sort()
        .map((f) => [
          f.includes('-i2a-') ? 'initiator' : 'acceptor',
          readFileSync(join(dir, scenario, f), 'utf8').trim(),
        ]);
      expect(result.exchanges).toHaveLength(1);
      const steps = result.exchanges[0].steps;
      expect(steps.map((s) => [s.from, Buffer.from(s.token).toString('base64')])).toEqual(expected);
      expect(steps.at(-1)?.status).toBe(200);
    });
  }
});
