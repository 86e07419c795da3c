import type { KeyboardEvent } from 'react';
import type { View } from '../store/link';
import { useViewStore } from '../store/view';

const VIEWS: { id: View; label: string }[] = [
  { id: 'simulate', label: 'Simulate' },
  { id: 'decode', label: 'Decode' },
  { id: 'lesson', label: 'Lesson' },
  { id: 'differences', label: 'Differences' },
];

export const VIEW_PANEL_ID = 'view-panel';
export const viewTabId = (view: View) => `view-tab-${view}`;

/** The views as tabs (arrow keys move between them, as the ARIA tabs pattern expects). */
export function ViewTabs() {
  const view = useViewStore((s) => s.view);
  const setView = useViewStore((s) => s.setView);

  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const move = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!move) return;
    e.preventDefault();
    const next = VIEWS[(i + move + VIEWS.length) % VIEWS.length].id;
    setView(next);
    document.getElementById(viewTabId(next))?.focus();
  };

  return (
    <div className="views" role="tablist" aria-label="Views">
      {VIEWS.map((v, i) => (
        <button
          key={v.id}
          id={viewTabId(v.id)}
          type="button"
          role="tab"
          className="view-button"
          aria-selected={view === v.id}
          aria-controls={VIEW_PANEL_ID}
          tabIndex={view === v.id ? 0 : -1}
          onClick={() => setView(v.id)}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}
