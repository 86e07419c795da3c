import { useSimulationStore } from '../../store/simulation';
import { Outcome } from './Outcome';
import { Rules } from './Rules';
import type { StepView } from './useStepViews';

/** What happened at this step and why: each rule that fired, quoted with its spec section. */
export function Narrative({ views, index }: { views: StepView[]; index: number }) {
  const run = useSimulationStore((s) => s.run);
  const showDelivered = useSimulationStore((s) => s.showDelivered);
  const setShowDelivered = useSimulationStore((s) => s.setShowDelivered);
  const view = views[index];
  if (!view || !run) return null;
  const { step, label } = view;
  const last = index === views.length - 1;

  return (
    <section className="narrative" aria-label="What happened">
      <h2 className={`narrative-title from-${step.from}`}>
        <span className="direction">
          {step.from === 'initiator' ? 'Client → Server' : 'Server → Client'}
        </span>{' '}
        {[label.envelope, ...label.inner].join(' + ')}
      </h2>
      {view.delivered && (
        <p className="mitm">
          A man in the middle changed this message on its way: the server received different bytes.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => setShowDelivered(!showDelivered)}
          >
            {showDelivered ? 'Inspect the bytes sent' : 'Inspect the bytes received'}
          </button>
        </p>
      )}
      <Rules rules={step.rules} />
      {last && <Outcome run={run} />}
    </section>
  );
}
