// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LeadStory, MapStatusResult } from '../../shared/types/leads';
import { App } from '../../renderer/src/app';
import { RecyclingScreen } from '../../renderer/src/screens/recycling/recycling-screen';
import { breakdownOf, problemReport } from './support/fixtures';
import { callsTo, renderWithStores } from './support/render';

afterEach(cleanup);

const story = (status: string): LeadStory => ({
  lead: { id: 7, list_id: 1, list_name: 'Main', list_active: true, campaign_id: 1, campaign_name: 'Solar', campaign_active: true, phone: '+1 212 555 0101', first_name: 'Ann', last_name: 'Lee', timezone: null, status, dial_attempts: 2, answered_count: 0, last_dial_attempt: '2026-11-24T10:00:00.000Z', dial_result: 'busy', last_status_change: null, attempts_reset_at: null, created_at: '2026-11-01T00:00:00.000Z' },
  calls: [{ id: 1, call_uuid: 'c1', started_at: '2026-11-24T10:00:00.000Z', ended_at: null, duration_seconds: 12, result: 'B', classified: 'busy', hangup_cause: null, agent: 'amy', lead_synced_at: '2026-11-24T10:00:01.000Z' }],
  audit: status === 'busy' ? [] : [{ id: 9, created_at: '2026-11-24T15:00:00.000Z', old_status: 'busy', new_status: status, source: 'manual', reason: 'called in', operation_id: null, operation_kind: null, changed_by: 'sup' }],
  hopper: null,
  callbacks: [],
  phone_on_dnc: false,
  eligibility: { now: '2026-11-24T15:00:00.000Z', eligible: false, rule: 'retry_delay', next_eligible_at: null, all_rules: ['retry_delay', 'attempt_cap'] },
});

/** The app with a search that finds lead #7 (Ann Lee). */
const LEAD_7_SEARCH: Parameters<typeof renderWithStores>[1] = {
  'app/get-info': () => ({ version: 't', database: { kind: 'sqlite', description: 'test' }, shell: 'browser' }),
  'campaigns/list': () => [],
  'leads/search': ({ query }) => ({ query, searched: ['phone'], next_before_id: null, leads: [{ id: 7, list_id: 1, list_name: 'Main', campaign_id: 1, campaign_name: 'Solar', phone: '+1 212 555 0101', first_name: 'Ann', last_name: 'Lee', status: 'busy', dial_attempts: 2, last_dial_attempt: null, created_at: '2026-11-01T00:00:00.000Z', matched: ['phone'] }] }),
};

