// A lead the fill may queue, as the selection reads it (lead-selection.ts, ordered-selection.ts).
export interface Candidate {
  id: number;
  status: string | null;
  last_dial_attempt: string | null;
  /** The hopper priority it is queued at (dropped: high, due callback: callback, else normal). */
  priority?: number;
}
