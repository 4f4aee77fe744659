// Light or dark: the OS setting by default, or the supervisor's pick, remembered on this computer.
// The pick is an attribute on <html> that the style sheet reads (styles/base.css).
import { createStore } from 'zustand/vanilla';
import { readChoice, saveChoice } from './local-choice';

export type Theme = 'system' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const KEY = 'lead-console-theme';

export interface ThemeState {
  theme: Theme;
  setTheme(theme: Theme): void;
}

function apply(theme: Theme): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export function createThemeStore() {
  const initial = readChoice(KEY, THEMES, 'system');
  apply(initial);
  return createStore<ThemeState>()((set) => ({
    theme: initial,
    setTheme(theme) {
      apply(theme);
      saveChoice(KEY, theme);
      set({ theme });
    },
  }));
}
export type ThemeStore = ReturnType<typeof createThemeStore>;
