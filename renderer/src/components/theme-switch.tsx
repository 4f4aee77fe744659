// The header's light/dark switch: follow the OS, or always light, or always dark.
import { useSlice, useStores } from '../stores/stores';
import type { Theme } from '../stores/theme-store';

const LABEL: Record<Theme, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

export function ThemeSwitch() {
  const { theme } = useStores();
  const current = useSlice((s) => s.theme, (s) => s.theme);
  return (
    <label className="theme-switch">
      Theme
      <select value={current} onChange={(e) => theme.getState().setTheme(e.target.value as Theme)}>
        {(Object.keys(LABEL) as Theme[]).map((t) => (
          <option key={t} value={t}>
            {LABEL[t]}
          </option>
        ))}
      </select>
    </label>
  );
}
