// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app';
import { ConsoleError } from '../../shared/errors';
import { CAMPAIGNS, INFO, LIST1, breakdownOf, problemReport } from './support/fixtures';
import { callsTo, renderWithStores } from './support/render';
import { liveCampaign, liveView } from './support/report-fixtures';

afterEach(cleanup);

const base = {
  'app/get-info': () => INFO,
  'campaigns/list': () => CAMPAIGNS,
  'recycling/breakdown': (i: { listId: number }) => (i.listId === 1 ? LIST1 : breakdownOf(i.listId, [['new', 40]])),
  'leads/problem-report': () => problemReport(),
  'operations/last-undoable': () => null,
  'reports/live': () => liveView([liveCampaign()]),
};

/** The console opens on the live view; these tests start from a list's recycling screen. */
async function openRecycling() {
  const screens = await screen.findByRole('navigation', { name: 'Screens' });
  await screen.findByRole('heading', { name: 'Live campaigns' });
  fireEvent.click(within(screens).getByRole('button', { name: 'Recycling' }));
}

describe('console frame', () => {
  it('lists campaigns with their lists and opens a list', async () => {
    const { transport } = renderWithStores(<App />, base);
    const nav = await screen.findByRole('navigation', { name: 'Campaigns' });
    fireEvent.click(await within(nav).findByRole('button', { name: /Solar — Main import/ }));
    expect(await screen.findByRole('heading', { name: 'Solar — Main import' })).toBeTruthy();
    expect(within(nav).getByRole('button', { name: /Solar — Main import/ }).getAttribute('aria-current')).toBe('true');
    expect(within(nav).getByRole('button', { name: /10,000/ })).toBeTruthy();
    fireEvent.click(within(nav).getByRole('button', { name: /Winback — Former/ }));
    expect(await screen.findByRole('heading', { name: 'Winback — Former' })).toBeTruthy();
    await waitFor(() => expect(callsTo(transport, 'recycling/breakdown')).toContainEqual({ listId: 3 }));
    expect(screen.getByText('/tmp/demo.sqlite')).toBeTruthy();
  });

  it('shows a banner while the database is unavailable', async () => {
    const { transport } = renderWithStores(<App />, base);
    await openRecycling();
    await screen.findByRole('heading', { name: 'Solar — Main import' });
    expect(screen.queryByRole('alert', { name: 'Database unavailable' })).toBeNull();
    act(() => transport.emit('database/status', { state: 'unavailable', message: 'connection refused (127.0.0.1:5432)' }));
    const banner = screen.getByRole('alert', { name: 'Database unavailable' });
    expect(banner.textContent).toContain('connection refused');
    act(() => transport.emit('database/status', { state: 'ok', message: '' }));
    expect(screen.queryByRole('alert', { name: 'Database unavailable' })).toBeNull();
  });

  it('shows errors from calls, never swallows them', async () => {
    renderWithStores(<App />, {
      ...base,
      'campaigns/list': () => {
        throw new ConsoleError('database_unavailable', 'The database cannot be reached.');
      },
    });
    const error = await screen.findByRole('alert', { name: 'Error' });
    expect(error.textContent).toContain('Loading campaigns failed.');
    expect(error.textContent).toContain('The database cannot be reached.');
    expect(screen.getByRole('alert', { name: 'Database unavailable' })).toBeTruthy();
    fireEvent.click(within(error).getByRole('button', { name: /Dismiss/ }));
    expect(screen.queryByRole('alert', { name: 'Error' })).toBeNull();
  });

  it("keeps an error on the screen where it happened", async () => {
    renderWithStores(<App />, {
      ...base,
      'recycling/breakdown': () => {
        throw new ConsoleError('conflict', 'The list is being recycled by another console.');
      },
      'audit/list': () => [],
    });
    await openRecycling();
    const error = await screen.findByRole('alert', { name: 'Error' });
    expect(error.textContent).toContain('Loading the list failed.');
    const screens = screen.getByRole('navigation', { name: 'Screens' });
    fireEvent.click(within(screens).getByRole('button', { name: 'Audit' }));
    await screen.findByRole('heading', { name: 'Audit' });
    expect(screen.queryByRole('alert', { name: 'Error' })).toBeNull();
    fireEvent.click(within(screens).getByRole('button', { name: 'Recycling' }));
    expect((await screen.findByRole('alert', { name: 'Error' })).textContent).toContain('Loading the list failed.');
  });

  it('settings: a failed connection test is told on the form, not as a database outage', async () => {
    renderWithStores(<App />, {
      ...base,
      'database/test-postgres': () => {
        throw new ConsoleError('database_unavailable', 'PostgreSQL at db:5432 refused the user name or password.');
      },
      'database/connect-postgres': () => {
        throw new ConsoleError('database_unavailable', 'PostgreSQL at db:5432 is not answering.');
      },
    });
    await screen.findByRole('heading', { name: 'Live campaigns' });
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Screens' })).getByRole('button', { name: 'Settings' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Database' }), { target: { value: 'lc' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'User' }), { target: { value: 'leads' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const failure = await screen.findByRole('alert', { name: 'PostgreSQL connection failed' });
    expect(failure.textContent).toContain('refused the user name or password');
    expect(screen.queryByRole('alert', { name: 'Database unavailable' })).toBeNull();
    expect(screen.queryByRole('alert', { name: 'Error' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(screen.getByRole('alert', { name: 'PostgreSQL connection failed' }).textContent).toContain('still uses the database it had'));
    expect(screen.queryByRole('alert', { name: 'Database unavailable' })).toBeNull();
  });

  it('follows the OS colour scheme until a theme is picked, and remembers the pick', async () => {
    localStorage.removeItem('lead-console-theme');
    delete document.documentElement.dataset.theme;
    renderWithStores(<App />, base);
    const picker = (await screen.findByRole('combobox', { name: 'Theme' })) as HTMLSelectElement;
    expect(picker.value).toBe('system');
    expect(document.documentElement.dataset.theme).toBeUndefined();
    fireEvent.change(picker, { target: { value: 'dark' } });
    expect(document.documentElement.dataset.theme).toBe('dark');
    cleanup();
    delete document.documentElement.dataset.theme;
    // The next window opens dark.
    renderWithStores(<App />, base);
    expect(((await screen.findByRole('combobox', { name: 'Theme' })) as HTMLSelectElement).value).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.change(screen.getByRole('combobox', { name: 'Theme' }), { target: { value: 'system' } });
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(localStorage.getItem('lead-console-theme')).toBe('system');
  });

  it('settings: tests a PostgreSQL connection, then connects', async () => {
    const { transport } = renderWithStores(<App />, {
      ...base,
      'database/test-postgres': () => ({ ok: true, server_version: '17.2' }),
      'database/connect-postgres': () => ({ ...INFO, database: { kind: 'postgres', description: 'leads@db:5432/lc', has_password: true } }),
    });
    await screen.findByRole('heading', { name: 'Live campaigns' });
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Screens' })).getByRole('button', { name: 'Settings' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Host' }), { target: { value: 'db' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Database' }), { target: { value: 'lc' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'User' }), { target: { value: 'leads' } });
    // SQLite in use: no password is stored, so none is offered to keep.
    expect(screen.getByLabelText('Password').getAttribute('placeholder')).toBeNull();
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 's3cret' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'SSL' }), { target: { value: 'verify-full' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Connection works (PostgreSQL 17.2).');
    expect(callsTo(transport, 'database/test-postgres')[0]).toEqual({ host: 'db', port: 5432, database: 'lc', user: 'leads', password: 's3cret', sslMode: 'verify-full' });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await screen.findByText('Now using leads@db:5432/lc.');
    // Connected with a password: the form now offers to keep it.
    expect(screen.getByLabelText('Password').getAttribute('placeholder')).toBe('(keep the stored one)');
    await waitFor(() => expect(callsTo(transport, 'campaigns/list').length).toBeGreaterThanOrEqual(2));
  });
});
