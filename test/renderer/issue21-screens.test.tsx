// @vitest-environment jsdom
// Issue 21 on the screens: the hopper's timezone table, "what if it were…" and when the next
// leads become eligible (12); the run history paged, by outcome, idle runs folded (15); "Run now"
// on the reconcile job confirmed with its dry run (16); the audit paged and filtered by lead,
// phone and dates, its CSV what the filter shows (18); an empty database's offer (22).
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app';
import { AuditScreen } from '../../renderer/src/screens/audit/audit-screen';
import { HopperScreen } from '../../renderer/src/screens/hopper/hopper-screen';
import { JobsScreen } from '../../renderer/src/screens/jobs/jobs-screen';
import type { AuditRow } from '../../shared/types/audit';
import type { HopperExplain } from '../../shared/types/hopper';
import type { JobRun } from '../../shared/types/jobs';
import type { FixReport } from '../../shared/types/status';
import { CAMPAIGNS, HOPPER_EXPLAIN, HOPPER_STATS, INFO, JOBS, jobRun } from './support/fixtures';
import { callsTo, renderWithStores } from './support/render';

afterEach(cleanup);

const EXPLAIN: HopperExplain = {
  ...HOPPER_EXPLAIN,
  calling_window: { start: '09:00', end: '21:00', valid: true },
  timezones: [
    { timezone: 'America/Los_Angeles', valid: true, open: false, local_time: '07:00', next_open_at: '2026-11-24T17:00:00.000Z', leads: 5_900 },
    { timezone: 'America/New_York', valid: true, open: true, local_time: '10:00', next_open_at: null, leads: 4_600 },
    { timezone: 'Mars/Olympus', valid: false, open: false, local_time: null, next_open_at: null, leads: 3 },
  ],
};

