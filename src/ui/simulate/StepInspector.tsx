import { useSimulationStore } from '../../store/simulation';
import { Inspector } from '../inspector/Inspector';
import type { StepView } from './useStepViews';

/** The current message's token in the inspector: the bytes sent, or those the peer received. */
export function StepInspector({ view, index }: { view: StepView | undefined; index: number }) {
  const showDelivered = useSimulationStore((s) => s.showDelivered);
  if (!view) return null;
  const shown = showDelivered && view.delivered ? view.delivered : view.sent;
  const which = shown === view.delivered ? ' (as received, after tampering)' : '';
  return (
    <Inspector
      root={shown.root}
      bytes={shown.bytes}
      errors={shown.errors}
      direction={view.step.from}
      header={shown === view.sent ? view.step.header : undefined}
      title={`Message ${index + 1} · ${view.step.from === 'initiator' ? 'Client → Server' : 'Server → Client'}${which}`}
    />
  );
}
