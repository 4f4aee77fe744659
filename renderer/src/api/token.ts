// Browser mode: the per-run token arrives once in the URL fragment (`#token=…`). Keep it in
// sessionStorage (survives a reload of this tab, not other tabs) and take it out of the address
// bar so it is not bookmarked, shared or left in history.
import { TOKEN_FRAGMENT_KEY } from '../../../shared/ipc/http-protocol';

const STORAGE_KEY = 'lead-console-token';

export function takeTokenFromLocation(win: Window = window): string | null {
  const hash = win.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash);
  const fromHash = params.get(TOKEN_FRAGMENT_KEY);
  if (fromHash) {
    try {
      win.sessionStorage.setItem(STORAGE_KEY, fromHash);
    } catch {
      // Storage disabled: the token still works for this page load.
    }
    params.delete(TOKEN_FRAGMENT_KEY);
    const rest = params.toString();
    const url = win.location.pathname + win.location.search + (rest ? `#${rest}` : '');
    win.history.replaceState(null, '', url);
    return fromHash;
  }
  try {
    return win.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
