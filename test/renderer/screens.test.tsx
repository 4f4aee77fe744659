// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HopperScreen } from '../../renderer/src/screens/hopper/hopper-screen';
import { JobsScreen } from '../../renderer/src/screens/jobs/jobs-screen';
import { AuditScreen } from '../../renderer/src/screens/audit/audit-screen';
import type { AuditRow } from '../../shared/types/audit';
import { HOPPER_EXPLAIN, HOPPER_STATS, INFO, JOBS, jobRun } from './support/fixtures';
import { callsTo, renderWithStores } from './support/render';

afterEach(cleanup);

describe('hopper screen', () => {
  it('shows queued, dialing, eligible now and why the rest is not eligible, then fills', async () => {
    let queued = 0;
    const { transport } = renderWithStores(<HopperScreen campaignId={1} campaignName="Solar Savings Outreach" />, {
      'hopper/stats': () => ({ ...HOPPER_STATS, queued, dialing: 3 }),
      'hopper/explain': () => HOPPER_EXPLAIN,
      'hopper/fill': () => {
        queued = 150;
        return { campaign_id: 1, added: 150, added_high_priority: 12, queued_after: 150, target: 200 };
      },
    });
    await waitFor(() => expect(screen.getByLabelText('Queued').textContent).toBe('0'));
    expect(screen.getByLabelText('Dialing').textContent).toBe('3');
    expect(screen.getByLabelText('Eligible now').textContent).toBe('0');
    const table = screen.getByRole('table', { name: 'Hopper explain' });
    const retry = within(table).getByRole('row', { name: /retry delay/i });
    expect(retry.textContent).toContain('4,200');
    expect(retry.textContent).toMatch(/Nov 24, 2026/);
    const window = within(table).getByRole('row', { name: /calling hours/i });
    expect(window.textContent).toContain('5,900');
    fireEvent.click(screen.getByRole('button', { name: 'Fill now' }));
    await screen.findByText(/Added 150 leads \(12 high priority\)/);
    expect(callsTo(transport, 'hopper/fill')).toEqual([{ campaignId: 1 }]);
    await waitFor(() => expect(screen.getByLabelText('Queued').textContent).toBe('150'));
  });
});

