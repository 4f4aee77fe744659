// Light or dark: the OS setting by default, or the supervisor's pick, remembered on this computer.
// The pick is an attribute on <html> that the style sheet reads (styles/base.css).
import { createStore } from 'zustand/vanilla';

export type Theme = 'system' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const KEY = 'lead-console-theme';

export interface ThemeState {
  theme: Theme;
  setTheme(theme: Theme): void;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // A page whose storage is blocked still works; the pick just is not remembered.
    return null;
  }
}

function apply(theme: Theme): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export function createThemeStore() {
  const saved = storage()?.getItem(KEY);
  const initial: Theme = THEMES.includes(saved as Theme) ? (saved as Theme) : 'system';
  apply(initial);
  return createStore<ThemeState>()((set) => ({
    theme: initial,
    setTheme(theme) {
      apply(theme);
      try {
        storage()?.setItem(KEY, theme);
      } catch {
        // Storage full or blocked: the pick holds until the window closes.
      }
      set({ theme });
    },
  }));
}
export type ThemeStore = ReturnType<typeof createThemeStore>;
