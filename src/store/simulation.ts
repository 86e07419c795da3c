import { create } from 'zustand';
// The small data modules, not the engine's index: the engine itself runs in a worker and stays out
// of the page's first script.
import { DEFAULT_CONFIG, withPatch, type ConfigPatch, type SimConfig } from '../protocol/config';
import { findScenario, scenarioConfig, SCENARIOS } from '../protocol/scenarios';
import { workerRunner, type Runner, type SimRun } from './engine-runner';
import { simulationPlayback } from './playback';

export const DEFAULT_SCENARIO = SCENARIOS[0].id;

/** The simulated run: which scenario, the configuration it was computed from, and the result. */
export interface SimulationState {
  scenarioId: string;
  config: SimConfig;
  run: SimRun | null;
  /**
   * The scenario `run` was computed for: `scenarioId` changes as soon as another is picked, this
   * once its run lands (a diagram must not title the old run with the new scenario's name).
   */
  runScenarioId: string;
  /** Why the configuration could not run (the engine's message). */
  error: string | null;
  /** A run is being computed. */
  pending: boolean;
  /** Inspect the bytes the peer received instead of those sent (a man in the middle changed them). */
  showDelivered: boolean;
  selectScenario(id: string): Promise<void>;
  patchConfig(patch: ConfigPatch): Promise<void>;
  resetConfig(): Promise<void>;
  /** Opens a scenario with a configuration patch at a step (what a link holds). */
  restore(scenarioId: string, patch: ConfigPatch, step: number): Promise<void>;
  setShowDelivered(show: boolean): void;
}

let runner: Runner | null = null;
/** Tests run the engine directly instead of in a worker. */
export function setRunner(r: Runner): void {
  runner = r;
}

function scenarioBase(id: string): SimConfig {
  const scenario = findScenario(id);
  return scenario ? scenarioConfig(scenario) : DEFAULT_CONFIG;
}

export const useSimulationStore = create<SimulationState>((set, get) => {
  let latest = 0;

  /** Computes a run; only the latest request lands, so fast edits never show a stale run. */
  const compute = async (config: SimConfig, step?: number) => {
    const id = ++latest;
    const scenarioId = get().scenarioId;
    set({ config, pending: true });
    runner ??= workerRunner();
    try {
      const run = await runner(config);
      if (id !== latest) return;
      set({ run, runScenarioId: scenarioId, error: null, pending: false });
      simulationPlayback.getState().setCount(run.steps.length);
      if (step !== undefined) simulationPlayback.getState().goTo(step);
    } catch (err) {
      if (id !== latest) return;
      set({ run: null, error: err instanceof Error ? err.message : String(err), pending: false });
      simulationPlayback.getState().setCount(0);
    }
  };

  return {
    scenarioId: DEFAULT_SCENARIO,
    config: scenarioBase(DEFAULT_SCENARIO),
    run: null,
    runScenarioId: DEFAULT_SCENARIO,
    error: null,
    pending: false,
    showDelivered: false,
    selectScenario: (id) => {
      const scenarioId = findScenario(id) ? id : DEFAULT_SCENARIO;
      set({ scenarioId, showDelivered: false });
      return compute(scenarioBase(scenarioId), 0);
    },
    patchConfig: (patch) => compute(withPatch(get().config, patch)),
    resetConfig: () => compute(scenarioBase(get().scenarioId)),
    restore: (id, patch, step) => {
      const scenarioId = findScenario(id) ? id : DEFAULT_SCENARIO;
      set({ scenarioId, showDelivered: false });
      return compute(withPatch(scenarioBase(scenarioId), patch), step);
    },
    setShowDelivered: (showDelivered) => set({ showDelivered }),
  };
});

/** The configuration a scenario starts from, for "modified" badges and link diffs. */
export function scenarioDefaults(id: string): SimConfig {
  return scenarioBase(id);
}
