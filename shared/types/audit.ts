export const AUDIT_SOURCES = ['call', 'sync', 'fix', 'recycle', 'reconcile', 'undo', 'manual', 'import'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

export interface AuditRow {
  id: number;
  lead_id: number;
  list_id: number | null;
  old_status: string | null;
  new_status: string | null;
  source: AuditSource;
  operation_id: string | null;
  reason: string | null;
  created_at: string;
}