/** Types a phone into the search, submits it and opens lead #7 from the results. */
async function openLead7(box: HTMLElement): Promise<void> {
  fireEvent.change(box, { target: { value: '555 0101' } });
  fireEvent.submit(box.closest('form')!);
  fireEvent.click(await screen.findByRole('button', { name: /#7 Ann Lee/ }));
}

describe('Lead screen', () => {
  it('Ctrl+K focuses the search, a result opens the lead, a status set with a reason shows in the timeline', async () => {
    let current = story('busy');
    const { transport } = renderWithStores(<App />, {
      ...LEAD_7_SEARCH,
      'leads/story': () => current,
      'leads/set-status': ({ leadId, status }) => {
        current = story(status);
        return { lead_id: leadId, action: 'set_status', old_status: 'busy', new_status: status, removed_from_hopper: false, changed_by: 'sup' };
      },
    });
    const box = screen.getByRole('searchbox', { name: /find a lead/i });
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    expect(document.activeElement).toBe(box);
    await openLead7(box);
    expect(await screen.findByRole('heading', { name: 'Lead #7: Ann Lee' })).toBeTruthy();
    expect(screen.getByLabelText('Eligibility now').textContent).toBe(
      'Not eligible now: it was dialed too recently: the retry delay has not passed. Also: it has reached the maximum number of dial attempts. It will not become eligible by itself.',
    );
    const setButton = screen.getByRole('button', { name: 'Set status' }) as HTMLButtonElement;
    expect(setButton.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'called in' } });
    fireEvent.change(screen.getByLabelText('New status'), { target: { value: 'not_interested' } });
    fireEvent.click(setButton);
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Timeline' })).getByText('busy → not_interested')).toBeTruthy());
    expect(callsTo(transport, 'leads/set-status')).toEqual([{ leadId: 7, status: 'not_interested', reason: 'called in', overrideFinal: false }]);
  });

  it('schedules a callback with a reason: the time as ISO, the agent when given, and the story shows it', async () => {
    let current = story('busy');
    const { transport } = renderWithStores(<App />, {
      ...LEAD_7_SEARCH,
      'leads/story': () => current,
      'leads/schedule-callback': ({ leadId, dueAt, agent }) => {
        current = { ...story('busy'), callbacks: [{ id: 3, due_at: dueAt, scope: agent ? 'agent' : 'anyone', agent: agent ?? null, state: 'pending', note: null, created_at: '2026-11-24T15:00:00.000Z' }] };
        return { lead_id: leadId, action: 'schedule_callback', old_status: 'busy', new_status: 'busy', removed_from_hopper: false, changed_by: 'sup', callback_id: 3 };
      },
    });
    const box = screen.getByRole('searchbox', { name: /find a lead/i });
    await openLead7(box);
    const schedule = (await screen.findByRole('button', { name: 'Schedule a callback' })) as HTMLButtonElement;
    expect(schedule.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'asked for tomorrow' } });
    fireEvent.change(screen.getByLabelText('Callback at'), { target: { value: '2026-11-25T10:30' } });
    fireEvent.change(screen.getByLabelText(/Agent/), { target: { value: ' amy ' } });
    expect(schedule.disabled).toBe(false);
    fireEvent.click(schedule);
    await waitFor(() => expect(callsTo(transport, 'leads/schedule-callback')).toEqual([{ leadId: 7, dueAt: new Date('2026-11-25T10:30').toISOString(), reason: 'asked for tomorrow', agent: 'amy' }]));
    await waitFor(() => expect(screen.getByText(/\(amy, pending\)/)).toBeTruthy());
  });

  it('"Map to…" on an unknown word: exact count first, then one map of the chosen scope', async () => {
    const list = breakdownOf(1, [['XFER', 20], ['new', 5]]);
    const dry = (listId: number | undefined): MapStatusResult => ({ from: 'xfer', to: 'contacted', list_id: listId ?? null, changed: listId ? 20 : 31, words: [], operation_id: null, alias_saved: false, dry_run: true });
    const { transport } = renderWithStores(<RecyclingScreen listId={1} title="Main" subtitle="" />, {
      'recycling/breakdown': () => list,
      'leads/problem-report': () => problemReport(),
      'operations/last-undoable': () => null,
      'statuses/map': (input) => (input.dryRun ? dry(input.listId) : { ...dry(input.listId), dry_run: false, operation_id: '3f2b8c1e-0000-4000-8000-000000000000', alias_saved: Boolean(input.saveAlias) }),
    });
    expect(screen.queryByRole('button', { name: 'Map new to…' })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'Map XFER to…' }));
    fireEvent.change(await screen.findByLabelText('Map to status'), { target: { value: 'contacted' } });
    expect((await screen.findByLabelText('Leads that will move')).textContent).toBe('20 leads will move to contacted, as one operation you can undo.');
    fireEvent.click(screen.getByLabelText('all lists'));
    await waitFor(() => expect(screen.getByLabelText('Leads that will move').textContent).toContain('31 leads'));
    fireEvent.click(screen.getByLabelText(/Save as an alias/));
    fireEvent.click(screen.getByRole('button', { name: 'Move 31 leads to contacted' }));
    await waitFor(() => expect(callsTo(transport, 'statuses/map').filter((c) => !(c as { dryRun?: boolean }).dryRun)).toEqual([{ from: 'XFER', to: 'contacted', saveAlias: true }]));
  });
});
