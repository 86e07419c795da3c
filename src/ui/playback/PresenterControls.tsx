import { TEXT_SIZES, useSettingsStore, type TextSize } from '../../store/settings';

/**
 * Presenter mode (the lesson on one screen, in the link), future steps hidden until reached, and
 * the text size (kept like the theme). The browser's own zoom still applies on top.
 */
export function PresenterControls() {
  const presenter = useSettingsStore((s) => s.presenter);
  const setPresenter = useSettingsStore((s) => s.setPresenter);
  const hideFuture = useSettingsStore((s) => s.hideFuture);
  const setHideFuture = useSettingsStore((s) => s.setHideFuture);
  const textSize = useSettingsStore((s) => s.textSize);
  const setTextSize = useSettingsStore((s) => s.setTextSize);

  return (
    <div className="presenter-controls" role="group" aria-label="Presentation">
      <button
        type="button"
        className="tool-button"
        aria-pressed={presenter}
        onClick={() => setPresenter(!presenter)}
      >
        Presenter mode
      </button>
      <label className="check">
        <input
          type="checkbox"
          checked={hideFuture}
          onChange={(e) => setHideFuture(e.target.checked)}
        />{' '}
        Hide future steps
      </label>
      <select
        className="text-size"
        aria-label="Text size"
        value={textSize}
        onChange={(e) => setTextSize(Number(e.target.value) as TextSize)}
      >
        {TEXT_SIZES.map((size) => (
          <option key={size} value={size}>
            Text {Math.round(size * 100)}%
          </option>
        ))}
      </select>
    </div>
  );
}
