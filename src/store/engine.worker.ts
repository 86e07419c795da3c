/// <reference lib="webworker" />
import { computeRun } from './engine-run';
import type { EngineReply, EngineRequest } from './engine-runner';

/** Runs the simulation engine off the main thread; one reply per request, in order. */
self.onmessage = (e: MessageEvent<EngineRequest>) => {
  const { id, config } = e.data;
  let reply: EngineReply;
  try {
    reply = { id, run: computeRun(config) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
};
