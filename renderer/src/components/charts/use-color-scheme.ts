// The scheme a chart draws in: the supervisor's pick in the header, else the OS setting, and
// always light while printing (paper is white, whatever the screen shows).
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useSlice } from '../../stores/stores';
import type { Scheme } from './chart-palette';

function query(q: string): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(q) : null;
}

export function useColorScheme(): Scheme {
  const theme = useSlice((s) => s.theme, (s) => s.theme);
  const [osDark, setOsDark] = useState(() => query('(prefers-color-scheme: dark)')?.matches ?? false);
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const dark = query('(prefers-color-scheme: dark)');
    const onDark = (e: MediaQueryListEvent) => setOsDark(e.matches);
    dark?.addEventListener('change', onDark);
    // Synchronously: the browser lays the page out for paper right after this event returns.
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      dark?.removeEventListener('change', onDark);
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  if (printing) return 'light';
  if (theme === 'system') return osDark ? 'dark' : 'light';
  return theme;
}
