// The console's cancel across IPC: `requests/cancel` stops a report, dry run or fix the page
// walked away from, between two ranges; a stopped fix answers what it committed.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { AppRuntime } from '../../main/app/app-runtime';
import type { DbHandle } from '../../main/db/open-database';
import { fixedClock } from '../../main/db/time';
import { dispatch } from '../../main/ipc/dispatch';
import type { HandlerContext, Handlers } from '../../main/ipc/handler-types';
import { manualTrigger } from '../../main/services/jobs';
import type { FixReport } from '../../shared/types/status';
import { describeEachDialect, resetDatabase } from '../support/databases';
import { useHandlerRuntime } from '../support/handler-runtime';
import { at, makeCampaign, makeList } from '../support/fixtures';

/** More leads than a few of the dialect's ranges (5,000 on SQLite, 2,500 × 3 in flight on PostgreSQL). */
const LEADS = 24_000;

describeEachDialect(
  'cancelling a request across IPC',
  ({ dialect }) => {
    let runtime: AppRuntime;
    let h: DbHandle;
    let listId: number;
    let onProgress: (() => void) | null = null;
    const ctx: HandlerContext = { emit: (event) => event === 'operation/progress' && onProgress?.() };

    const rt = useHandlerRuntime(dialect, fixedClock(at(12)), ctx);
    const { call } = rt;
    beforeAll(() => {
      ({ runtime, h } = rt);
    });
    beforeEach(async () => {
      await resetDatabase(h);
      onProgress = null;
      listId = await makeList(h, await makeCampaign(h));
      const rows = Array.from({ length: LEADS }, (_, i) => ({ list_id: listId, phone: `+1 (212) ${5_000_000 + i}`, status: null }));
      for (let i = 0; i < rows.length; i += 500) await h.db.insertInto('leads').values(rows.slice(i, i + 500)).execute();
    });

    /** Sends `requests/cancel` for `requestId` at the first progress event. */
    function cancelAtFirstProgress(requestId: string): Promise<unknown> {
      return new Promise((resolve) => {
        onProgress = () => {
          onProgress = null;
          resolve(call('requests/cancel', { requestId }));
        };
      });
    }

    it('stops a fix: the ranges committed stay, the answer says so, the operation is undoable', async () => {
      const cancelled = cancelAtFirstProgress('fix-1');
      const r = await call('leads/fix-problematic', { listId, dryRun: false, progressId: 'p-1', requestId: 'fix-1' });
      expect(await cancelled).toEqual({ ok: true, value: { cancelled: true } });
      expect(r.ok).toBe(true);
      const report = (r as { value: FixReport }).value;
      expect(report.stopped).toBe(true);
      expect(report.fixed).toBeGreaterThan(0);
      expect(report.fixed).toBeLessThan(LEADS);
      expect(await h.db.selectFrom('leads').select('id').where('status', '=', 'new').execute()).toHaveLength(report.fixed);
      expect(await call('operations/last-undoable', { listId })).toMatchObject({ ok: true, value: { operation_id: report.operation_id, undoable: true } });
    });

    it('stops a dry run and a problem count: `cancelled`, nothing kept', async () => {
      const dry = cancelAtFirstProgress('dry-1');
      expect(await call('leads/fix-problematic', { listId, dryRun: true, progressId: 'p-2', requestId: 'dry-1' })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      await dry;
      const count = cancelAtFirstProgress('count-1');
      expect(await call('leads/problem-report', { listId, progressId: 'p-3', requestId: 'count-1' })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      await count;
      // Nothing was kept: the next visit counts.
      expect(await call('leads/problem-report', { listId })).toMatchObject({ ok: true, value: { cached: false, total_issues: LEADS } });
      expect(await call('leads/problem-report', { listId })).toMatchObject({ ok: true, value: { cached: true, total_issues: LEADS } });
    });

    it('a cancel that overtook its request still stops it; an unknown id is no error', async () => {
      expect(await call('requests/cancel', { requestId: 'early-1' })).toEqual({ ok: true, value: { cancelled: false } });
      const r = await call('leads/fix-problematic', { listId, dryRun: false, requestId: 'early-1' });
      expect(r).toMatchObject({ ok: true, value: { stopped: true, checked: 0, fixed: 0 } });
      expect(await call('requests/cancel', { requestId: 'bad id!' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    });

    it('stops an explain when the transport says the caller is gone', async () => {
      const campaign = (await h.db.selectFrom('lead_lists').select('campaign_id').where('id', '=', listId).executeTakeFirstOrThrow()).campaign_id;
      const r = await dispatch(rt.handlers, 'hopper/explain', { campaignId: campaign }, { ...ctx, signal: AbortSignal.abort() });
      expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(await call('hopper/explain', { campaignId: campaign })).toMatchObject({ ok: true, value: { total_leads: LEADS } });
    });
  },
  { reset: 'never', open: false },
);
