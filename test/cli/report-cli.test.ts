// `report penetration` and `report activity` as a supervisor runs them, on both databases: the
// JSON keys the issue names, the text and CSV forms, --now, and bad input as one line, exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import { createTestTarget, DIALECTS } from '../support/databases';
import { dbArgs, runCli } from '../support/cli';
import { makeCampaign, makeLead, makeList } from '../support/fixtures';
import { NOON, minutesBefore } from '../support/hopper-fixtures';
import { makeCampaignCall } from '../support/report-fixtures';

for (const dialect of DIALECTS) {
  describe(`report commands [${dialect}] (separate process)`, { timeout: 240_000 }, () => {
    let h: DbHandle;
    let args: string[];
    let campaign: number;
    let list: number;
    const run = (...a: string[]) => runCli([...a, ...args, '--now', NOON]);
    beforeAll(async () => {
      const target = await createTestTarget(dialect);
      h = await openDatabase(target);
      args = dbArgs(target);
      campaign = await makeCampaign(h, 'Cli', { timezone: 'UTC', max_dial_attempts: 2 });
      list = await makeList(h, campaign);
      const lead = await makeLead(h, list, { status: 'no_answer', dial_attempts: 4, last_dial_attempt: minutesBefore(NOON, 30) });
      await makeLead(h, list);
      await makeLead(h, list, { status: ' Sale ', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 300) });
      await makeCampaignCall(h, campaign, lead, minutesBefore(NOON, 30), 'no_answer');
      await makeCampaignCall(h, campaign, lead, minutesBefore(NOON, 20), 'DROP');
    });
    afterAll(() => h.close());

    it('report penetration --json has the keys the issue names', async () => {
      const r = await run('report', 'penetration', '--list', String(list), '--json');
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(Object.keys(json)).toEqual(expect.arrayContaining(['statuses', 'totals', 'penetration', 'attempts_histogram', 'timezones']));
      expect(json.statuses).toEqual([
        { status: 'new', leads: 1, called: 0, not_called: 1, dialable: 1 },
        { status: 'no_answer', leads: 1, called: 1, not_called: 0, dialable: 0 },
        { status: 'sale', leads: 1, called: 1, not_called: 0, dialable: 0 },
      ]);
      expect(json.totals).toEqual({ leads: 3, called: 2, not_called: 1, dialable: 1 });
      expect(json.penetration).toBe(0.666667);
      expect(json.attempts_histogram).toEqual([
        { attempts: 0, leads: 1 },
        { attempts: 1, leads: 1 },
        { attempts: 2, leads: 1 },
      ]);
      expect(json.timezones).toEqual([{ timezone: 'UTC', leads: 3, called: 2, dialable: 1, window_open: true }]);
      // At 02:00 the window is closed: nothing dialable.
      const night = JSON.parse((await runCli(['report', 'penetration', '--list', String(list), '--json', ...args, '--now', '2026-11-24T02:00:00Z'])).stdout);
      expect([night.totals.dialable, night.timezones[0].window_open]).toEqual([0, false]);
    });

    it('report activity --json has the keys the issue names; text and CSV read the same figures', async () => {
      const r = await run('report', 'activity', '--campaign', String(campaign), '--json');
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json).toMatchObject({ calls: 2, answered: 0, outcomes: { dropped: 1, no_answer: 1 }, abandon_rate_30d: 1, abandon_flag: true, runs_dry_at: '2026-11-24T12:30:00.000Z' });
      expect(json.per_15_minutes).toHaveLength(48);
      expect(json.per_15_minutes.filter((q: { calls: number }) => q.calls > 0).map((q: { start: string }) => q.start)).toEqual(['2026-11-24T11:30:00.000Z']);
      const text = await run('report', 'activity', '--campaign', String(campaign), '--from', '2026-11-24T11:00:00Z', '--to', '2026-11-24T12:00:00Z');
      expect(text.stdout).toContain('2 calls, 0 answered');
      expect(text.stdout).toContain('ABOVE the 3% limit');
      const csv = await run('report', 'activity', '--campaign', String(campaign), '--csv');
      expect(csv.stdout.split('\r\n')[0]).toMatch(/^campaign_id,campaign_name,from,to,calls/);
      const pen = await run('report', 'penetration', '--list', String(list));
      expect(pen.stdout).toContain('penetration 66.7% (2 of 3 leads done)');
    });

    it('bad input is one line and exit 2', async () => {
      for (const bad of [
        ['report', 'penetration', '--list', '987654'],
        ['report', 'penetration', '--list', 'x'],
        ['report', 'activity', '--campaign', String(campaign), '--from', '2026-11-24T12:00:00Z', '--to', '2026-11-24T11:00:00Z'],
        ['report', 'activity', '--campaign', String(campaign), '--to', 'tomorrow'],
      ]) {
        const r = await run(...bad);
        expect(r.code, bad.join(' ')).toBe(2);
        expect(r.stderr.trim().split('\n').filter((l) => !/password/i.test(l)), bad.join(' ')).toHaveLength(1);
      }
    });
  });
}
