// The status-change audit: rows filtered by list, source, operation, lead, phone and time,
// newest first a page at a time (keyset on the id: a page costs the same at any depth), and the
// same filter exported to CSV.
import { InputError } from '../../../shared/errors';
import type { AuditRow, AuditSource } from '../../../shared/types/audit';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/query/phone-keys';
import type { Clock } from '../../db/time';
import { phoneSearch, probeQuery } from '../lead-lookup/search-dialect';
import { firstIdAtOrAfter } from './audit-time-bounds';
import { toCsv } from './csv';

export interface AuditFilter {
  listId?: number;
  source?: AuditSource;
  operationId?: string;
  leadId?: number;
  /** Any spelling, or its last 4 or more digits: the leads whose phone ends with those digits. */
  phone?: string;
  /** ISO instants: written at or after `from`, before `to`. */
  from?: string;
  to?: string;
  limit: number;
  /** The last id of the page before (the rows come newest first). */
  beforeId?: number;
}

/** A phone filter matching more leads than this asks for more digits (the ids go into one IN list). */
export const PHONE_FILTER_MAX_LEADS = 1000;
const MIN_PHONE_DIGITS = 4;

/** An export takes every row of the filter (not one page), up to this many. */
export const EXPORT_MAX_ROWS = 100_000;

const HEADER = ['id', 'created_at', 'lead_id', 'list_id', 'old_status', 'new_status', 'source', 'operation_id', 'reason'] as const;

export class AuditService {
  constructor(
    readonly handle: DbHandle,
    readonly clock: Clock,
  ) {}

  async list(filter: AuditFilter): Promise<AuditRow[]> {
    const { db } = this.handle;
    const leadIds = filter.phone !== undefined ? await this.leadsByPhone(filter.phone) : null;
    if (leadIds !== null && leadIds.length === 0) return [];
    if (filter.from !== undefined && filter.to !== undefined && Date.parse(filter.from) >= Date.parse(filter.to)) {
      throw new InputError('The date range ends before it starts: give a "from" earlier than the "to".');
    }
    const fromId = filter.from === undefined ? undefined : await firstIdAtOrAfter(db, filter.from);
    if (fromId === null) return [];
    const toId = filter.to === undefined ? null : await firstIdAtOrAfter(db, filter.to);
    let q = db
      .selectFrom('lead_status_audit as a')
      .leftJoin('leads', 'leads.id', 'a.lead_id')
      .select(['a.id', 'a.lead_id', 'leads.list_id', 'a.old_status', 'a.new_status', 'a.source', 'a.operation_id', 'a.reason', 'a.created_at']);
    if (filter.listId !== undefined) q = q.where('leads.list_id', '=', filter.listId);
    if (filter.source !== undefined) q = q.where('a.source', '=', filter.source);
    if (filter.operationId !== undefined) q = q.where('a.operation_id', '=', filter.operationId);
    if (filter.leadId !== undefined) q = q.where('a.lead_id', '=', filter.leadId);
    if (leadIds !== null) q = q.where('a.lead_id', 'in', leadIds);
    if (fromId !== undefined) q = q.where('a.id', '>=', fromId).where('a.created_at', '>=', new Date(filter.from!).toISOString());
    if (toId !== null) q = q.where('a.id', '<', toId);
    if (filter.to !== undefined) q = q.where('a.created_at', '<', new Date(filter.to).toISOString());
    if (filter.beforeId !== undefined) q = q.where('a.id', '<', filter.beforeId);
    const rows = await q.orderBy('a.id', 'desc').limit(filter.limit).execute();
    return rows.map((r) => ({ ...r, id: Number(r.id), lead_id: Number(r.lead_id), list_id: r.list_id ?? null }));
  }

  /** The ids of the leads whose phone ends with the digits given (the lead search's phone match). */
  private async leadsByPhone(phone: string): Promise<number[]> {
    const digits = phone.replace(/\D+/g, '');
    if (digits.length < MIN_PHONE_DIGITS) throw new InputError(`A phone filter needs at least ${MIN_PHONE_DIGITS} digits (got ${digits.length}).`);
    const { db, dialect } = this.handle;
    if (!this.handle.target.readOnly) await ensurePhoneKeys(db, dialect);
    const ids = (await probeQuery(dialect, phoneSearch(dialect, digits), PHONE_FILTER_MAX_LEADS + 1).execute(db)).rows.map((r) => Number(r.id));
    if (ids.length > PHONE_FILTER_MAX_LEADS) {
      throw new InputError(`More than ${PHONE_FILTER_MAX_LEADS.toLocaleString('en-US')} leads have a phone ending in ${digits}: type more of the number.`);
    }
    return ids;
  }

  async exportCsv(filter: AuditFilter): Promise<{ filename: string; csv: string }> {
    const rows = await this.list({ ...filter, limit: EXPORT_MAX_ROWS, beforeId: undefined });
    const csv = toCsv(
      HEADER,
      rows.map((r) => HEADER.map((k) => r[k])),
    );
    const parts = ['audit'];
    if (filter.listId !== undefined) parts.push(`list-${filter.listId}`);
    if (filter.source !== undefined) parts.push(filter.source);
    if (filter.operationId !== undefined) parts.push(filter.operationId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 36));
    if (filter.leadId !== undefined) parts.push(`lead-${filter.leadId}`);
    if (filter.phone !== undefined) parts.push(`phone-${filter.phone.replace(/\D+/g, '')}`);
    if (filter.from !== undefined) parts.push(`from-${new Date(filter.from).toISOString().slice(0, 10)}`);
    if (filter.to !== undefined) parts.push(`to-${new Date(filter.to).toISOString().slice(0, 10)}`);
    parts.push(this.clock().toISOString().slice(0, 10));
    return { filename: `${parts.join('-')}.csv`, csv };
  }
}
