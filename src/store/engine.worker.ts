/// <reference lib="webworker" />
import { computeRun } from './engine-run';
import type { EngineReply, EngineRequest } from './engine-runner';
import { prederiveKeys } from './prederive-keys';

/**
 * Runs the simulation engine off the main thread; one reply per request, in order. The engine is
 * synchronous; the string-to-key it needs is derived first with WebCrypto (prederive-keys.ts).
 */
let queue: Promise<void> = Promise.resolve();

self.onmessage = (e: MessageEvent<EngineRequest>) => {
  const { id, config } = e.data;
  queue = queue.then(async () => {
    await prederiveKeys(config);
    let reply: EngineReply;
    try {
      reply = { id, run: computeRun(config) };
    } catch (err) {
      reply = { id, error: err instanceof Error ? err.message : String(err) };
    }
    self.postMessage(reply);
  });
};
