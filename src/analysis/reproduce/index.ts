/**
 * `reproduce`: a real exchange → the simulator configuration that explains it, the simulated
 * run, and what still differs. Pure: the CLI, the tests and the app call it alike.
 */
import { simulate, type ConfigPatch, type Simulation } from '../../protocol';
import { IMPLEMENTATIONS, type ImplementationName } from '../../protocol/config';
import type { AnalysedExchange } from '../types';
import { compareRuns, type Difference } from './compare';
import { inferConfig, type Evidence } from './infer';
import { SEQUENCE_FIELDS } from './shape';

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

/** Differences in the message sequence count first, details (OIDs, flags, etypes) after. */
function cost(differences: Difference[]): number {
  const sequence = differences.filter(
    (d) => d.field === 'message' || (SEQUENCE_FIELDS as readonly string[]).includes(d.field),
  ).length;
  return sequence * 1000 + differences.length;
}

/**
 * Acceptor key states a refusal without an error token cannot tell apart (Heimdal's acceptor
 * sends none, RFC 4178 §4.2.2 allows it): tried when the inferred one does not match.
 */
const SILENT_REFUSALS: { patch: ConfigPatch; why: string }[] = [
  {
    patch: { acceptor: { kerberosKey: true }, kerberos: { keytab: 'wrong-key' } },
    why: 'the acceptor refused the AP-REQ without an error token; a keytab key that is not the KDC’s explains it (a missing key or a skewed clock would look the same on the wire)',
  },
  {
    patch: { acceptor: { kerberosKey: true }, kerberos: { keytab: 'missing' } },
    why: 'the acceptor refused the AP-REQ without an error token; a keytab without the service key explains it',
  },
  {
    patch: { acceptor: { kerberosKey: true }, faults: { clockSkewSeconds: 600 } },
    why: 'the acceptor refused the AP-REQ without an error token; a client clock off by more than 5 minutes explains it',
  },
];

function merge(base: ConfigPatch, extra: ConfigPatch): ConfigPatch {
  return {
    ...base,
    ...extra,
    initiator: { ...base.initiator, ...extra.initiator },
    acceptor: { ...base.acceptor, ...extra.acceptor },
    ...(base.kerberos || extra.kerberos
      ? { kerberos: { ...base.kerberos, ...extra.kerberos } }
      : {}),
    ...(base.faults || extra.faults ? { faults: { ...base.faults, ...extra.faults } } : {}),
  };
}

function attempt(exchange: AnalysedExchange, config: ConfigPatch) {
  try {
    const run = simulate(config);
    return { config, run, differences: compareRuns(exchange, run) };
  } catch {
    return null;
  }
}

/**
 * Infers, runs and compares; null when the exchange has no message to reproduce. When the
 * message sequence still differs, the side implementations are the choice the wire tells least
 * surely (a side without habits of its own is taken as the other): each pair is tried and the one
 * whose run differs least is kept, with that said in the evidence.
 */
export function reproduce(exchange: AnalysedExchange): Reproduction | null {
  if (exchange.steps.length === 0) return null;
  const { config, evidence, limits } = inferConfig(exchange);
  let best = attempt(exchange, config);
  if (!best) {
    const run = simulate(config);
    return { config, evidence, limits, run, differences: compareRuns(exchange, run) };
  }
  if (cost(best.differences) >= 1000) {
    const inferred = [config.initiator?.implementation, config.acceptor?.implementation];
    let refusal = '';
    // First the implementations (24 runs), then the silent refusals with the pair kept (3 runs):
    // not every combination, so that an exchange nothing explains still answers quickly.
    for (const i of IMPLEMENTATIONS)
      for (const a of IMPLEMENTATIONS) {
        if (i === inferred[0] && a === inferred[1]) continue;
        const next = attempt(
          exchange,
          merge(config, {
            profile: i,
            initiator: { implementation: i },
            acceptor: { implementation: a },
          }),
        );
        if (next && cost(next.differences) < cost(best.differences)) best = next;
      }
    const pair = best.config;
    for (const alternative of SILENT_REFUSALS) {
      if (cost(best.differences) < 1000) break;
      const next = attempt(exchange, merge(pair, alternative.patch));
      if (next && cost(next.differences) < cost(best.differences)) {
        best = next;
        refusal = alternative.why;
      }
    }
    if (refusal) evidence.push({ field: 'acceptor.kerberosKey', why: refusal });
    const chosen: (ImplementationName | undefined)[] = [
      best.config.initiator?.implementation,
      best.config.acceptor?.implementation,
    ];
    (['initiator', 'acceptor'] as const).forEach((side, n) => {
      if (chosen[n] !== inferred[n])
        evidence.push({
          field: `${side}.implementation`,
          why: `${chosen[n]} rather than ${inferred[n]}: with it the simulated messages match the real ones (${best!.differences.length} differences left instead of more)`,
        });
    });
  }
  return { config: best.config, evidence, limits, run: best.run, differences: best.differences };
}