describe('jobs screen', () => {
  it('lists jobs with schedule text, switch, last run; runs one now; follows job events live', async () => {
    let runs = [jobRun(1, 'fill_hopper')];
    const { transport } = renderWithStores(<JobsScreen />, {
      'jobs/list': () => JOBS,
      'jobs/history': () => runs,
      'jobs/set': (input) => ({ ...JOBS.find((j) => j.job === input.job)!, enabled: input.enabled ?? true }),
      'jobs/run-now': (input) => {
        const run = jobRun(2, input.job, 'ok', { queued: 40 });
        runs = [run, ...runs];
        return run;
      },
    });
    const row = await screen.findByRole('row', { name: 'Fill the hopper' });
    expect(row.textContent).toContain('Every minute');
    // The plain name first; the code the CLI uses in small type under it.
    expect(within(row).getByText('Fill the hopper').className).toBe('job-name');
    expect(within(row).getByText('fill_hopper').className).toContain('job-code');
    expect(row.textContent).toContain('ok');
    const reconcile = screen.getByRole('row', { name: 'Reconcile lead statuses' });
    expect(reconcile.textContent).toContain('never run');
    const sw = within(reconcile).getByRole('switch', { name: 'Enabled: Reconcile lead statuses' }) as HTMLInputElement;
    expect(sw.checked).toBe(false);
    fireEvent.click(sw);
    await waitFor(() => expect(sw.checked).toBe(true));
    expect(callsTo(transport, 'jobs/set')).toEqual([{ job: 'reconcile_lead_status', enabled: true }]);

    fireEvent.click(within(row).getByRole('button', { name: 'Run now: Fill the hopper' }));
    const history = screen.getByRole('table', { name: 'Run history' });
    await waitFor(() => expect(within(history).getAllByRole('row')).toHaveLength(3));
    expect(within(history).getAllByRole('row')[1].textContent).toContain('queued: 40');

    // A scheduled run elsewhere: started, then finished, shown without a reload.
    act(() => transport.emit('jobs/run-started', { job: 'reconcile_lead_status', run_id: 3, started_at: '2026-11-24T15:00:00.000Z' }));
    expect(within(screen.getByRole('row', { name: 'Reconcile lead statuses' })).getByText('running')).toBeTruthy();
    expect((within(screen.getByRole('row', { name: 'Reconcile lead statuses' })).getByRole('button', { name: /Run now/ }) as HTMLButtonElement).disabled).toBe(true);
    act(() => transport.emit('jobs/run-finished', jobRun(3, 'reconcile_lead_status', 'failed')));
    const after = screen.getByRole('row', { name: 'Reconcile lead statuses' });
    expect(after.textContent).toContain('failed');
    expect(after.textContent).toContain('database is locked');
    expect(within(history).getAllByRole('row')[1].textContent).toContain('Reconcile lead statuses');
  });
  it('served with --no-jobs: shows the jobs and their runs, says this console runs none, offers no Run now', async () => {
    const { stores } = renderWithStores(<JobsScreen />, {
      'jobs/list': () => JOBS,
      'jobs/history': () => [jobRun(1, 'fill_hopper')],
    });
    act(() => stores.app.setState({ info: { ...INFO, runs_jobs: false } }));
    const row = await screen.findByRole('row', { name: 'Fill the hopper' });
    expect(row.textContent).toContain('Every minute');
    expect(within(screen.getByRole('table', { name: 'Run history' })).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByRole('note', { name: 'This console runs no job' }).textContent).toContain('runs none of them');
    expect((within(row).getByRole('button', { name: 'Run now: Fill the hopper' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says it is loading until the first answer, never "No run yet." before it', async () => {
    let answer!: () => void;
    const ready = new Promise<void>((resolve) => (answer = resolve));
    renderWithStores(<JobsScreen />, {
      'jobs/list': async () => {
        await ready;
        return JOBS;
      },
      'jobs/history': async () => {
        await ready;
        return [jobRun(1, 'fill_hopper')];
      },
    });
    expect(await screen.findByText('Loading the jobs…')).toBeTruthy();
    expect(screen.queryByText('No run yet.')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    await act(async () => answer());
    expect(await screen.findByRole('row', { name: 'Fill the hopper' })).toBeTruthy();
    expect(screen.queryByText('Loading the jobs…')).toBeNull();
  });
});

describe('audit screen', () => {
  const rows: AuditRow[] = [
    { id: 2, lead_id: 17, list_id: 1, old_status: null, new_status: 'new', source: 'fix', operation_id: 'abcdef12-0000-4000-8000-000000000000', reason: 'null_status', created_at: '2026-11-24T14:00:00.000Z' },
    { id: 1, lead_id: 9, list_id: 1, old_status: 'busy', new_status: 'new', source: 'recycle', operation_id: null, reason: null, created_at: '2026-11-24T13:00:00.000Z' },
  ];

  it('filters by list, source and operation and exports CSV', async () => {
    const create = vi.fn(() => 'blob:x');
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { transport, stores } = renderWithStores(<AuditScreen />, {
      'audit/list': () => rows,
      'audit/export-csv': () => ({ filename: 'audit.csv', csv: 'id,lead_id\n2,17\n' }),
    });
    stores.navigation.setState({ campaigns: (await import('./support/fixtures')).CAMPAIGNS });
    const table = await screen.findByRole('table', { name: 'Status changes' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(within(table).getByText('(no status)')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'List' }), { target: { value: '1' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Source' }), { target: { value: 'fix' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Operation' }), { target: { value: 'abcdef12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(callsTo(transport, 'audit/list').at(-1)).toEqual({ listId: 1, source: 'fix', operationId: 'abcdef12', limit: 101 }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(callsTo(transport, 'audit/export-csv').at(-1)).toEqual({ listId: 1, source: 'fix', operationId: 'abcdef12' });
    expect(create).toHaveBeenCalled();
    click.mockRestore();
  });
});
