import { beforeAll, describe, expect, it } from 'vitest';
import type { SimConfig } from '../protocol/config';
import { computeRun } from './engine-run';
import { simulationPlayback } from './playback';
import { setRunner, useSimulationStore } from './simulation';

// The worker's own function, called directly.
const direct = async (config: SimConfig) => computeRun(config);

describe('simulation store', () => {
  beforeAll(() => setRunner(direct));

  it('runs a scenario and puts the cursor on its first step', async () => {
    simulationPlayback.getState().setCount(9);
    simulationPlayback.getState().goTo(5);
    await useSimulationStore.getState().selectScenario('kerberos-to-ntlm-fallback');
    const { run, error } = useSimulationStore.getState();
    expect(error).toBeNull();
    expect(run?.steps.map((s) => s.negState)).toEqual([
      null,
      'request-mic',
      'accept-incomplete',
      'accept-incomplete',
      'accept-incomplete',
      'accept-completed',
    ]);
    expect(simulationPlayback.getState()).toMatchObject({ index: 0, count: 6 });
    // Every token arrives decoded, with the label the diagram shows.
    expect(run?.decoded.map((d) => d.label.envelope)).toEqual([
      'NegTokenInit [Kerberos, NTLM]',
      'NegTokenResp request-mic, supportedMech NTLM',
      'NegTokenResp accept-incomplete',
      'NegTokenResp accept-incomplete',
      'NegTokenResp accept-incomplete',
      'NegTokenResp accept-completed',
    ]);
    expect(run?.decoded.every((d) => d.sent.errors.length === 0 && d.delivered === null)).toBe(
      true,
    );
  });

  it('names the run by its own scenario, not one picked since', async () => {
    await useSimulationStore.getState().selectScenario('ntlm');
    const picked = useSimulationStore.getState().selectScenario('kerberos');
    expect(useSimulationStore.getState()).toMatchObject({
      scenarioId: 'kerberos',
      runScenarioId: 'ntlm',
    });
    await picked;
    expect(useSimulationStore.getState().runScenarioId).toBe('kerberos');
  });

  it('recomputes when the configuration changes, keeping the scenario', async () => {
    await useSimulationStore.getState().selectScenario('kerberos');
    await useSimulationStore.getState().patchConfig({ acceptor: { kerberosKey: false } });
    const { run, scenarioId } = useSimulationStore.getState();
    expect(scenarioId).toBe('kerberos');
    expect(run?.outcome.mech).toBe('ntlm');
    await useSimulationStore.getState().resetConfig();
    expect(useSimulationStore.getState().run?.outcome.mech).toBe('kerberos');
  });

  it('lands only the latest of several quick changes', async () => {
    const store = useSimulationStore.getState();
    const first = store.patchConfig({ initiator: { mechs: ['ntlm'] } });
    const second = store.restore('kerberos', {}, 1);
    await Promise.all([first, second]);
    expect(useSimulationStore.getState().run?.outcome.mech).toBe('kerberos');
    expect(simulationPlayback.getState().index).toBe(1);
  });

  it('reports an invalid configuration instead of a run', async () => {
    await useSimulationStore.getState().patchConfig({ seed: 1.5 });
    expect(useSimulationStore.getState()).toMatchObject({ run: null, pending: false });
    expect(useSimulationStore.getState().error).toMatch(/seed/);
    expect(simulationPlayback.getState().count).toBe(0);
  });
});
