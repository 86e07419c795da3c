import { useEffect } from 'react';
import type { PlaybackStore } from '../../store/playback';

/** Inputs where every key is typing (or a caret's move): the one place the step keys stand back. */
const TEXT_FIELD =
  'textarea, [contenteditable=""], [contenteditable="true"], input:not([type]), ' +
  'input[type="text"], input[type="number"], input[type="search"], input[type="email"], ' +
  'input[type="password"], input[type="url"], input[type="tel"], input[type="date"], ' +
  'input[type="datetime-local"], input[type="time"]';

/**
 * Where a key keeps its own meaning. Everywhere else the step keys step — with the Scenario or
 * Speed box focused too, where → would otherwise pick another option, since a presenter's clicker
 * (PageDown/PageUp) or arrow must never change the scenario under the audience.
 */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest(TEXT_FIELD)) return true;
  // Space activates the focused button, link, checkbox or tab (what a keyboard user expects).
  if (
    key === ' ' &&
    target.closest(
      'button, a, summary, input, [role="button"], [role="tab"], [role="checkbox"], [role="treeitem"]',
    )
  )
    return true;
  // A tree, the view tabs and a slider move with their own arrows, Home and End (ARIA patterns).
  if (
    !key.startsWith('Page') &&
    key !== ' ' &&
    target.closest('[role="tree"], [role="tablist"], [role="slider"]')
  )
    return true;
  // A diagram wider than its box (on a phone) scrolls sideways with the arrows.
  const canvas = target.closest('.sequence-canvas');
  return !!canvas && key.startsWith('Arrow') && canvas.scrollWidth > canvas.clientWidth;
}

/**
 * Space plays or pauses; ← and → step. With `pageKeys` (the simulator, which a lecturer projects)
 * a clicker's PageUp and PageDown step too and Home and End go to the first and last step; a view
 * read by scrolling (the decoder's long inspector) leaves those keys to the page. Active while the
 * view is shown; listened to before the focused element sees the key, so that a select's own
 * arrow handling does not run first.
 */
export function usePlaybackKeys(store: PlaybackStore, { pageKeys = false } = {}): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (ownsKey(e.target, e.key)) return;
      const actions = store.getState();
      const handlers: Record<string, () => void> = {
        ' ': actions.toggle,
        ArrowLeft: actions.previous,
        ArrowRight: actions.next,
        ...(pageKeys
          ? {
              PageUp: actions.previous,
              PageDown: actions.next,
              Home: actions.first,
              End: actions.last,
            }
          : {}),
      };
      const handle = handlers[e.key];
      if (!handle) return;
      e.preventDefault();
      handle();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [store, pageKeys]);
}
