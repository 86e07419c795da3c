import { useSimulationStore } from '../../store/simulation';
import { Rules } from './Rules';
import type { StepView } from './useStepViews';

/**
 * What happened at this step and why: each rule that fired, quoted with its spec section. In
 * presenter mode (`scrolls`) it scrolls within the screen, so it can be focused to scroll by keys.
 */
export function Narrative({
  views,
  index,
  scrolls = false,
}: {
  views: StepView[];
  index: number;
  scrolls?: boolean;
}) {
  const run = useSimulationStore((s) => s.run);
  const showDelivered = useSimulationStore((s) => s.showDelivered);
  const setShowDelivered = useSimulationStore((s) => s.setShowDelivered);
  const view = views[index];
  if (!view || !run) return null;
  const { step, label } = view;

  return (
    <section className="narrative" aria-label="Narrative" tabIndex={scrolls ? 0 : undefined}>
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
    </section>
  );
}