describe('hopper screen (12)', () => {
  it('shows each timezone with its local time, window and opening; says when the next leads are eligible; asks the explain at another time', async () => {
    const { transport } = renderWithStores(<HopperScreen campaignId={1} campaignName="Solar" />, {
      'hopper/stats': () => HOPPER_STATS,
      'hopper/explain': (input) => (input.now ? { ...EXPLAIN, now: input.now, eligible_now: 4_600 } : EXPLAIN),
    });
    const zones = await screen.findByRole('table', { name: 'Calling window by timezone' });
    const la = within(zones).getByRole('row', { name: /Los_Angeles/ });
    expect(la.textContent).toContain('07:00');
    expect(la.textContent).toContain('closed');
    expect(la.textContent).toMatch(/Nov 24, 2026/);
    expect(within(zones).getByRole('row', { name: /New_York/ }).textContent).toContain('open');
    expect(within(zones).getByRole('row', { name: /Mars/ }).textContent).toContain('unknown timezone');
    // Nothing eligible: the screen says when the first leads will be (the retry delay at 16:30 UTC).
    const when = screen.getByLabelText('When leads are eligible');
    expect(when.textContent).toMatch(/No lead is eligible/);
    expect(when.textContent).toMatch(/next ones become eligible at Nov 24, 2026.*4,200 leads held by .Waiting for the retry delay/);

    const picker = screen.getByLabelText('What if it were…') as HTMLInputElement;
    fireEvent.change(picker, { target: { value: '2026-11-24T18:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    const asked = new Date('2026-11-24T18:00').toISOString();
    // The explain is cancellable: its input also names the request (requestId).
    await waitFor(() => expect(callsTo(transport, 'hopper/explain').at(-1)).toMatchObject({ campaignId: 1, now: asked }));
    expect(await screen.findByLabelText('Eligible then')).toBeTruthy();
    expect(screen.getByLabelText('When leads are eligible').textContent).toMatch(/4,600 leads are eligible/);
    fireEvent.click(screen.getByRole('button', { name: 'Back to now' }));
    await waitFor(() => expect(callsTo(transport, 'hopper/explain').at(-1)).toMatchObject({ campaignId: 1 }));
    expect(callsTo(transport, 'hopper/explain').at(-1)).not.toHaveProperty('now');
    expect(await screen.findByLabelText('Eligible now')).toBeTruthy();
  });

  it('with nothing to wait for, says that waiting will not help', async () => {
    renderWithStores(<HopperScreen campaignId={1} campaignName="Solar" />, {
      'hopper/stats': () => HOPPER_STATS,
      'hopper/explain': () => ({ ...EXPLAIN, excluded: [{ rule: 'final_status', count: 10_500, next_eligible_at: null }] }),
    });
    expect((await screen.findByLabelText('When leads are eligible')).textContent).toMatch(/None becomes eligible by waiting/);
  });
});

/** Runs newest first: ids from `top` down. */
const runs = (top: number, n: number, make: (id: number) => JobRun = (id) => jobRun(id, 'fill_hopper')) => Array.from({ length: n }, (_, i) => make(top - i));

describe('run history (15)', () => {
  it('pages with Older/Newer, filters by outcome, folds runs that did nothing', async () => {
    const all = runs(120, 120, (id) => (id % 10 === 0 ? jobRun(id, 'fill_hopper', 'failed') : id > 100 && id <= 110 ? jobRun(id, 'fill_hopper', 'ok', { queued: 0 }) : jobRun(id, 'fill_hopper')));
    const { transport } = renderWithStores(<JobsScreen />, {
      'jobs/list': () => JOBS,
      'jobs/history': (input) => {
        const matching = all.filter((r) => (!input.outcome || r.outcome === input.outcome) && (!input.before || r.id < input.before.id));
        return matching.slice(0, input.limit);
      },
    });
    const history = await screen.findByRole('table', { name: 'Run history' });
    // 120..111, then the ten idle runs 110..101 as one row (110 itself failed: 109..101, nine runs).
    const fold = within(history).getByRole('button', { name: /9 runs that did nothing/ });
    expect(fold.getAttribute('aria-expanded')).toBe('false');
    expect(within(history).queryByText('queued: 0')).toBeNull();
    fireEvent.click(fold);
    expect(within(history).getAllByText('queued: 0')).toHaveLength(9);
    fireEvent.click(within(history).getByRole('button', { name: /9 runs that did nothing/ }));
    expect(within(history).queryByText('queued: 0')).toBeNull();

    const older = screen.getByRole('button', { name: 'Older →' });
    fireEvent.click(older);
    await waitFor(() => expect(callsTo(transport, 'jobs/history').at(-1)).toMatchObject({ limit: 51, before: { id: 71 } }));
    expect(screen.getByText('Page 2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Older →' }));
    await waitFor(() => expect(screen.getByText('Page 3')).toBeTruthy());
    // 20 runs left (20..1): no older page.
    expect((screen.getByRole('button', { name: 'Older →' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '← Newer' }));
    await waitFor(() => expect(screen.getByText('Page 2')).toBeTruthy());
    expect(callsTo(transport, 'jobs/history').at(-1)).toMatchObject({ before: { id: 71 } });

    fireEvent.change(screen.getByRole('combobox', { name: 'Outcome' }), { target: { value: 'failed' } });
    await waitFor(() => expect(callsTo(transport, 'jobs/history').at(-1)).toEqual({ limit: 51, outcome: 'failed' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Run history' })).getAllByRole('row')).toHaveLength(13));
    expect(screen.getByText('Page 1')).toBeTruthy();
  });
});

const DRY_RUN: FixReport = {
  mode: 'dry-run',
  scope: { campaign_id: null, list_id: null },
  checked: 58_466,
  issues: { dialed_but_new: 1_200, missing_dial_tracking: 1_000, null_status: 5_900, unknown_status: 92 },
  total_issues: 8_192,
  not_fixable: 12,
  fixed: 8_180,
  errors: 0,
  error_messages: [],
  operation_id: null,
  status_distribution_after: { new: 6_000 },
  samples: { dialed_but_new: [], missing_dial_tracking: [], null_status: [], unknown_status: [] },
  stopped: false,
};

describe('Run now on the reconcile job (16)', () => {
  it('asks first with the dry-run figures; Cancel runs nothing, Run now runs it; other jobs run at once', async () => {
    const { transport } = renderWithStores(<JobsScreen />, {
      'jobs/list': () => JOBS,
      'jobs/history': () => [],
      'jobs/preview-reconcile': () => ({ unapplied_calls: 1_234, report: DRY_RUN }),
      'jobs/run-now': (input) => jobRun(9, input.job),
    });
    const run = await screen.findByRole('button', { name: 'Run now: Reconcile lead statuses' });
    fireEvent.click(run);
    const dialog = await screen.findByRole('dialog', { name: /Reconcile lead statuses/ });
    const figures = await within(dialog).findByRole('status', { name: 'What the run would do' });
    expect(figures.textContent).toMatch(/1,234 calls not yet applied/);
    expect(figures.textContent).toMatch(/8,180 of 58,466 leads would be fixed/);
    expect(figures.textContent).toMatch(/12 cannot be fixed automatically/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(callsTo(transport, 'jobs/run-now')).toEqual([]);

    fireEvent.click(run);
    const again = await screen.findByRole('dialog');
    await within(again).findByRole('status', { name: 'What the run would do' });
    fireEvent.click(within(again).getByRole('button', { name: 'Run now' }));
    await waitFor(() => expect(callsTo(transport, 'jobs/run-now')).toEqual([{ job: 'reconcile_lead_status' }]));
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Run now: Fill the hopper' }));
    await waitFor(() => expect(callsTo(transport, 'jobs/run-now')).toHaveLength(2));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(callsTo(transport, 'jobs/preview-reconcile')).toHaveLength(2);
  });
});

describe('audit screen (18)', () => {
  const rowsFrom = (top: number, n: number): AuditRow[] =>
    Array.from({ length: n }, (_, i) => ({ id: top - i, lead_id: 7, list_id: 1, old_status: 'busy', new_status: 'new', source: 'recycle', operation_id: null, reason: null, created_at: '2026-11-24T13:00:00.000Z' }));

  it('pages with Older/Newer, filters by lead, phone and dates, and exports the filter shown', async () => {
    const { transport } = renderWithStores(<AuditScreen />, {
      'audit/list': (input) => rowsFrom(input.beforeId ? input.beforeId - 1 : 250, Math.min(input.limit ?? 200, input.beforeId ? input.beforeId - 1 : 250)),
      'audit/export-csv': () => ({ filename: 'audit.csv', csv: 'id\n' }),
    });
    const table = await screen.findByRole('table', { name: 'Status changes' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(101));
    expect(callsTo(transport, 'audit/list')[0]).toEqual({ limit: 101 });
    expect(screen.getByText(/Changes 1–100, newest first/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Older →' }));
    await waitFor(() => expect(callsTo(transport, 'audit/list').at(-1)).toEqual({ limit: 101, beforeId: 151 }));
    expect(await screen.findByText(/Changes 101–200/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Older →' }));
    expect(await screen.findByText(/Changes 201–250/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Older →' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(screen.getByRole('spinbutton', { name: 'Lead' }), { target: { value: '7' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Phone' }), { target: { value: '(212) 555-0101' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-20' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-24' } });
    // Typed but not applied: the CSV still holds the rows shown.
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(callsTo(transport, 'audit/export-csv').at(-1)).toEqual({}));
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    const filter = { leadId: 7, phone: '(212) 555-0101', from: new Date('2026-11-20T00:00:00').toISOString(), to: new Date('2026-11-25T00:00:00').toISOString() };
    await waitFor(() => expect(callsTo(transport, 'audit/list').at(-1)).toEqual({ ...filter, limit: 101 }));
    expect(await screen.findByText('Page 1')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(callsTo(transport, 'audit/export-csv').at(-1)).toEqual(filter));
    click.mockRestore();
  });
});

describe('an empty database (22)', () => {
  it('offers the demo database and a file instead of "Pick a campaign"; the demo opens and its campaigns show', async () => {
    let campaigns: typeof CAMPAIGNS = [];
    const { transport } = renderWithStores(<App />, {
      'app/get-info': () => INFO,
      'campaigns/list': () => campaigns,
      'database/open-demo': () => {
        campaigns = CAMPAIGNS;
        return { ...INFO, database: { kind: 'sqlite', description: '/home/sup/.config/lead-console/demo.sqlite' } };
      },
      'jobs/list': () => JOBS,
      'jobs/history': () => [],
      'recycling/breakdown': () => {
        throw new Error('not in this test');
      },
    });
    const offer = await screen.findByRole('region', { name: 'This database has no campaign yet' });
    expect(screen.queryByText('Pick a campaign on the left.')).toBeNull();
    expect(within(offer).getByRole('button', { name: 'Open a file…' })).toBeTruthy();
    fireEvent.click(within(offer).getByRole('button', { name: 'Open the demo database' }));
    await waitFor(() => expect(callsTo(transport, 'database/open-demo')).toEqual([{}]));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'This database has no campaign yet' })).toBeNull());
    expect(screen.getByRole('navigation', { name: 'Campaigns' }).textContent).toContain(CAMPAIGNS[0].name);
  });

  it('"Open a file…" goes to the database settings in the browser', async () => {
    renderWithStores(<App />, { 'app/get-info': () => INFO, 'campaigns/list': () => [] });
    fireEvent.click(await screen.findByRole('button', { name: 'Open a file…' }));
    expect(await screen.findByRole('heading', { name: 'Database settings' })).toBeTruthy();
  });
});

