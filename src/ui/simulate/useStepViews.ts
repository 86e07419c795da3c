import { useMemo } from 'react';
import { decodeToken, type Issue, type Node } from '../../codec';
import type { Step } from '../../protocol';
import { useSimulationStore } from '../../store/simulation';
import { messageLabelParts, type MessageLabel } from '../../codec/describe';

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

function decoded(bytes: Uint8Array): DecodedBytes {
  const { root, errors } = decodeToken(bytes);
  return { bytes, root, errors };
}

/** Every step of the current run, decoded once per run (tree identity stays stable across renders). */
export function useStepViews(): StepView[] {
  const run = useSimulationStore((s) => s.run);
  return useMemo(
    () =>
      run?.steps.map((step) => {
        const sent = decoded(step.token);
        return {
          step,
          sent,
          delivered: step.delivered ? decoded(step.delivered) : null,
          label: messageLabelParts(sent.root),
        };
      }) ?? [],
    [run],
  );
}
