// "← Newer · Page N · Older →" under a table paged newest first (keyset: the store keeps the
// cursors of the pages before, so Newer goes back one).
export interface PagerProps {
  label: string;
  /** 1 for the newest page. */
  page: number;
  hasOlder: boolean;
  busy?: boolean;
  onNewer(): void;
  onOlder(): void;
}

export function Pager({ label, page, hasOlder, busy = false, onNewer, onOlder }: PagerProps) {
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={onNewer} disabled={busy || page === 1}>
        ← Newer
      </button>
      <span className="hint">Page {page}</span>
      <button type="button" onClick={onOlder} disabled={busy || !hasOlder}>
        Older →
      </button>
    </nav>
  );
}
