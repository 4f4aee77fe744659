import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { createServices } from '../../../main/services/create-services';
import { workstationUser } from '../../../main/services/lead-lookup/manual-actions';
import { describeEachDialect } from '../../support/databases';
import { getLead, makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { NOON, hopperLeadIds, minutesBefore, queueRow } from '../../support/hopper-fixtures';
import { snapshotTables as snapshot } from '../../support/table-snapshot';

describeEachDialect('manual actions on a lead', ({ h }) => {
  let campaign: number;
  let list: number;
  beforeEach(async () => {
    campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC' });
    list = await makeList(h, campaign);
  });
  const leads = () => createServices(h, fixedClock(NOON)).leads;
  const auditOf = (id: number) => h.db.selectFrom('lead_status_audit').selectAll().where('lead_id', '=', id).orderBy('id').execute();

  it('set status: the lead moves, one manual audit row with the reason and the OS user, out of the hopper when no longer dialable', async () => {
    const lead = await makeLead(h, list, { status: 'no_answer', dial_attempts: 2, last_dial_attempt: minutesBefore(NOON, 600) });
    await queueRow(h, campaign, lead);
    const r = await leads().setStatus({ leadId: lead, status: 'not_interested', reason: 'Called in, asked us to stop' });
    expect(r).toEqual({ lead_id: lead, action: 'set_status', old_status: 'no_answer', new_status: 'not_interested', removed_from_hopper: true, changed_by: workstationUser() });
    expect(await getLead(h.db, lead)).toMatchObject({ status: 'not_interested', last_status_change: NOON, dial_attempts: 2 });
    expect(await auditOf(lead)).toEqual([
      expect.objectContaining({ old_status: 'no_answer', new_status: 'not_interested', source: 'manual', reason: 'Called in, asked us to stop', changed_by: workstationUser(), operation_id: null }),
    ]);
    expect(await hopperLeadIds(h)).toEqual([]);
    // Still dialable afterwards: its hopper row stays.
    const other = await makeLead(h, list, { status: 'busy', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 600) });
    await queueRow(h, campaign, other);
    expect((await leads().setStatus({ leadId: other, status: 'new', reason: 'retry from scratch' })).removed_from_hopper).toBe(false);
    expect(await hopperLeadIds(h)).toEqual([other]);
  });

  it('a final status changes only with the override; dnc never; refusals change nothing', async () => {
    const sale = await makeLead(h, list, { status: 'sale', dial_attempts: 1 });
    const dnc = await makeLead(h, list, { status: 'DNCL' });
    const fresh = await makeLead(h, list);
    // (SQLite: the console fills phone keys before any check; not a change of the action's.)
    await leads().story(fresh);
    const before = await snapshot(h);
    await expect(leads().setStatus({ leadId: sale, status: 'new', reason: 'order cancelled' })).rejects.toThrow(/final status sale: changing it needs the final-status override.*Nothing was changed/);
    await expect(leads().setStatus({ leadId: dnc, status: 'new', reason: 'x', overrideFinal: true })).rejects.toThrow(/dnc \(do not call\): its status never changes/);
    await expect(leads().setStatus({ leadId: fresh, status: 'new', reason: 'x' })).rejects.toThrow(/already new/);
    await expect(leads().setStatus({ leadId: fresh, status: 'busy', reason: '   ' })).rejects.toThrow(/A reason is required/);
    await expect(leads().setStatus({ leadId: 999, status: 'busy', reason: 'x' })).rejects.toThrow('Lead 999 does not exist.');
    await expect(leads().resetAttempts(dnc, 'x')).rejects.toThrow(/dnc \(do not call\)/);
    await expect(leads().resetAttempts(fresh, 'x')).rejects.toThrow(/no dial attempts to reset/);
    expect(await snapshot(h)).toEqual(before);

    const r = await leads().setStatus({ leadId: sale, status: 'new', reason: 'order cancelled', overrideFinal: true });
    expect(r.new_status).toBe('new');
    expect((await auditOf(sale))[0].reason).toBe('final status overridden: order cancelled');
    // To dnc from anything: always allowed, and then never again.
    await leads().setStatus({ leadId: fresh, status: 'dnc', reason: 'asked not to be called' });
    await expect(leads().setStatus({ leadId: fresh, status: 'new', reason: 'x', overrideFinal: true })).rejects.toThrow(/never changes/);
  });

  it('reset attempts: 0 attempts, attempts_reset_at now, audited with the old count', async () => {
    const lead = await makeLead(h, list, { status: 'busy', dial_attempts: 10, last_dial_attempt: minutesBefore(NOON, 600) });
    const r = await leads().resetAttempts(lead, 'customer asked for one more try');
    expect(r).toMatchObject({ action: 'reset_attempts', old_status: 'busy', new_status: 'busy' });
    expect(await getLead(h.db, lead)).toMatchObject({ dial_attempts: 0, attempts_reset_at: NOON, status: 'busy' });
    expect(await auditOf(lead)).toEqual([expect.objectContaining({ source: 'manual', old_status: 'busy', new_status: 'busy', reason: 'dial attempts reset (were 10): customer asked for one more try', changed_by: workstationUser() })]);
  });

  it("put its phone on the DNC list: every lead with that phone leaves the hopper, no status changes", async () => {
    const lead = await makeLead(h, list, { phone: '+1 (212) 555-0101' });
    const twin = await makeLead(h, list, { phone: '+1 212 555 0101' });
    await queueRow(h, campaign, lead);
    await queueRow(h, campaign, twin);
    const r = await leads().addPhoneToDnc(lead, 'asked by phone');
    expect(r).toMatchObject({ action: 'add_phone_to_dnc', old_status: 'new', new_status: 'new' });
    expect(await hopperLeadIds(h)).toEqual([]);
    expect((await leads().story(twin)).phone_on_dnc).toBe(true);
    expect((await leads().story(twin)).eligibility.rule).toBe('dnc_phone');
    expect((await auditOf(lead)).map((a) => a.reason)).toEqual(['phone put on the DNC list: asked by phone']);
    await expect(leads().addPhoneToDnc(twin, 'again')).rejects.toThrow(/already on the DNC list/);
  });
});
