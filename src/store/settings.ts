import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';

/** Preferences that outlive a visit: the theme (kept in localStorage, never sent anywhere). */
export interface SettingsState {
  theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
}

const KEY = 'spnego-lab.theme';

function storedTheme(): ThemeChoice {
  try {
    const value = globalThis.localStorage?.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export const useSettingsStore = create<SettingsState>((set) => ({
  theme: storedTheme(),
  setTheme: (theme) => {
    try {
      if (theme === 'system') globalThis.localStorage?.removeItem(KEY);
      else globalThis.localStorage?.setItem(KEY, theme);
    } catch {
      // Storage can be disabled; the choice then lasts for this visit only.
    }
    set({ theme });
  },
}));
