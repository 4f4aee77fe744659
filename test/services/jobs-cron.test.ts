import parser from 'cron-parser';
import { describe, expect, it, vi } from 'vitest';
import { describeCron, latestTick, nextTick, validateCron } from '../../main/services/jobs/cron';
import { JOB_DEFINITIONS } from '../../main/services/jobs/job-definitions';

describe('job schedules (cron)', () => {
  it('describes the default schedules the way a supervisor reads them', () => {
    const text = Object.fromEntries(Object.values(JOB_DEFINITIONS).map((d) => [d.name, describeCron(d.defaultSchedule)]));
    expect(text).toEqual({
      fill_hopper: 'Every minute',
      retry_dropped_calls: 'Every 2 minutes',
      recycle_failed_calls: 'Every 5 minutes',
      cleanup_stale_hopper_entries: 'Every 5 minutes',
      sync_call_log_to_lead_status: 'Every 10 minutes',
      reconcile_lead_status: 'At 02:00',
    });
  });

  it.each([
    ['', /five fields/],
    ['* * * *', /five fields/],
    ['* * * * * *', /five fields/],
    ['@daily', /five fields/],
    ['61 * * * *', /not a valid schedule/],
    ['*/61 * * * *', /minute step \/61 is larger than 59/],
    ['0 */25 * * *', /hour step/],
    ['*/0 * * * *', /not a valid schedule/],
    ['0 0 30 2 *', /not a valid schedule/],
    // Each named month has 30 days or fewer: the job would silently never run.
    ['0 0 31 4,6,9,11 *', /never runs/],
    ['0 0 30,31 2 *', /not a valid schedule/],
    ['0 0 31 2,4 *', /never runs/],
    ['every 5 minutes', /not a valid schedule/],
    ['x'.repeat(200), /too long/],
  ])('refuses %j with one line', (expr, message) => {
    expect(() => validateCron(expr)).toThrow(message);
    try {
      validateCron(expr);
    } catch (error) {
      expect((error as Error).message.split('\n')).toHaveLength(1);
      expect((error as { code: string }).code).toBe('invalid_input');
    }
  });

  it('accepts and tidies a valid expression', () => {
    expect(validateCron('  */5   *  * * * ')).toBe('*/5 * * * *');
    expect(validateCron('0 2 * * MON-FRI')).toBe('0 2 * * MON-FRI');
  });

  it('finds the next tick strictly after a time and the latest tick at or before it', () => {
    const t = new Date('2026-03-02T10:05:00.000Z');
    expect(nextTick('*/5 * * * *', t, { timezone: 'UTC' })?.toISOString()).toBe('2026-03-02T10:10:00.000Z');
    expect(latestTick('*/5 * * * *', t, { timezone: 'UTC' })?.toISOString()).toBe('2026-03-02T10:05:00.000Z');
    expect(latestTick('*/5 * * * *', new Date('2026-03-02T10:09:59.999Z'), { timezone: 'UTC' })?.toISOString()).toBe('2026-03-02T10:05:00.000Z');
  });

  it('reads 02:00 in the given zone (daily reconcile at 02:00 local)', () => {
    const from = new Date('2026-03-02T00:00:00.000Z');
    expect(nextTick('0 2 * * *', from, { timezone: 'America/New_York' })?.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(nextTick('0 2 * * *', from, { timezone: 'Europe/Paris' })?.toISOString()).toBe('2026-03-02T01:00:00.000Z');
  });

  it('accepts day-of-month schedules that do run (a leap day, the last day, a weekday)', () => {
    expect(validateCron('0 0 29 2 *')).toBe('0 0 29 2 *');
    expect(validateCron('0 0 L 4 *')).toBe('0 0 L 4 *');
    // Day of month and day of week both given: cron runs on either, so Mondays count.
    expect(validateCron('0 0 31 4,6 1')).toBe('0 0 31 4,6 1');
  });

  it('answers "no next run" for a stored schedule that never runs without searching years ahead', () => {
    // A schedule saved before the check existed: the 10,000-step search of cron-parser took
    // 0.3-1 s per call, on every jobs/list.
    const steps = vi.spyOn(parser, 'parseExpression');
    try {
      expect(nextTick('0 0 31 4,6,9,11 *', new Date('2026-01-01T00:00:00Z'))).toBeNull();
      expect(latestTick('0 0 31 4,6,9,11 *', new Date('2026-01-01T00:00:00Z'))).toBeNull();
      // Only the expression's fields were read; no search from a date was started.
      expect(steps.mock.calls.some(([, options]) => options !== undefined)).toBe(false);
    } finally {
      steps.mockRestore();
    }
  });
});
