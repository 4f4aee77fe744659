// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleError } from '../../shared/errors';
import type { OperationResult } from '../../shared/types/recycling';
import { RecyclingScreen } from '../../renderer/src/screens/recycling/recycling-screen';
import { ErrorList } from '../../renderer/src/components/error-list';
import { breakdownOf, LIST1, preview, problemReport, UNDOABLE } from './support/fixtures';
import { callsTo, renderWithStores } from './support/render';

afterEach(cleanup);

function renderScreen(overrides: Parameters<typeof renderWithStores>[1] = {}) {
  const rendered = renderWithStores(
    <>
      <ErrorList />
      <RecyclingScreen listId={1} title="Solar — Main import" subtitle="Solar" />
    </>,
    {
      'recycling/breakdown': () => LIST1,
      'leads/problem-report': () => problemReport(),
      'operations/last-undoable': () => null,
      // By default the back end counts every lead of the chosen statuses but dnc.
      'recycling/preview': (input) => {
        const rows = LIST1.statuses.filter((r) => input.statuses.includes(r.status) && r.status !== 'dnc');
        return preview(rows.reduce((n, r) => n + r.count, 0), rows.map(({ status, count }) => ({ status, count })));
      },
      ...overrides,
    },
  );
  // The console opens on the live view; the ErrorList shows this screen's errors on this screen.
  act(() => rendered.stores.navigation.setState({ view: 'recycling' }));
  return rendered;
}

const figure = (name: string) => screen.getByLabelText(name).textContent;

