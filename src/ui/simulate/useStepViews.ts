import { useMemo } from 'react';
import type { MessageLabel } from '../../codec/describe';
import type { Issue, Node } from '../../codec/tree';
import type { Step } from '../../protocol';
import { useSimulationStore } from '../../store/simulation';

export interface DecodedBytes {
  bytes: Uint8Array;
  root: Node;
  errors: Issue[];
}

/** A step with its token decoded for the inspector and named for the diagram. */
export interface StepView {
  step: Step;
  sent: DecodedBytes;
  /** What the peer received, when a man in the middle changed the bytes. */
  delivered: DecodedBytes | null;
  label: MessageLabel;
}

/**
 * Every step of the current run with the trees the worker decoded (the page itself never loads the
 * decoder for the simulator); tree identity stays stable across renders.
 */
export function useStepViews(): StepView[] {
  const run = useSimulationStore((s) => s.run);
  return useMemo(
    () =>
      run?.steps.map((step, i) => {
        const { sent, delivered, label } = run.decoded[i];
        return {
          step,
          sent: { bytes: step.token, ...sent },
          delivered: step.delivered && delivered ? { bytes: step.delivered, ...delivered } : null,
          label,
        };
      }) ?? [],
    [run],
  );
}
