import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseInput, NO_SECRETS } from '../../analysis';
import { reproduce } from '../../analysis/reproduce';
import { simulate } from '../../protocol';
import { withPatch } from '../../protocol/config';
import { findScenario, scenarioConfig } from '../../protocol/scenarios';
import { parseLink } from '../../store/link';
import { FIXTURES } from '../../testing/fixtures';
import { simulatorLink } from './OpenInSimulator';

/** "Open in simulator" follows a link: the Simulate view must run what `reproduce` ran. */
describe('Open in simulator: the link carries the inferred configuration', () => {
  for (const id of [
    'fallback-03-keytab-lacks-service-key',
    'heimdal-09-acceptor-selects-second-mech-krb5',
    'smb-01-ntlm',
    'raw-krb5-05-dce-style',
  ]) {
    it(id, () => {
      const capture = readFileSync(join(FIXTURES, 'real', id, 'capture.pcapng'));
      const [exchange] = analyseInput(new Uint8Array(capture), NO_SECRETS).exchanges;
      const r = reproduce(exchange)!;
      const hash = simulatorLink(r.config);
      // Short enough to share, and no token in it.
      expect(hash.length).toBeLessThan(1500);
      const link = parseLink(hash);
      expect(link.view).toBe('simulate');
      expect(link.step).toBe(0);
      // What the simulation store's restore() computes from a link.
      const scenario = findScenario(link.scenario!)!;
      const run = simulate(withPatch(scenarioConfig(scenario), link.config));
      expect(run.steps.map((s) => s.token)).toEqual(r.run.steps.map((s) => s.token));
      expect(run.outcome).toEqual(r.run.outcome);
    });
  }
});