describe('recycling screen', () => {
  it('shows a card per status, NULL as "(no status)", with count, share and category border', async () => {
    renderScreen();
    const nullBox = await screen.findByRole('checkbox', { name: '(no status)' });
    const words = ['new', 'no_answer', 'busy', 'sale', 'dnc', 'XFER', 'contacted'];
    for (const w of words) expect(screen.getByRole('checkbox', { name: w })).toBeTruthy();
    const card = (name: string) => screen.getByRole('checkbox', { name }).closest('li')!;
    expect(card('no_answer').className).toContain('cat-recyclable');
    expect(card('sale').className).toContain('cat-final');
    expect(card('XFER').className).toContain('cat-problematic');
    expect(nullBox.closest('li')!.className).toContain('cat-problematic');
    expect(card('new').className).toContain('cat-fresh');
    expect(card('contacted').className).toContain('cat-worked');
    expect(within(card('no_answer')).getByText('3,000')).toBeTruthy();
    expect(within(card('no_answer')).getByText('30.0%')).toBeTruthy();
    expect(figure('Total leads')).toBe('10,000');
    expect(figure('Recyclable leads')).toBe('4,200');
    expect(screen.getByRole('img', { name: 'Status distribution chart' })).toBeTruthy();
  });

  it('selects the recyclable statuses and updates the live figures', async () => {
    renderScreen();
    fireEvent.click(await screen.findByRole('button', { name: 'Select Recyclable' }));
    expect((screen.getByRole('checkbox', { name: 'no_answer' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'busy' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'new' }) as HTMLInputElement).checked).toBe(false);
    expect(figure('Selected')).toBe('4,200');
    await waitFor(() => expect(figure('Will recycle')).toBe('4,200'));
    fireEvent.click(screen.getByRole('checkbox', { name: '(no status)' }));
    expect(figure('Selected')).toBe('5,700');
    fireEvent.click(screen.getByRole('button', { name: 'Clear Selection' }));
    expect(figure('Selected')).toBe('0');
    expect((screen.getByRole('button', { name: 'Recycle' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('refuses final statuses without an override and reason, and dnc always', async () => {
    const { transport } = renderScreen({ 'recycling/preview': () => preview(300, [{ status: 'sale', count: 300 }]) });
    const sale = (await screen.findByRole('checkbox', { name: 'sale' })) as HTMLInputElement;
    const dnc = screen.getByRole('checkbox', { name: 'dnc' }) as HTMLInputElement;
    expect(sale.disabled).toBe(true);
    expect(dnc.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Allow final statuses (override)' }));
    expect(sale.disabled).toBe(false);
    expect(dnc.disabled).toBe(true);
    fireEvent.click(sale);
    expect(sale.checked).toBe(true);
    const recycle = screen.getByRole('button', { name: 'Recycle' }) as HTMLButtonElement;
    expect(recycle.disabled).toBe(true);
    fireEvent.change(screen.getByRole('textbox', { name: 'Override reason' }), { target: { value: 'Campaign relaunch' } });
    expect(recycle.disabled).toBe(false);
    fireEvent.click(recycle);
    await screen.findByRole('dialog', { name: 'Confirm recycle' });
    expect(callsTo(transport, 'recycling/preview')[0]).toMatchObject({ listId: 1, statuses: ['sale'], finalOverride: { reason: 'Campaign relaunch' } });
    // Turning the override off takes the final status out of the selection.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Allow final statuses (override)' }));
    expect(sale.checked).toBe(false);
    expect(figure('Selected')).toBe('0');
  });

  it('confirms with the exact preview count, recycles with progress, then reloads the figures', async () => {
    let finish!: (r: OperationResult) => void;
    const after = breakdownOf(1, [['new', 6_200], [null, 1_500], ['sale', 300], ['dnc', 100], ['XFER', 20], ['contacted', 1_880]]);
    let recycled = false;
    const { transport } = renderScreen({
      'recycling/breakdown': () => (recycled ? after : LIST1),
      'recycling/preview': () => preview(4_187, [{ status: 'no_answer', count: 2_990 }, { status: 'busy', count: 1_197 }]),
      'recycling/recycle': () =>
        new Promise<OperationResult>((resolve) => {
          finish = (r) => {
            recycled = true;
            resolve(r);
          };
        }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Select Recyclable' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Target status' }), { target: { value: 'new' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Reset dial count' }));
    fireEvent.click(screen.getByRole('button', { name: 'Recycle' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm recycle' });
    expect(within(dialog).getByTestId('will-change').textContent).toBe('4,187');
    expect(dialog.textContent).toContain('dial count reset');
    expect(callsTo(transport, 'recycling/recycle')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(callsTo(transport, 'recycling/recycle')).toHaveLength(1));
    const input = callsTo(transport, 'recycling/recycle')[0] as { progressId: string };
    expect(input).toMatchObject({ listId: 1, statuses: ['no_answer', 'busy'], targetStatus: 'new', resetDialCount: true });
    expect(input.progressId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    act(() => transport.emit('operation/progress', { progressId: input.progressId, phase: 'writing', done: 2_000, total: 4_187 }));
    const bar = screen.getByRole('progressbar', { name: 'Recycling progress' }) as HTMLProgressElement;
    expect(bar.value).toBe(2_000);
    expect(bar.max).toBe(4_187);
    // Another operation's progress is not ours.
    act(() => transport.emit('operation/progress', { progressId: 'other', phase: 'x', done: 1, total: 2 }));
    expect(bar.value).toBe(2_000);
    await act(async () => finish({ operation_id: UNDOABLE.operation_id, kind: 'recycle', changed: 4_187, list_id: 1 }));
    await screen.findByText('Recycled 4,187 leads.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    await waitFor(() => expect(figure('Total leads')).toBe('10,000'));
    await waitFor(() => expect(figure('Recyclable leads')).toBe('0'));
    expect(screen.queryByRole('checkbox', { name: 'no_answer' })).toBeNull();
  });

  it('shows the problem banner, the dry-run counts first, then fixes and drops the banner', async () => {
    let fixed = false;
    const { transport } = renderScreen({
      'leads/problem-report': () => (fixed ? problemReport({ unknown_status: 20 }, 20) : problemReport({ dialed_but_new: 900, null_status: 600, unknown_status: 20 }, 20)),
      'leads/fix-problematic': (input) => {
        if (input.dryRun) return problemReport({ dialed_but_new: 900, null_status: 600, unknown_status: 20 }, 20, 'dry-run');
        fixed = true;
        return problemReport({ dialed_but_new: 900, null_status: 600, unknown_status: 20 }, 20, 'fix');
      },
    });
    const banner = await screen.findByRole('alert', { name: /problem leads in this list/ });
    expect(banner.textContent).toContain('1,520 problem leads');
    expect(banner.textContent).toContain('900');
    expect(banner.textContent).toContain('dialed but still new or blank');
    expect(banner.textContent).toContain('600');
    // The banner counts the never-dialed blanks; the (no status) card counts every blank lead.
    expect(banner.textContent).toContain('no status, never dialed');
    expect(banner.textContent).toContain('the status cards below count every lead');
    const nullCard = screen.getByRole('checkbox', { name: '(no status)' }).closest('li')!;
    expect(nullCard.textContent).toContain('1,500');
    expect(nullCard.textContent).toContain('every lead with no status, dialed or not');
    fireEvent.click(within(banner).getByRole('button', { name: 'Fix Problematic Leads' }));
    const dialog = await screen.findByRole('dialog', { name: 'Fix problem leads' });
    expect(within(dialog).getByTestId('will-fix').textContent).toBe('1,500');
    // What the fixed leads become: a small status → count table, largest first.
    const after = within(dialog).getByRole('table', { name: 'Statuses of the fixed leads afterwards' });
    const afterRows = within(after).getAllByRole('row').slice(1).map((r) => Array.from(r.children, (c) => c.textContent));
    expect(afterRows).toEqual([
      ['failed', '900'],
      ['new', '600'],
    ]);
    expect(callsTo(transport, 'leads/fix-problematic')).toEqual([expect.objectContaining({ listId: 1, dryRun: true })]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await screen.findByText('Fixed 1,500 problem leads.');
    expect(callsTo(transport, 'leads/fix-problematic')[1]).toMatchObject({ listId: 1, dryRun: false });
    await waitFor(() => expect(screen.queryByRole('alert', { name: /problem leads/ })).toBeNull());
    // What no fix can repair stays visible, quietly.
    expect(screen.getByText(/20 leads have a status word/)).toBeTruthy();
  });

  it('undoes the last operation while it is undoable, and says why when it is not', async () => {
    let undoable: typeof UNDOABLE | null = UNDOABLE;
    const { transport } = renderScreen({
      'operations/last-undoable': () => undoable,
      'operations/undo': () => {
        undoable = null;
        return { operation_id: 'u', kind: 'undo', changed: 4_200, list_id: 1 };
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo last operation' });
    expect(dialog.textContent).toContain('4,200');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await screen.findByText(/Undone: 4,200 leads/);
    expect(callsTo(transport, 'operations/undo')[0]).toMatchObject({ operationId: UNDOABLE.operation_id });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull());
  });

  it('starts the form over after a recycle and after an undo', async () => {
    let undoable: typeof UNDOABLE | null = null;
    renderScreen({
      'operations/last-undoable': () => undoable,
      'recycling/recycle': () => {
        undoable = UNDOABLE;
        return { operation_id: UNDOABLE.operation_id, kind: 'recycle', changed: 4_200, list_id: 1 };
      },
      'operations/undo': () => {
        undoable = null;
        return { operation_id: 'u', kind: 'undo', changed: 4_200, list_id: 1 };
      },
    });
    const resetBox = () => screen.getByRole('checkbox', { name: 'Reset dial count' }) as HTMLInputElement;
    const target = () => (screen.getByRole('combobox', { name: 'Target status' }) as HTMLSelectElement).value;
    const fillForm = async () => {
      fireEvent.click(await screen.findByRole('button', { name: 'Select Recyclable' }));
      fireEvent.change(screen.getByRole('combobox', { name: 'Target status' }), { target: { value: 'no_answer' } });
      fireEvent.click(resetBox());
      fireEvent.click(screen.getByRole('checkbox', { name: 'Allow final statuses (override)' }));
      expect(resetBox().checked).toBe(true);
    };
    await fillForm();
    fireEvent.click(screen.getByRole('button', { name: 'Recycle' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Confirm recycle' })).getByRole('button', { name: 'Confirm' }));
    await screen.findByText('Recycled 4,200 leads.');
    expect(resetBox().checked).toBe(false);
    expect(target()).toBe('new');
    expect((screen.getByRole('checkbox', { name: 'Allow final statuses (override)' }) as HTMLInputElement).checked).toBe(false);
    expect(figure('Selected')).toBe('0');

    await fillForm();
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Undo last operation' })).getByRole('button', { name: 'Confirm' }));
    await screen.findByText(/Undone: 4,200 leads/);
    expect(resetBox().checked).toBe(false);
    expect(target()).toBe('new');
    expect(figure('Selected')).toBe('0');
  });

  it('disables Undo once the leads changed, with the reason', async () => {
    renderScreen({ 'operations/last-undoable': () => ({ ...UNDOABLE, undoable: false, reason: '12 leads changed since' }) });
    const undo = (await screen.findByRole('button', { name: 'Undo' })) as HTMLButtonElement;
    expect(undo.disabled).toBe(true);
    expect(screen.getByText(/cannot be undone: 12 leads changed since/)).toBeTruthy();
  });

  it('shows a failed call as a readable message', async () => {
    renderScreen({
      'recycling/preview': () => preview(4_200, []),
      'recycling/recycle': () => {
        throw new ConsoleError('conflict', 'Another recycle of this list is running.');
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Select Recyclable' }));
    fireEvent.click(screen.getByRole('button', { name: 'Recycle' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Confirm' }));
    const error = await screen.findByRole('alert', { name: 'Error' });
    expect(error.textContent).toContain('Recycling failed.');
    expect(error.textContent).toContain('Another recycle of this list is running.');
    expect(error.textContent).toContain('conflict');
  });

  it('is usable from the keyboard: Escape closes the confirmation', async () => {
    renderScreen({ 'recycling/preview': () => preview(4_200, []) });
    fireEvent.click(await screen.findByRole('button', { name: 'Select Recyclable' }));
    fireEvent.click(screen.getByRole('button', { name: 'Recycle' }));
    const dialog = await screen.findByRole('dialog');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Confirm' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('many odd words', () => {
  const ODD = breakdownOf(1, [
    ['new', 100],
    ['no_answer', 50],
    ['NA', 3],
    ['no answer', 2],
    ['N', 1],
    ['XFER', 1],
    ['busy', 20],
  ]);

  it('groups alias spellings under their catalogue status instead of a card each', async () => {
    localStorage.removeItem('lead-console-status-view');
    renderScreen({ 'recycling/breakdown': () => ODD });
    const cards = await screen.findByRole('list', { name: 'Statuses in this list' });
    const cardWords = within(cards).getAllByRole('checkbox').map((c) => c.getAttribute('aria-labelledby') && document.getElementById(c.getAttribute('aria-labelledby')!)!.textContent);
    expect(cardWords).toEqual(['new', 'no_answer', 'XFER', 'busy']);
    const group = screen.getByRole('list', { name: 'Spellings of no_answer' }).closest('details')!;
    expect(group.querySelector('summary')!.textContent).toBe('no_answer: 3 spellings, 6 leads');
    expect(within(group).getAllByRole('checkbox').map((c) => c.getAttribute('aria-label'))).toEqual(['NA', 'no answer', 'N']);
    // A spelling can still be chosen on its own.
    fireEvent.click(within(group).getByRole('checkbox', { name: 'NA' }));
    expect(figure('Selected')).toBe('3');
  });

  it('offers a compact table sortable by count, and remembers the choice', async () => {
    localStorage.removeItem('lead-console-status-view');
    renderScreen({ 'recycling/breakdown': () => ODD });
    fireEvent.click(await screen.findByRole('button', { name: 'Table' }));
    const table = screen.getByRole('table', { name: 'Statuses in this list' });
    const words = () => within(table).getAllByRole('checkbox').map((c) => c.getAttribute('aria-label'));
    expect(words()).toEqual(['new', 'no_answer', 'busy', 'NA', 'no answer', 'N', 'XFER']);
    fireEvent.click(within(table).getByRole('button', { name: /Leads/ }));
    expect(words().slice(0, 2)).toEqual(['N', 'XFER']);
    expect(within(table).getByRole('columnheader', { name: /Leads/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(table).getByRole('checkbox', { name: 'busy' }));
    expect(figure('Selected')).toBe('20');
    expect(localStorage.getItem('lead-console-status-view')).toBe('table');
    cleanup();
    renderScreen({ 'recycling/breakdown': () => ODD });
    expect(await screen.findByRole('table', { name: 'Statuses in this list' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Table' }).getAttribute('aria-pressed')).toBe('true');
    localStorage.removeItem('lead-console-status-view');
  });
});

describe('the live "Will recycle" figure', () => {
  it("shows the back end's exact count for the current choice, asked again on every change", async () => {
    const { transport } = renderScreen({
      'recycling/preview': (input) => preview(input.resetDialCount ? 4_190 : 4_150, []),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Select Recyclable' }));
    await waitFor(() => expect(figure('Will recycle')).toBe('4,150'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Reset dial count' }));
    await waitFor(() => expect(figure('Will recycle')).toBe('4,190'));
    expect(callsTo(transport, 'recycling/preview').at(-1)).toEqual({ listId: 1, statuses: ['no_answer', 'busy'], targetStatus: 'new', resetDialCount: true });
    fireEvent.click(screen.getByRole('button', { name: 'Clear Selection' }));
    expect(figure('Will recycle')).toBe('0');
  });
});

describe('recycling screen from the keyboard', () => {
  it('reaches the buttons and status checkboxes with Tab and toggles them with Space', async () => {
    const { default: userEvent } = await import('@testing-library/user-event');
    const user = userEvent.setup();
    renderScreen();
    const select = await screen.findByRole('button', { name: 'Select Recyclable' });
    select.focus();
    await user.keyboard('{Enter}');
    expect(figure('Selected')).toBe('4,200');
    const nullBox = screen.getByRole('checkbox', { name: '(no status)' });
    nullBox.focus();
    await user.keyboard(' ');
    expect(figure('Selected')).toBe('5,700');
    // Tab goes on to the next card that can be picked: sale (final) and dnc are skipped.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'XFER' }));
  });
});
