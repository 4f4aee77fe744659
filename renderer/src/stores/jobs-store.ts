// Scheduled jobs: their schedules and switches, their runs, live from job events.
import { createStore } from 'zustand/vanilla';
import type { JobInfo, JobName, JobRun } from '../../../shared/types/jobs';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';

const HISTORY_LIMIT = 50;

export interface JobsState {
  jobs: JobInfo[];
  history: JobRun[];
  /** Runs in progress, by job, from `jobs/run-started` until `jobs/run-finished`. */
  running: Partial<Record<JobName, { run_id: number; started_at: string }>>;
  loading: boolean;
  /** The first load answered: until then the screen says it is loading, not "no run yet". */
  loaded: boolean;
  historyFilter: JobName | null;
  load(): Promise<void>;
  loadHistory(job?: JobName | null): Promise<void>;
  runNow(job: JobName): Promise<void>;
  setEnabled(job: JobName, enabled: boolean): Promise<void>;
  setSchedule(job: JobName, schedule: string): Promise<boolean>;
}

export function createJobsStore(client: ApiClient, app: AppStore) {
  const store = createStore<JobsState>()((set, get) => {
    const report = (context: string, err: unknown) => app.getState().reportError(context, err, 'jobs');
    const replaceJob = (info: JobInfo) => set({ jobs: get().jobs.map((j) => (j.job === info.job ? info : j)) });
    return {
      jobs: [],
      history: [],
      running: {},
      loading: false,
      loaded: false,
      historyFilter: null,
      async load() {
        set({ loading: true });
        try {
          const [jobs, history] = await Promise.all([
            client.call('jobs/list', {}),
            client.call('jobs/history', { limit: HISTORY_LIMIT, ...(get().historyFilter ? { job: get().historyFilter! } : {}) }),
          ]);
          set({ jobs, history, loaded: true });
        } catch (err) {
          report('Loading the jobs', err);
        } finally {
          set({ loading: false });
        }
      },
      async loadHistory(job = get().historyFilter) {
        set({ historyFilter: job ?? null });
        try {
          set({ history: await client.call('jobs/history', { limit: HISTORY_LIMIT, ...(job ? { job } : {}) }) });
        } catch (err) {
          report('Loading the run history', err);
        }
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

  // A finished run (from an event or from run-now's answer) updates its job and the history once.
  function finished(run: JobRun) {
    const state = store.getState();
    const running = { ...state.running };
    delete running[run.job];
    const filter = state.historyFilter;
    const history = filter && filter !== run.job ? state.history : [run, ...state.history.filter((r) => r.id !== run.id)].slice(0, HISTORY_LIMIT);
    const jobs = state.jobs.map((j) => (j.job === run.job && (!j.last_run || j.last_run.id <= run.id) ? { ...j, last_run: run } : j));
    store.setState({ running, history, jobs });
  }
  client.on('jobs/run-started', (e) => {
    store.setState({ running: { ...store.getState().running, [e.job]: { run_id: e.run_id, started_at: e.started_at } } });
  });
  client.on('jobs/run-finished', finished);
  return store;
}
export type JobsStore = ReturnType<typeof createJobsStore>;
