import { messageLabelParts, type MessageLabel } from '../codec/describe';
import { decodeToken } from '../codec/token';
import type { Issue, Node } from '../codec/tree';
import { runExchange, validateConfig, type SimConfig } from '../protocol';
import { holdings } from '../protocol/spnego/step';
import type { SimRun } from './engine-runner';

/** A token's decoded tree, as the inspector shows it. */
export interface DecodedTree {
  root: Node;
  errors: Issue[];
}

/** What the page shows of a step besides its bytes: both trees and the diagram's label. */
export interface StepDecoding {
  sent: DecodedTree;
  /** What the peer received, when a man in the middle changed the bytes. */
  delivered: DecodedTree | null;
  label: MessageLabel;
}

function tree(bytes: Uint8Array): DecodedTree {
  const { root, errors } = decodeToken(bytes);
  return { root, errors };
}

/**
 * Runs the engine and decodes every token it sent. Both happen where this is called (the worker):
 * the page receives finished trees and never loads the decoder for the simulator.
 */
export function computeRun(config: SimConfig): SimRun {
  const problems = validateConfig(config);
  if (problems.length) throw new Error(`invalid configuration: ${problems.join('; ')}`);
  const { steps, outcome, closingRules, final } = runExchange(config);
  return {
    config,
    steps,
    outcome,
    closingRules,
    final: { initiator: holdings(final.initiator), acceptor: holdings(final.acceptor) },
    decoded: steps.map((step) => {
      const sent = tree(step.token);
      return {
        sent,
        delivered: step.delivered ? tree(step.delivered) : null,
        label: messageLabelParts(sent.root),
      };
    }),
  };
}
