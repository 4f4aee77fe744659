// Scheduled jobs: their schedules and switches, their runs, live from job events.
import { createStore } from 'zustand/vanilla';
import type { JobInfo, JobName, JobOutcome, JobRun } from '../../../shared/types/jobs';
import type { ReconcilePreview } from '../../../shared/types/status';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';

/** Runs per page of the history. */
export const HISTORY_PAGE = 50;

/** A job whose "Run now" asks first, with what it would do: it changes leads across every list. */
export const CONFIRMED_JOBS: readonly JobName[] = ['reconcile_lead_status'];

type Cursor = { started_at: string; id: number };

export interface JobsState {
  jobs: JobInfo[];
  history: JobRun[];
  /** Runs in progress, by job, from `jobs/run-started` until `jobs/run-finished`. */
  running: Partial<Record<JobName, { run_id: number; started_at: string }>>;
  loading: boolean;
  /** The first load answered: until then the screen says it is loading, not "no run yet". */
  loaded: boolean;
  historyFilter: JobName | null;
  historyOutcome: JobOutcome | null;
  /** The cursors of the pages before this one (empty: the newest page). */
  historyPages: Cursor[];
  /** There is an older page. */
  historyHasOlder: boolean;
  /** "Run now" waiting for a confirmation; `preview` null while the dry run is counted. */
  confirming: { job: JobName; preview: ReconcilePreview | null } | null;
  load(): Promise<void>;
  loadHistory(job?: JobName | null): Promise<void>;
  setHistoryOutcome(outcome: JobOutcome | null): Promise<void>;
  olderHistory(): Promise<void>;
  newerHistory(): Promise<void>;
  /** Runs the job, or for a confirmed job first shows what it would do. */
  askRunNow(job: JobName): Promise<void>;
  confirmRunNow(): Promise<void>;
  cancelRunNow(): void;
  runNow(job: JobName): Promise<void>;
  setEnabled(job: JobName, enabled: boolean): Promise<void>;
  setSchedule(job: JobName, schedule: string): Promise<boolean>;
}

export function createJobsStore(client: ApiClient, app: AppStore) {
  const store = createStore<JobsState>()((set, get) => {
    const report = (context: string, err: unknown) => app.getState().reportError(context, err, 'jobs');
    const replaceJob = (info: JobInfo) => set({ jobs: get().jobs.map((j) => (j.job === info.job ? info : j)) });
    /** One page after `before` (one run more than a page: whether there is an older one). */
    const fetchPage = async (before: Cursor | undefined) => {
      const { historyFilter: job, historyOutcome: outcome } = get();
      const runs = await client.call('jobs/history', { limit: HISTORY_PAGE + 1, ...(job ? { job } : {}), ...(outcome ? { outcome } : {}), ...(before ? { before } : {}) });
      return { history: runs.slice(0, HISTORY_PAGE), historyHasOlder: runs.length > HISTORY_PAGE };
    };
    const showPage = async (pages: Cursor[]) => {
      try {
        set({ ...(await fetchPage(pages.at(-1))), historyPages: pages });
      } catch (err) {
        report('Loading the run history', err);
      }
    };
    return {
      jobs: [],
      history: [],
      running: {},
      loading: false,
      loaded: false,
      historyFilter: null,
      historyOutcome: null,
      historyPages: [],
      historyHasOlder: false,
      confirming: null,
      async load() {
        set({ loading: true });
        try {
          const [jobs, page] = await Promise.all([client.call('jobs/list', {}), fetchPage(undefined)]);
          set({ jobs, ...page, historyPages: [], loaded: true });
        } catch (err) {
          report('Loading the jobs', err);
        } finally {
          set({ loading: false });
        }
      },
      async loadHistory(job = get().historyFilter) {
        set({ historyFilter: job ?? null });
        await showPage([]);
      },
      async setHistoryOutcome(outcome) {
        set({ historyOutcome: outcome });
        await showPage([]);
      },
      async olderHistory() {
        const last = get().history.at(-1);
        if (!last || !get().historyHasOlder) return;
        await showPage([...get().historyPages, { started_at: last.started_at, id: last.id }]);
      },
      async newerHistory() {
        await showPage(get().historyPages.slice(0, -1));
      },
      async askRunNow(job) {
        if (!CONFIRMED_JOBS.includes(job)) return get().runNow(job);
        set({ confirming: { job, preview: null } });
        try {
          const preview = await client.call('jobs/preview-reconcile', {});
          if (get().confirming?.job === job) set({ confirming: { job, preview } });
        } catch (err) {
          set({ confirming: null });
          report(`Checking what ${job} would do`, err);
        }
      },
      async confirmRunNow() {
        const c = get().confirming;
        set({ confirming: null });
        if (c) await get().runNow(c.job);
      },
      cancelRunNow() {
        set({ confirming: null });
      },
      async runNow(job) {
        try {
          const run = await client.call('jobs/run-now', { job });
          finished(run);
        } catch (err) {
          report(`Running ${job}`, err);
        }
      },
      async setEnabled(job, enabled) {
        try {
          replaceJob(await client.call('jobs/set', { job, enabled }));
        } catch (err) {
          report(`${enabled ? 'Enabling' : 'Disabling'} ${job}`, err);
        }
      },
      async setSchedule(job, schedule) {
        try {
          replaceJob(await client.call('jobs/set', { job, schedule }));
          return true;
        } catch (err) {
          report(`Changing the schedule of ${job}`, err);
          return false;
        }
      },
    };
  });

  // A finished run (from an event or from run-now's answer) updates its job once, and the history
  // when the newest page is shown and the run passes its filters.
  function finished(run: JobRun) {
    const state = store.getState();
    const running = { ...state.running };
    delete running[run.job];
    const shown = state.historyPages.length === 0 && (!state.historyFilter || state.historyFilter === run.job) && (!state.historyOutcome || state.historyOutcome === run.outcome);
    const merged = [run, ...state.history.filter((r) => r.id !== run.id)];
    const history = shown ? merged.slice(0, HISTORY_PAGE) : state.history;
    const historyHasOlder = shown ? state.historyHasOlder || merged.length > HISTORY_PAGE : state.historyHasOlder;
    const jobs = state.jobs.map((j) => (j.job === run.job && (!j.last_run || j.last_run.id <= run.id) ? { ...j, last_run: run } : j));
    store.setState({ running, history, historyHasOlder, jobs });
  }
  client.on('jobs/run-started', (e) => {
    store.setState({ running: { ...store.getState().running, [e.job]: { run_id: e.run_id, started_at: e.started_at } } });
  });
  client.on('jobs/run-finished', finished);
  return store;
}
export type JobsStore = ReturnType<typeof createJobsStore>;
