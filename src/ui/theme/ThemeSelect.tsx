import { useEffect } from 'react';
import { useSettingsStore, type ThemeChoice } from '../../store/settings';
import { useEffectiveTheme } from './useEffectiveTheme';

const CHOICES: { id: ThemeChoice; label: string }[] = [
  { id: 'system', label: 'System theme' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

/** Light, dark, or whatever the system says; the page's colours follow through `data-theme`. */
export function ThemeSelect() {
  const theme = useSettingsStore((s) => s.theme);
  const setTheme = useSettingsStore((s) => s.setTheme);
  const effective = useEffectiveTheme();

  useEffect(() => {
    document.documentElement.dataset.theme = effective;
  }, [effective]);

  return (
    <select
      className="theme-select"
      aria-label="Theme"
      value={theme}
      onChange={(e) => setTheme(e.target.value as ThemeChoice)}
    >
      {CHOICES.map((c) => (
        <option key={c.id} value={c.id}>
          {c.label}
        </option>
      ))}
    </select>
  );
}
