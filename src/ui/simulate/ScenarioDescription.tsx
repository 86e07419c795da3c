import { useState } from 'react';

/** What to watch for in this scenario; on a phone it folds to three lines until asked. */
export function ScenarioDescription({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className={`scenario-description${open ? '' : ' clamped'}`}>
      <p>{text}</p>
      <button
        type="button"
        className="link-button more-button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Less' : 'More'}
      </button>
    </div>
  );
}
