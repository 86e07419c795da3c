import { useEffect } from 'react';
import type { PlaybackStore } from '../../store/playback';

/** Where keys belong to the focused control (typing, a native button, the tree's own arrows). */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable="true"]')) return true;
  if (key === ' ' && target.closest('button, a, summary, [role="button"], [role="tab"]'))
    return true;
  if (target.closest('[role="tree"], [role="tablist"], [role="slider"]')) return true;
  // A diagram wider than its box (on a phone) scrolls sideways with the arrows.
  const canvas = target.closest('.sequence-canvas');
  return !!canvas && key.startsWith('Arrow') && canvas.scrollWidth > canvas.clientWidth;
}

/** Space plays or pauses; ← and → step. Active while the view is shown. */
export function usePlaybackKeys(store: PlaybackStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (ownsKey(e.target, e.key)) return;
      const actions = store.getState();
      const handlers: Record<string, () => void> = {
        ' ': actions.toggle,
        ArrowLeft: actions.previous,
        ArrowRight: actions.next,
      };
      const handle = handlers[e.key];
      if (!handle) return;
      e.preventDefault();
      handle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
