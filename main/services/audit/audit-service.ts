// The status-change audit: rows filtered by list, source and operation, newest first, and the
// same filter exported to CSV.
import type { AuditRow, AuditSource } from '../../../shared/types/audit';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { toCsv } from './csv';

export interface AuditFilter {
  listId?: number;
  source?: AuditSource;
  operationId?: string;
  limit: number;
  beforeId?: number;
}

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
    let q = db
      .selectFrom('lead_status_audit as a')
      .leftJoin('leads', 'leads.id', 'a.lead_id')
      .select(['a.id', 'a.lead_id', 'leads.list_id', 'a.old_status', 'a.new_status', 'a.source', 'a.operation_id', 'a.reason', 'a.created_at']);
    if (filter.listId !== undefined) q = q.where('leads.list_id', '=', filter.listId);
    if (filter.source !== undefined) q = q.where('a.source', '=', filter.source);
    if (filter.operationId !== undefined) q = q.where('a.operation_id', '=', filter.operationId);
    if (filter.beforeId !== undefined) q = q.where('a.id', '<', filter.beforeId);
    const rows = await q.orderBy('a.id', 'desc').limit(filter.limit).execute();
    return rows.map((r) => ({ ...r, list_id: r.list_id ?? null }));
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
    parts.push(this.clock().toISOString().slice(0, 10));
    return { filename: `${parts.join('-')}.csv`, csv };
  }
}
