// Read the served SQLite file directly, to check that what the page shows is what is stored.
import Database from 'better-sqlite3';
import { RECYCLABLE_STATUSES } from '../../../shared/catalogue';

export class DemoDatabase {
  private db: Database.Database;
  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
  }
  private one(sql: string, ...params: unknown[]): number {
    return Number((this.db.prepare(sql).pluck().get(...params) as number | bigint) ?? 0);
  }
  totalLeads(listId: number): number {
    return this.one('select count(*) from leads where list_id = ?', listId);
  }
  countWithStatus(listId: number, status: string): number {
    return this.one('select count(*) from leads where list_id = ? and status = ?', listId, status);
  }
  /** Leads whose stored word is exactly a recyclable catalogue status. */
  recyclableIds(listId: number): number[] {
    const marks = RECYCLABLE_STATUSES.map(() => '?').join(',');
    return this.db.prepare(`select id from leads where list_id = ? and status in (${marks}) order by id`).pluck().all(listId, ...RECYCLABLE_STATUSES) as number[];
  }
  /** Of these leads, how many are `new` with a dial count of 0. */
  countNewAndReset(ids: number[]): number {
    return this.one("select count(*) from leads where id in (select value from json_each(?)) and status = 'new' and dial_attempts = 0", JSON.stringify(ids));
  }
  /** Every lead of the list as [id, status, dial_attempts], by id. */
  statusesAndDials(listId: number): [number, string | null, number][] {
    return (this.db.prepare('select id, status, dial_attempts from leads where list_id = ? order by id').all(listId) as { id: number; status: string | null; dial_attempts: number }[]).map((r) => [
      r.id,
      r.status,
      r.dial_attempts,
    ]);
  }
  countNullStatus(listId: number): number {
    return this.one('select count(*) from leads where list_id = ? and status is null', listId);
  }
  leadsInInactiveLists(campaignId: number): number {
    return this.one('select count(*) from leads l join lead_lists ll on ll.id = l.list_id where ll.campaign_id = ? and ll.active = 0', campaignId);
  }
  /** A lead of the list with this exact status: its id and phone. */
  leadWithStatus(listId: number, status: string): { id: number; phone: string } {
    return this.db.prepare('select id, phone from leads where list_id = ? and status = ? order by id limit 1').get(listId, status) as { id: number; phone: string };
  }
  statusOf(id: number): string | null {
    return (this.db.prepare('select status from leads where id = ?').pluck().get(id) as string | null) ?? null;
  }
  manualAudit(id: number): { new_status: string; reason: string; changed_by: string | null }[] {
    return this.db.prepare("select new_status, reason, changed_by from lead_status_audit where lead_id = ? and source = 'manual' order by id").all(id) as { new_status: string; reason: string; changed_by: string | null }[];
  }
  hopperRows(campaignId: number): number {
    return this.one("select count(*) from dialer_hopper where campaign_id = ? and state = 'queued'", campaignId);
  }
  jobRuns(job: string): number {
    return this.one('select count(*) from job_runs where job = ?', job);
  }
  auditRow(id: number): Record<string, string | number | null> {
    return this.db.prepare('select a.*, l.list_id from lead_status_audit a left join leads l on l.id = a.lead_id where a.id = ?').get(id) as Record<string, string | number | null>;
  }
  auditRows(source: string): number {
    return this.one('select count(*) from lead_status_audit where source = ?', source);
  }
  auditRowsOfLead(leadId: number): number {
    return this.one('select count(*) from lead_status_audit where lead_id = ?', leadId);
  }
  close(): void {
    this.db.close();
  }
}

/**
 * Before the console starts: the campaign's window open all day and no scheduled job filling its
 * hopper, which starts empty, so that "Fill now" has eligible leads whatever the hour and only
 * the button fills.
 */
export function onlyManualFills(file: string, campaignId: number): void {
  const db = new Database(file);
  try {
    db.prepare("update campaigns set call_window_start = '00:00', call_window_end = '24:00' where id = ?").run(campaignId);
    for (const job of ['fill_hopper', 'retry_dropped_calls', 'recycle_failed_calls']) {
      db.prepare("insert into job_settings (job, enabled, schedule) values (?, 0, '* * * * *') on conflict (job) do update set enabled = 0").run(job);
    }
    db.prepare('delete from dialer_hopper where campaign_id = ?').run(campaignId);
  } finally {
    db.close();
  }
}
