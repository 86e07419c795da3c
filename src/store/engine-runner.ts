import type { Outcome, Rule, SimConfig, Step } from '../protocol';
import type { Holdings } from '../protocol/types';
import type { StepDecoding } from './engine-run';

/** What the UI keeps of a run: every step (with its bytes and both sides' holdings) and the end. */
export interface SimRun {
  config: SimConfig;
  steps: Step[];
  outcome: Outcome;
  closingRules: Rule[];
  /** What each side holds once the last message has been received and processed. */
  final: { initiator: Holdings; acceptor: Holdings };
  /** Each step's tokens decoded (in the worker, like the run itself), in step order. */
  decoded: StepDecoding[];
}

export type Runner = (config: SimConfig) => Promise<SimRun>;

export type EngineRequest = { id: number; config: SimConfig };
export type EngineReply = { id: number; run: SimRun } | { id: number; error: string };

const createWorker = () =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });

let early: Worker | null = null;

/**
 * Starts the engine's worker ahead of the first run: fetching, compiling and starting it takes
 * longer than the run itself, and can happen while the page's own modules evaluate.
 */
export function prestartEngine(): void {
  early ??= createWorker();
}

/**
 * Runs the engine in a worker, where the run's tokens are also decoded: neither the engine nor the
 * decoder loads in the page, and a long run never freezes it. The worker derives a run's
 * Kerberos keys with WebCrypto before running the (synchronous) engine.
 */
export function workerRunner(): Runner {
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve(run: SimRun): void; reject(e: Error): void }>();

  const start = (): Worker => {
    const w = early ?? createWorker();
    early = null;
    w.onmessage = (e: MessageEvent<EngineReply>) => {
      const reply = e.data;
      const entry = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!entry) return;
      // For the speed budget (bench:web): when a run arrives, against mermaid being ready.
      performance.mark('engine-run');
      if ('run' in reply) entry.resolve(reply.run);
      else entry.reject(new Error(reply.error));
    };
    w.onerror = (e) => {
      e.preventDefault();
      for (const entry of waiting.values()) entry.reject(new Error(e.message || 'engine failed'));
      waiting.clear();
      worker = null;
    };
    return w;
  };

  return (config) =>
    new Promise<SimRun>((resolve, reject) => {
      worker ??= start();
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, config } satisfies EngineRequest);
    });
}
