/// <reference lib="webworker" />
import { runExchange, validateConfig } from '../protocol';
import { holdings } from '../protocol/spnego/step';
import type { EngineReply, EngineRequest } from './engine-runner';

/** Runs the simulation engine off the main thread; one reply per request, in order. */
self.onmessage = (e: MessageEvent<EngineRequest>) => {
  const { id, config } = e.data;
  let reply: EngineReply;
  try {
    const problems = validateConfig(config);
    if (problems.length) throw new Error(`invalid configuration: ${problems.join('; ')}`);
    const { steps, outcome, closingRules, final } = runExchange(config);
    reply = {
      id,
      run: {
        config,
        steps,
        outcome,
        closingRules,
        final: { initiator: holdings(final.initiator), acceptor: holdings(final.acceptor) },
      },
    };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
};
