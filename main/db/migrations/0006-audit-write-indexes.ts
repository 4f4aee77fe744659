// Every status change writes one audit row, and a dial result is the hottest write there is: each
// index on lead_status_audit is one more page the call's commit writes (on SQLite a whole 4 KB
// page in the WAL; a dial result writes about ten). Two of its three indexes did not earn that:
// - `created_at`: nothing reads the audit by time (the audit view pages by id). Dropped.
// - `operation_id`: only fix, recycle and undo rows have one (the audit view filters by it); a
//   call's row has NULL. Partial (`where operation_id is not null`): a call's row skips it, and
//   `operation_id = ?` still uses it on both databases.
// `lead_id` stays: a lead's history is what a supervisor or an audit script asks for.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('lead_status_audit_created').execute();
  await db.schema.dropIndex('lead_status_audit_operation').execute();
  await db.schema
    .createIndex('lead_status_audit_operation')
    .on('lead_status_audit')
    .column('operation_id')
    .where(sql.ref('operation_id'), 'is not', null)
    .execute();
}
