// The links the console itself shows that open in the user's browser (Electron's
// setWindowOpenHandler opens only these, exactly as written). Empty today: the app shows no
// outside link. Add one here when a screen links out.
export const EXTERNAL_LINKS: readonly string[] = [];

export function isAllowedExternalLink(url: string, list: readonly string[] = EXTERNAL_LINKS): boolean {
  return list.includes(url) && url.startsWith('https://');
}
