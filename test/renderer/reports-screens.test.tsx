// @vitest-environment jsdom
// The live campaign view (the landing screen, kept current by push events) and the two report
// screens, over an in-memory transport. The charts' canvases are not drawn in jsdom (no layout);
// their tables, the charts' text alternative, carry every figure and are what is checked here.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app';
import { ActivityScreen } from '../../renderer/src/screens/reports/activity-screen';
import { PenetrationScreen } from '../../renderer/src/screens/reports/penetration-screen';
import { fitLabel, stackValues } from '../../renderer/src/components/charts/bar-chart';
import { runsDryText } from '../../renderer/src/screens/live/live-text';
import { mergeLive } from '../../renderer/src/stores/live-store';
import { CAMPAIGNS, INFO, breakdownOf, problemReport } from './support/fixtures';
import { callsTo, renderWithStores } from './support/render';
import { ACTIVITY, PENETRATION, liveCampaign, liveView, penetrationOf } from './support/report-fixtures';

afterEach(cleanup);

const figure = (region: HTMLElement, label: string) => within(region).getByLabelText(label).textContent;

describe('live campaign view', () => {
  it('is the landing screen, moves with push events, flags the abandon rate and links the fix', async () => {
    const { transport } = renderWithStores(<App />, {
      'app/get-info': () => INFO,
      'campaigns/list': () => CAMPAIGNS,
      'reports/live': () => liveView([liveCampaign(), liveCampaign({ campaign_id: 2, campaign_name: 'Winback Q4', abandon_rate_30d: 0.031, abandon_flag: true, problem_leads: 0, problem_list_id: null, compliance_incidents_today: 2 })]),
      'recycling/breakdown': (i) => breakdownOf(i.listId, [['new', 40]]),
      'leads/problem-report': () => problemReport(),
      'operations/last-undoable': () => null,
    });
    await screen.findByRole('heading', { name: 'Live campaigns' });
    const solar = await screen.findByRole('region', { name: 'Solar Savings Outreach' });
    expect(figure(solar, 'Hopper')).toBe('120 / 200');
    expect(figure(solar, 'Eligible now')).toBe('4,200');
    expect(figure(solar, 'Dials, last 15 min')).toBe('30');
    expect(figure(solar, 'Answers, last 60 min')).toBe('33');
    expect(figure(solar, 'Abandon rate, 30 days')).toBe('2.1%');
    expect(figure(solar, 'Problem leads')).toBe('37');
    expect(within(solar).getByRole('list', { name: 'Outcomes today, Solar Savings Outreach' }).textContent).toContain('no_answer 60');
    const winback = screen.getByRole('region', { name: 'Winback Q4' });
    expect(figure(winback, 'Abandon rate, 30 days')).toBe('3.1%');
    expect(within(winback).getByText(/Above the 3.0% limit/)).toBeTruthy();
    expect(figure(winback, 'Compliance incidents today')).toBe('2');
    expect(within(winback).queryByRole('button', { name: 'Fix them' })).toBeNull();

    // A dial result elsewhere: main pushes the campaign's new figures; no call from the page.
    const before = transport.calls.length;
    act(() => transport.emit('reports/live-updated', liveView([liveCampaign({ refreshed_at: '2026-11-24T15:00:05.000Z', dials_15m: 31, hopper: { queued: 119, dialing: 4, target: 200 } })], '2026-11-24T15:00:05.000Z')));
    expect(figure(solar, 'Dials, last 15 min')).toBe('31');
    expect(figure(solar, 'Hopper')).toBe('119 / 200');
    expect(figure(winback, 'Dials, last 15 min')).toBe('30');
    expect(transport.calls.length).toBe(before);

    fireEvent.click(within(solar).getByRole('button', { name: 'Fix them' }));
    expect(await screen.findByRole('heading', { name: 'Solar — Web form' })).toBeTruthy();
    await waitFor(() => expect(callsTo(transport, 'recycling/breakdown')).toContainEqual({ listId: 2 }));
  });

  it('keeps the newer figures of a campaign whichever arrives last', () => {
    const old = liveCampaign({ refreshed_at: '2026-11-24T15:00:00.000Z', dials_15m: 1 });
    const fresh = liveCampaign({ refreshed_at: '2026-11-24T15:00:05.000Z', dials_15m: 2 });
    const other = liveCampaign({ campaign_id: 9, campaign_name: 'Other' });
    expect(mergeLive([fresh], [old], false)[0].dials_15m).toBe(2);
    expect(mergeLive([old], [fresh], false)[0].dials_15m).toBe(2);
    expect(mergeLive([old, other], [fresh], false).map((c) => c.campaign_id)).toEqual([1, 9]);
    // A full snapshot drops campaigns it does not have (another database).
    expect(mergeLive([fresh, other], [old], true).map((c) => [c.campaign_id, c.dials_15m])).toEqual([[1, 2]]);
  });
});

