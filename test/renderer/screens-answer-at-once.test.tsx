// @vitest-environment jsdom
// The recycling and hopper screens answer at once (issue 22): the figures show while the slow
// counts (problem report, explain) are still on their way, which fill in later; work the
// supervisor walks away from or stops is cancelled on the back end (requests/cancel).
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HopperExplain } from '../../shared/types/hopper';
import type { FixReport, ListProblemReport } from '../../shared/types/status';
import { HopperScreen } from '../../renderer/src/screens/hopper/hopper-screen';
import { RecyclingScreen } from '../../renderer/src/screens/recycling/recycling-screen';
import { HOPPER_EXPLAIN, HOPPER_STATS, LIST1, problemReport } from './support/fixtures';
import { callsTo, renderWithStores } from './support/render';

afterEach(cleanup);

/** A promise the test settles by hand. */
function later<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const PROBLEMS = problemReport({ dialed_but_new: 900, null_status: 600 });
const figure = (name: string) => screen.getByLabelText(name).textContent;

describe('recycling screen answers at once', () => {
  it('shows figures and cards before the problem counts, a progress line meanwhile, then the banner with its time', async () => {
    const report = later<ListProblemReport>();
    const { transport } = renderWithStores(<RecyclingScreen listId={1} title="Solar" subtitle="Solar" />, {
      'recycling/breakdown': () => LIST1,
      'leads/problem-report': () => report.promise,
      'operations/last-undoable': () => null,
    });
    await waitFor(() => expect(figure('Total leads')).toBe('10,000'));
    expect(screen.getByRole('checkbox', { name: 'no_answer' })).toBeTruthy();
    expect(screen.getByText('Checking this list for problem leads')).toBeTruthy();
    expect(screen.queryByRole('alert', { name: /problem leads/ })).toBeNull();
    // Progress of the count, as the back end reports it.
    const { progressId } = callsTo(transport, 'leads/problem-report')[0] as { progressId: string };
    act(() => transport.emit('operation/progress', { progressId, phase: 'checking', done: 5_000, total: 10_000 }));
    expect(screen.getByText(/5,000 of 10,000/)).toBeTruthy();
    await act(async () => report.resolve({ ...PROBLEMS, as_of: '2026-11-24T10:00:00.000Z', cached: true }));
    const banner = await screen.findByRole('alert', { name: /problem leads in this list/ });
    expect(banner.textContent).toContain('1,500 problem leads');
    expect(within(banner).getByTestId('problems-as-of').textContent).toMatch(/Counted at .*nothing in the list has changed since/);
    expect(screen.queryByText('Checking this list for problem leads')).toBeNull();
    // "Count again" asks for a fresh count.
    transport.handle({ 'leads/problem-report': () => ({ ...PROBLEMS, cached: false }) });
    fireEvent.click(within(banner).getByRole('button', { name: 'Count again' }));
    await waitFor(() => expect(callsTo(transport, 'leads/problem-report').at(-1)).toMatchObject({ listId: 1, recount: true }));
  });

  it('cancels the count on the back end when the screen is left', async () => {
    const { transport, unmount } = renderWithStores(<RecyclingScreen listId={1} title="Solar" subtitle="Solar" />, {
      'recycling/breakdown': () => LIST1,
      'leads/problem-report': () => new Promise<ListProblemReport>(() => undefined),
      'operations/last-undoable': () => null,
      'requests/cancel': () => ({ cancelled: true }),
    });
    await waitFor(() => expect(callsTo(transport, 'leads/problem-report')).toHaveLength(1));
    const { requestId } = callsTo(transport, 'leads/problem-report')[0] as { requestId: string };
    unmount();
    expect(callsTo(transport, 'requests/cancel')).toEqual([{ requestId }]);
  });

  it('stops a fix with its Stop button and says what stays fixed', async () => {
    const fix = later<FixReport>();
    const { transport } = renderWithStores(<RecyclingScreen listId={1} title="Solar" subtitle="Solar" />, {
      'recycling/breakdown': () => LIST1,
      'leads/problem-report': () => PROBLEMS,
      'operations/last-undoable': () => null,
      'leads/fix-problematic': (input) => (input.dryRun ? problemReport({ dialed_but_new: 900, null_status: 600 }, 0, 'dry-run') : fix.promise),
      'requests/cancel': () => ({ cancelled: true }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Fix Problematic Leads' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Fix problem leads' })).getByRole('button', { name: 'Confirm' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Stop' }));
    const { requestId } = callsTo(transport, 'leads/fix-problematic')[1] as { requestId: string };
    expect(callsTo(transport, 'requests/cancel')).toEqual([{ requestId }]);
    await act(async () => fix.resolve({ ...problemReport({ dialed_but_new: 900, null_status: 600 }, 0, 'fix'), fixed: 400, stopped: true }));
    await screen.findByText(/Fix stopped: 400 problem leads were fixed before the stop and stay fixed/);
  });
});

describe('hopper screen answers at once', () => {
  it('shows the figures before the explain, which fills in later; leaving cancels it', async () => {
    const explain = later<HopperExplain>();
    const { transport, unmount } = renderWithStores(<HopperScreen campaignId={1} campaignName="Solar" />, {
      'hopper/stats': () => HOPPER_STATS,
      'hopper/explain': () => explain.promise,
      'requests/cancel': () => ({ cancelled: true }),
    });
    await waitFor(() => expect(figure('Queued')).toBe(String(HOPPER_STATS.queued)));
    expect(screen.getByText(/Checking every lead of the campaign/)).toBeTruthy();
    await act(async () => explain.resolve(HOPPER_EXPLAIN));
    await screen.findByRole('heading', { name: 'Why leads are not eligible' });

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(callsTo(transport, 'hopper/explain')).toHaveLength(2));
    transport.handle({ 'hopper/explain': () => new Promise<HopperExplain>(() => undefined) });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(callsTo(transport, 'hopper/explain')).toHaveLength(3));
    const { requestId } = callsTo(transport, 'hopper/explain')[2] as { requestId: string };
    unmount();
    expect(callsTo(transport, 'requests/cancel')).toContainEqual({ requestId });
  });
});
