// Every channel of the contract, implemented over the app runtime's services. Inputs arrive
// parsed by the channel's schema (dispatch.ts); long operations report progress when the caller
// gave a progressId.
import { cancelled, ConsoleError } from '../../shared/errors';
import type { AppRuntime } from '../app/app-runtime';
import { connectPostgres, testPostgres, type DatabaseChoiceOptions } from './database-handlers';
import { createSqlite, openDemo, openSqlite } from './sqlite-handlers';
import { campaignHandlers } from './campaign-handlers';
import { reportHandlers } from './report-handlers';
import { progressFor, type Handlers } from './handler-types';
import { createIoHandlers, type IoHandlerOptions } from './io-handlers';
import { RunningRequests } from './running-requests';

export function createHandlers(runtime: AppRuntime, options: DatabaseChoiceOptions & IoHandlerOptions = {}): Handlers {
  const s = () => runtime.services;
  // Requests the caller may cancel (requests/cancel, or browser mode's closed connection).
  const running = new RunningRequests();
  return {
    'app/get-info': async () => runtime.info(),
    'database/test-postgres': (input) => testPostgres(runtime, options, input),
    'database/connect-postgres': (input) => connectPostgres(runtime, options, input),
    'database/open-sqlite': (input) => openSqlite(runtime, options, input),
    'database/create-sqlite': (input) => createSqlite(runtime, options, input),
    'database/open-demo': () => openDemo(runtime, options),
    'campaigns/list': () => s().campaigns.list(),
    'recycling/breakdown': ({ listId }) => s().status.breakdown(listId),
    'recycling/preview': (input) => s().recycling.preview(input),
    'recycling/recycle': ({ progressId, ...request }, ctx) => s().recycling.recycle(request, progressFor(ctx, progressId)),
    'leads/problem-report': ({ listId, recount, progressId, requestId }, ctx) => {
      const progress = progressFor(ctx, progressId);
      const onProgress = progress && ((p: { checked: number; total: number }) => progress({ phase: 'checking', done: p.checked, total: p.total }));
      return running.run(requestId, ctx.signal, (signal) => s().problemCounts.forList(listId, { recount, signal, onProgress }).then(assertList(runtime, listId)));
    },
    'leads/fix-problematic': async ({ listId, dryRun, progressId, requestId }, ctx) => {
      await assertList(runtime, listId)(null);
      const progress = progressFor(ctx, progressId);
      const phase = dryRun ? 'checking' : 'fixing';
      // A stopped fix answers its report (`stopped`, what it committed, its undoable operation);
      // a stopped dry run has nothing worth showing.
      const report = await running.run(requestId, ctx.signal, (signal) =>
        s().status.findAndFix({
          mode: dryRun ? 'dry-run' : 'fix',
          listId,
          signal,
          onProgress: progress && ((p) => progress({ phase, done: p.checked, total: p.total })),
        }),
      );
      if (dryRun && report.stopped) throw cancelled('The dry run');
      return report;
    },
    'operations/last-undoable': ({ listId }) => s().recycling.lastUndoable(listId),
    'operations/undo': ({ operationId, progressId }, ctx) => s().recycling.undo(operationId, progressFor(ctx, progressId)),
    'hopper/stats': ({ campaignId, eligible }) => s().hopper.stats(campaignId, { eligible }),
    'hopper/explain': ({ campaignId, now, requestId }, ctx) =>
      running.run(requestId, ctx.signal, (signal) => s().hopper.explain(campaignId, { signal, at: now === undefined ? undefined : new Date(now) })),
    'hopper/fill': ({ campaignId, target }) => s().hopper.fill(campaignId, { target }),
    'hopper/cleanup': () => s().hopper.cleanupStale(),
    'jobs/list': () => runtime.scheduler.list(),
    'jobs/history': (filter) => runtime.scheduler.history(filter),
    'jobs/preview-reconcile': () => s().status.reconcilePreview(),
    'jobs/run-now': async ({ job }) => {
      if (!runtime.runsJobs) throw new ConsoleError('conflict', `This console was started with --no-jobs and runs no job. Run it with: lead-console jobs run ${job}`);
      return runtime.scheduler.runNow(job);
    },
    'jobs/set': ({ job, enabled, schedule }) => runtime.scheduler.set(job, { enabled, schedule }),
    'audit/list': (filter) => s().audit.list(filter),
    'audit/export-csv': (filter) => s().audit.exportCsv(filter),
    ...createIoHandlers(runtime, options),
    'leads/search': ({ query, limit, beforeId }) => s().leads.search(query, { limit, beforeId }),
    'leads/story': ({ leadId }) => s().leads.story(leadId),
    'leads/set-status': (request) => s().leads.setStatus(request),
    'leads/reset-attempts': ({ leadId, reason }) => s().leads.resetAttempts(leadId, reason),
    'leads/add-phone-to-dnc': ({ leadId, reason }) => s().leads.addPhoneToDnc(leadId, reason),
    'leads/schedule-callback': (request) => s().leads.scheduleCallback(request),
    'statuses/map': (request) => s().statusWords.map(request),
    'statuses/aliases': () => s().statusWords.aliases(),
    'statuses/remove-alias': ({ word }) => s().statusWords.removeAlias(word),
    ...campaignHandlers(runtime),
    ...reportHandlers(runtime),
    'requests/cancel': async ({ requestId }) => ({ cancelled: running.cancel(requestId) }),
  };
}

/** A report for a list that does not exist would read "0 problems": say it does not exist. */
function assertList(runtime: AppRuntime, listId: number) {
  return async <T>(value: T): Promise<T> => {
    await runtime.services.status.breakdown(listId);
    return value;
  };
}
