// A choice the supervisor made (theme, cards or table), remembered on this computer. A page
// whose storage is blocked still works; the choice then lasts until the window closes.
export function readChoice<T extends string>(key: string, values: readonly T[], fallback: T): T {
  try {
    const saved = globalThis.localStorage?.getItem(key);
    return values.includes(saved as T) ? (saved as T) : fallback;
  } catch {
    return fallback;
  }
}

export function saveChoice(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage full or blocked: see above.
  }
}
