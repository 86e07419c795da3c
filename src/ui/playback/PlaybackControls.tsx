import { SPEEDS, usePlayback, type PlaybackStore, type Speed } from '../../store/playback';
import { Icon } from '../common/Icon';

/** Start, previous, play/pause, next, end, speed, and where we are. */
export function PlaybackControls({
  store,
  noun = 'Step',
}: {
  store: PlaybackStore;
  noun?: string;
}) {
  const index = usePlayback(store, (s) => s.index);
  const count = usePlayback(store, (s) => s.count);
  const playing = usePlayback(store, (s) => s.playing);
  const speed = usePlayback(store, (s) => s.speed);
  const actions = store.getState();
  const atStart = index <= 0;
  const atEnd = index >= count - 1;

  return (
    <div className="playback" role="group" aria-label="Playback">
      <button
        type="button"
        className="icon-button"
        aria-label="Go to start"
        title="Go to start"
        disabled={atStart}
        onClick={actions.first}
      >
        <Icon name="first" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Previous step"
        title="Previous step (←)"
        disabled={atStart}
        onClick={actions.previous}
      >
        <Icon name="previous" />
      </button>
      <button
        type="button"
        className="icon-button primary"
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (space)' : 'Play (space)'}
        disabled={count < 2}
        onClick={actions.toggle}
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Next step"
        title="Next step (→)"
        disabled={atEnd}
        onClick={actions.next}
      >
        <Icon name="next" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Go to end"
        title="Go to end"
        disabled={atEnd}
        onClick={actions.last}
      >
        <Icon name="last" />
      </button>
      <select
        className="speed"
        aria-label="Speed"
        value={speed}
        onChange={(e) => actions.setSpeed(Number(e.target.value) as Speed)}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <span className="step-counter" aria-live="polite">
        {count > 0 ? `${noun} ${index + 1} of ${count}` : `No ${noun.toLowerCase()}s`}
      </span>
    </div>
  );
}
