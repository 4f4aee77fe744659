// The supervisor's choice: which statuses, to what, with or without a dial-count reset and the
// final-status override; every change asks the back end for the exact count again.
import type { RecycleRequest } from '../../../../shared/types/recycling';
import { latestOnly } from '../latest';
import type { RecyclingDeps, RecyclingSlice, RecyclingState, SelectionSlice } from './recycling-state';
import { isRecyclableWord, mayPick, needsOverride, sameStatus } from './recycling-rules';

export const MIN_REASON = 3;
/** Wait for the supervisor to stop clicking before asking for an exact count. */
const PREVIEW_DELAY_MS = 200;

/** The form as it opens: nothing chosen, recycle to `new`, dial counts kept, no override. */
const EMPTY_CHOICE = {
  selection: [],
  targetStatus: 'new',
  resetDialCount: false,
  override: false,
  overrideReason: '',
  willChange: 0,
} satisfies Partial<SelectionSlice>;

/** The choice as the back end takes it, for the preview and for the recycle itself. */
export function recycleRequest(s: RecyclingState): RecycleRequest {
  return {
    listId: s.listId!,
    statuses: s.selection,
    targetStatus: s.targetStatus,
    resetDialCount: s.resetDialCount,
    ...(s.override && s.overrideReason.trim().length >= MIN_REASON ? { finalOverride: { reason: s.overrideReason.trim() } } : {}),
  };
}

export function createSelectionSlice({ client, report }: RecyclingDeps): RecyclingSlice<SelectionSlice> {
  return (set, get) => {
    const preview = latestOnly();
    let timer: ReturnType<typeof setTimeout> | null = null;

    const cancelPreview = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      preview.restart();
    };

    // Only the answer for the latest choice counts.
    const schedulePreview = () => {
      cancelPreview();
      if (get().selection.length === 0 || get().listId === null) {
        set({ willChange: 0 });
        return;
      }
      set({ willChange: null });
      timer = setTimeout(() => {
        timer = null;
        preview
          .run(() => client.call('recycling/preview', recycleRequest(get())), (p) => set({ willChange: p.will_change }))
          .catch((err: unknown) => report('Counting the leads to recycle', err));
      }, PREVIEW_DELAY_MS);
    };

    return {
      ...EMPTY_CHOICE,
      toggle(status) {
        const { selection, override } = get();
        if (selection.some((s) => sameStatus(s, status))) {
          set({ selection: selection.filter((s) => !sameStatus(s, status)) });
        } else if (mayPick(status, override)) {
          set({ selection: [...selection, status] });
        }
        schedulePreview();
      },
      selectRecyclable() {
        const rows = get().breakdown?.statuses ?? [];
        set({ selection: rows.filter((r) => isRecyclableWord(r.status)).map((r) => r.status) });
        schedulePreview();
      },
      clearSelection() {
        set({ selection: [] });
        schedulePreview();
      },
      setTarget(targetStatus) {
        set({ targetStatus });
        schedulePreview();
      },
      setResetDialCount(resetDialCount) {
        set({ resetDialCount });
        schedulePreview();
      },
      setOverride(override) {
        // Turning the override off takes the final statuses back out of the selection.
        set({ override, selection: override ? get().selection : get().selection.filter((s) => !needsOverride(s)) });
        schedulePreview();
      },
      setOverrideReason(overrideReason) {
        set({ overrideReason });
        schedulePreview();
      },
      resetChoice() {
        cancelPreview();
        set(EMPTY_CHOICE);
      },
    };
  };
}
