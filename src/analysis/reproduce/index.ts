/**
 * `reproduce`: a real exchange → the simulator configuration that explains it, the simulated
 * run, and what still differs. Pure: the CLI, the tests and the app call it alike.
 */
import { simulate, type ConfigPatch, type Simulation } from '../../protocol';
import type { AnalysedExchange } from '../types';
import { compareRuns, type Difference } from './compare';
import { inferConfig, type Evidence } from './infer';

export { inferConfig, type Evidence, type Inference } from './infer';
export { compareRuns, realShapes, simulatedShapes, type Difference } from './compare';
export { wireShape, SHAPE_FIELDS, SEQUENCE_FIELDS, type WireShape } from './shape';

export interface Reproduction {
  config: ConfigPatch;
  evidence: Evidence[];
  /** What the exchange shows that the simulator cannot produce. */
  limits: string[];
  run: Simulation;
  differences: Difference[];
}

/** Infers, runs and compares; null when the exchange has no message to reproduce. */
export function reproduce(exchange: AnalysedExchange): Reproduction | null {
  if (exchange.steps.length === 0) return null;
  const { config, evidence, limits } = inferConfig(exchange);
  const run = simulate(config);
  return { config, evidence, limits, run, differences: compareRuns(exchange, run) };
}
