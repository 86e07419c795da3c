import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';

/** Text sizes offered, as multiples of the page's base size (the browser's zoom applies on top). */
export const TEXT_SIZES = [1, 1.15, 1.3, 1.5] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/**
 * Preferences that outlive a visit — the theme and the text size (kept in localStorage, never
 * sent anywhere) — and how the simulator is shown now: presenter mode and hidden future steps
 * (carried by the link instead, so that a prepared lesson opens as it was set up).
 */
export interface SettingsState {
  theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
  textSize: TextSize;
  setTextSize(size: TextSize): void;
  /** Presenter mode: the diagram, the narrative and the outcome, without configuration chrome. */
  presenter: boolean;
  setPresenter(on: boolean): void;
  /** Messages after the current one are not drawn until reached. */
  hideFuture: boolean;
  setHideFuture(on: boolean): void;
}

const KEY = 'spnego-lab.theme';
const TEXT_KEY = 'spnego-lab.text-size';

function stored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Storage can be disabled; the choice then lasts for this visit only. */
function store(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // Nothing to do: the in-memory state still holds the choice.
  }
}

function storedTheme(): ThemeChoice {
  const value = stored(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

function storedTextSize(): TextSize {
  const value = Number(stored(TEXT_KEY));
  return TEXT_SIZES.find((s) => s === value) ?? 1;
}

/** The page's rem grows with the choice (styles.css and presenter.css read --text-scale). */
function applyTextSize(size: TextSize): void {
  globalThis.document?.documentElement.style.setProperty('--text-scale', String(size));
}

export const useSettingsStore = create<SettingsState>((set) => {
  const textSize = storedTextSize();
  applyTextSize(textSize);
  return {
    theme: storedTheme(),
    setTheme: (theme) => {
      store(KEY, theme === 'system' ? null : theme);
      set({ theme });
    },
    textSize,
    setTextSize: (size) => {
      store(TEXT_KEY, size === 1 ? null : String(size));
      applyTextSize(size);
      set({ textSize: size });
    },
    presenter: false,
    setPresenter: (presenter) => set({ presenter }),
    hideFuture: false,
    setHideFuture: (hideFuture) => set({ hideFuture }),
  };
});
