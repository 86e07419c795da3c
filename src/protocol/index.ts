/**
 * The simulation engine's public API: named scenarios and `simulate()`, whose result is exactly
 * what `cli simulate --json` prints. Pure TypeScript: runs in Node and the browser.
 */
import {
  DEFAULT_CONFIG,
  validateConfig,
  withPatch,
  type ConfigPatch,
  type SimConfig,
} from './config';
import { runExchange, type Outcome, type Run, type Step, type TransportLeg } from './run';
import { findScenario, scenarioConfig, SCENARIOS } from './scenarios';
import type { Rule } from './types';
import { toBase64 } from '../bytes';

export interface SimulationStep {
  index: number;
  from: 'initiator' | 'acceptor';
  message: Step['message'];
  negState: string | null;
  supportedMech: string | null;
  mech: string | null;
  mechListMIC: boolean;
  token: string;
  delivered?: string;
  header?: string;
  /** The transport message and, for a response, its status (SMB2 STATUS_*, HTTP 401/200). */
  transport?: TransportLeg;
  initiatorState: string;
  acceptorState: string;
  summary: string;
  explanation: string;
  rules: Rule[];
}

export interface Simulation {
  scenario: string | null;
  config: SimConfig;
  steps: SimulationStep[];
  outcome: Outcome;
  closingRules: Rule[];
  /** The transport's answer to a last client token that got no token back. */
  closingLeg?: TransportLeg;
}

export function listScenarios(): { id: string; title: string; description: string }[] {
  return SCENARIOS.map(({ id, title, description }) => ({ id, title, description }));
}

/**
 * Runs a named scenario (optionally patched) or a full configuration. Throws on an unknown
 * scenario id or an invalid configuration (the CLI turns that into exit code 2).
 */
export function simulate(
  scenarioOrConfig: string | SimConfig | ConfigPatch,
  patch?: ConfigPatch,
): Simulation {
  let scenario: string | null = null;
  let config: SimConfig;
  if (typeof scenarioOrConfig === 'string') {
    const found = findScenario(scenarioOrConfig);
    if (!found)
      throw new Error(
        `unknown scenario ${scenarioOrConfig}; try one of ${SCENARIOS.map((s) => s.id).join(', ')}`,
      );
    scenario = found.id;
    config = withPatch(scenarioConfig(found), patch);
  } else {
    config = withPatch(withPatch(DEFAULT_CONFIG, scenarioOrConfig), patch);
  }
  const problems = validateConfig(config);
  if (problems.length) throw new Error(`invalid configuration: ${problems.join('; ')}`);
  return toSimulation(scenario, runExchange(config));
}

/** The run with its tokens as base64, ready for JSON. */
export function toSimulation(scenario: string | null, run: Run): Simulation {
  return {
    scenario,
    config: run.config,
    steps: run.steps.map((s) => ({
      index: s.index,
      from: s.from,
      message: s.message,
      negState: s.negState,
      supportedMech: s.supportedMech,
      mech: s.mech,
      mechListMIC: s.mechListMIC,
      token: toBase64(s.token),
      ...(s.delivered ? { delivered: toBase64(s.delivered) } : {}),
      ...(s.header ? { header: s.header } : {}),
      ...(s.transport ? { transport: s.transport } : {}),
      initiatorState: s.initiatorState,
      acceptorState: s.acceptorState,
      summary: s.summary,
      explanation: s.explanation,
      rules: s.rules,
    })),
    outcome: run.outcome,
    closingRules: run.closingRules,
    ...(run.closingLeg ? { closingLeg: run.closingLeg } : {}),
  };
}

export { runExchange, type Run, type Step, type Outcome, type TransportLeg } from './run';
export {
  DEFAULT_CONFIG,
  withPatch,
  validateConfig,
  type SimConfig,
  type ConfigPatch,
} from './config';
export { SCENARIOS, findScenario, scenarioConfig, type Scenario } from './scenarios';
export {
  PROFILES,
  implementationOf,
  sideProfile,
  type Profile,
  type NtlmProfile,
} from './profiles';
export type { Rule, Role, MechName } from './types';
