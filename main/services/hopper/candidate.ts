// A lead the fill may queue, as the selection reads it (lead-selection.ts, ordered-selection.ts),
// and how many index-ordered streams one of their statements merges.

/** SQLite takes at most 500 terms in one compound SELECT: more streams go in several statements (or one walk). */
export const MAX_STREAMS_PER_STATEMENT = 400;

export interface Candidate {
  id: number;
  status: string | null;
  last_dial_attempt: string | null;
  /** Read by the streamed orders (lead-selection.ts), which merge on it. */
  dial_attempts?: number;
  /** The hopper priority it is queued at (dropped: high, due callback: callback, else normal). */
  priority?: number;
}