describe('penetration screen', () => {
  it('shows totals, statuses, the attempts histogram, every list of the campaign and timezones; exports CSV; asks "what if"', async () => {
    const create = vi.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { transport } = renderWithStores(<PenetrationScreen listId={1} title="Solar — Main import" subtitle="Solar" campaignListIds={[1, 2]} />, {
      'reports/penetration': (i) => (i.listId === 1 ? { ...PENETRATION, now: i.now ?? PENETRATION.now } : penetrationOf(2, 'Solar — Retry', 0.61)),
      'reports/penetration-csv': () => ({ filename: 'penetration-list-1.csv', csv: 'status,leads\n', rows: 4 }),
    });
    await screen.findByRole('table', { name: 'Penetration by status' });
    expect(screen.getByLabelText('Leads').textContent).toBe('10,000');
    expect(screen.getByLabelText('Dialable').textContent).toBe('4,700');
    expect(screen.getByLabelText('Penetration').textContent).toBe('23.0%');
    const statuses = screen.getByRole('table', { name: 'Penetration by status' });
    expect(within(statuses).getByRole('row', { name: /no_answer/ }).textContent).toContain('1,200');
    expect(within(statuses).getByRole('row', { name: /\(no status\)/ })).toBeTruthy();
    const histogram = screen.getByRole('table', { name: 'Leads by dial attempts' });
    expect(within(histogram).getAllByRole('row').map((r) => r.textContent)).toEqual(['Dial attemptsLeads', '04,050', '13,000', '21,450', '3+1,500']);
    const perList = await screen.findByRole('table', { name: 'Penetration per list' });
    expect(within(perList).getByRole('row', { name: /Retry/ }).textContent).toContain('61.0%');
    const zones = screen.getByRole('table', { name: 'Penetration by timezone' });
    expect(within(zones).getByRole('row', { name: /Los_Angeles/ }).textContent).toContain('closed');
    expect(within(zones).getByRole('row', { name: /New_York/ }).textContent).toContain('open');

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(callsTo(transport, 'reports/penetration-csv')).toEqual([{ listId: 1 }]);

    const whatIf = screen.getByRole('form', { name: 'What if' });
    fireEvent.change(within(whatIf).getByLabelText('Evaluate at'), { target: { value: '2026-11-25T09:30' } });
    fireEvent.click(within(whatIf).getByRole('button', { name: 'Show' }));
    const iso = new Date('2026-11-25T09:30').toISOString();
    await waitFor(() => expect(callsTo(transport, 'reports/penetration')).toContainEqual({ listId: 1, now: iso }));
    expect(callsTo(transport, 'reports/penetration')).toContainEqual({ listId: 2, now: iso });
    await screen.findByText(/\(what if\)/);
    click.mockRestore();
  });
});

describe('activity screen', () => {
  it('shows calls, the flagged abandon rate, "no recent dialing", the outcome mix and the quarter hours; changes the period', async () => {
    const { transport } = renderWithStores(<ActivityScreen campaignId={1} campaignName="Solar Savings Outreach" />, {
      'reports/activity': () => ACTIVITY,
    });
    await screen.findByRole('table', { name: 'Outcome mix' });
    expect(callsTo(transport, 'reports/activity')).toEqual([{ campaignId: 1 }]);
    expect(screen.getByLabelText('Calls').textContent).toBe('50');
    expect(screen.getByLabelText('Answered').textContent).toBe('14');
    expect(screen.getByLabelText('Abandon rate, 30 days').textContent).toBe('3.3%');
    expect(screen.getByText(/Above the 3.0% limit/)).toBeTruthy();
    expect(screen.getByLabelText('Runs dry').textContent).toBe('No recent dialing');
    const mix = screen.getByRole('table', { name: 'Outcome mix' });
    expect(within(mix).getByRole('row', { name: /no_answer/ }).textContent).toContain('60.0%');
    // The quarter hour without a call is left out of the tables.
    const perQuarter = screen.getByRole('table', { name: 'Calls per 15 minutes' });
    expect(within(perQuarter).getAllByRole('row')).toHaveLength(4);
    const stacked = screen.getByRole('table', { name: 'Outcomes per 15 minutes' });
    expect(within(stacked).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Quarter hour', 'contacted', 'sale', 'no_answer', 'busy', 'dropped']);

    const period = screen.getByRole('form', { name: 'Period' });
    fireEvent.change(within(period).getByLabelText('From'), { target: { value: '2026-11-20T08:00' } });
    fireEvent.change(within(period).getByLabelText('To'), { target: { value: '2026-11-21T08:00' } });
    fireEvent.click(within(period).getByRole('button', { name: 'Show' }));
    await waitFor(() =>
      expect(callsTo(transport, 'reports/activity').at(-1)).toEqual({ campaignId: 1, from: new Date('2026-11-20T08:00').toISOString(), to: new Date('2026-11-21T08:00').toISOString() }),
    );
    // "From" after "to" is refused on the form.
    fireEvent.change(within(period).getByLabelText('From'), { target: { value: '2026-11-22T08:00' } });
    expect((within(period).getByRole('button', { name: 'Show' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('stacks outcome values into running totals for the chart, and cuts category names to their room', () => {
    expect(stackValues([[1, 2], [3, 0], [1, 1]])).toEqual([[1, 2], [4, 2], [5, 3]]);
    expect(fitLabel('Solar — Main import (Sept)', 400)).toBe('Solar — Main import (Sept)');
    expect(fitLabel('Solar — Main import (Sept)', 100)).toBe('Solar — Main…');
  });

  it('says when a campaign runs dry in words a supervisor reads', () => {
    const now = new Date('2026-11-24T15:00:00');
    expect(runsDryText(null, 'no recent dialing', now)).toBe('No recent dialing');
    expect(runsDryText(null, 'nothing left to dial today', now)).toBe('Nothing left today');
    expect(runsDryText(new Date('2026-11-24T17:10:00').toISOString(), null, now)).toMatch(/\(in 2 h 10 min\)$/);
    expect(runsDryText(new Date('2026-11-29T15:00:00').toISOString(), null, now)).toMatch(/^Nov 29, .*\(in 5 days\)$/);
  });
});
