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
  statusesOf(ids: number[]): Map<number, string | null> {
    const rows = this.db.prepare('select id, status from leads where id in (select value from json_each(?))').all(JSON.stringify(ids)) as { id: number; status: string | null }[];
    return new Map(rows.map((r) => [r.id, r.status]));
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
  auditRows(source: string): number {
    return this.one('select count(*) from lead_status_audit where source = ?', source);
  }
  close(): void {
    this.db.close();
  }
}
