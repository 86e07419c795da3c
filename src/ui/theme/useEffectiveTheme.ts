import { useSyncExternalStore } from 'react';
import { useSettingsStore } from '../../store/settings';

export type Theme = 'light' | 'dark';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

const systemIsDark = () => window.matchMedia(QUERY).matches;

/** The theme actually shown: the user's choice, or the system's when they chose "system". */
export function useEffectiveTheme(): Theme {
  const choice = useSettingsStore((s) => s.theme);
  const dark = useSyncExternalStore(subscribe, systemIsDark);
  if (choice === 'system') return dark ? 'dark' : 'light';
  return choice;
}
