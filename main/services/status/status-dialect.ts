// The dial path's dialect-specific SQL, in one place. A dial result writes one lead: its tracking
// columns, maybe an audit row, and its hopper row goes. On PostgreSQL every statement is a round
// trip to the server (about a third of a dial result's time each), so the three writes go as one
// statement with data-modifying CTEs; SQLite has no such CTEs and no round trips, so it runs the
// three small statements. Both are compiled once (prepared-query.ts).
import { sql } from 'kysely';
import type { Db, Dialect } from '../../db/dialect';
import { preparedQuery } from '../../db/prepared-query';
import type { AuditInsert } from './lead-repository';
import type { LeadTracking } from './lead-tracking';

interface OneLeadWrite extends LeadTracking {
  id: number;
}

type AuditArgs = { [K in keyof AuditInsert as `audit_${K}`]: AuditInsert[K] | null } & { has_audit: boolean };

const updateOneLead = preparedQuery<OneLeadWrite, never>((db, arg) =>
  db
    .updateTable('leads')
    .set({
      status: arg('status'),
      dial_attempts: arg('dial_attempts'),
      answered_count: arg('answered_count'),
      last_dial_attempt: arg('last_dial_attempt'),
      dial_result: arg('dial_result'),
      last_status_change: arg('last_status_change'),
    })
    .where('id', '=', arg('id')),
);

const insertOneAudit = preparedQuery<AuditInsert, never>((db, arg) =>
  db.insertInto('lead_status_audit').values({
    lead_id: arg('lead_id'),
    old_status: arg('old_status'),
    new_status: arg('new_status'),
    source: arg('source'),
    operation_id: arg('operation_id'),
    reason: arg('reason'),
    created_at: arg('created_at'),
  }),
);

const removeOneFromHopper = preparedQuery<{ id: number }, never>((db, arg) => db.deleteFrom('dialer_hopper').where('lead_id', '=', arg('id')));

/** PostgreSQL: the lead, its audit row (when `has_audit`) and its hopper row, in one statement. */
const writeOneLeadPostgres = preparedQuery<OneLeadWrite & AuditArgs, { updated: number }>(
  (_db, arg) => sql<{ updated: number }>`with u as (
      update leads set status = ${arg('status')}, dial_attempts = ${arg('dial_attempts')},
        answered_count = ${arg('answered_count')}, last_dial_attempt = cast(${arg('last_dial_attempt')} as timestamptz),
        dial_result = ${arg('dial_result')}, last_status_change = cast(${arg('last_status_change')} as timestamptz)
      where id = ${arg('id')} returning id
    ), a as (
      insert into lead_status_audit (lead_id, old_status, new_status, source, operation_id, reason, created_at)
      select cast(${arg('audit_lead_id')} as integer), cast(${arg('audit_old_status')} as text), cast(${arg('audit_new_status')} as text),
        cast(${arg('audit_source')} as text), cast(${arg('audit_operation_id')} as text), cast(${arg('audit_reason')} as text),
        cast(${arg('audit_created_at')} as timestamptz)
      where cast(${arg('has_audit')} as boolean) returning id
    ), d as (
      delete from dialer_hopper where lead_id = ${arg('id')} returning lead_id
    )
    select (select count(*) from u) as updated`,
);

/** Writes one lead's new tracking, its audit row if any, and removes it from the hopper. */
export async function writeOneLeadOutcome(trx: Db, dialect: Dialect, lead: OneLeadWrite, audit: AuditInsert | null): Promise<void> {
  if (dialect.name === 'postgres') {
    await writeOneLeadPostgres(trx, dialect, {
      ...lead,
      has_audit: audit !== null,
      audit_lead_id: audit?.lead_id ?? null,
      audit_old_status: audit?.old_status ?? null,
      audit_new_status: audit?.new_status ?? null,
      audit_source: audit?.source ?? null,
      audit_operation_id: audit?.operation_id ?? null,
      audit_reason: audit?.reason ?? null,
      audit_created_at: audit?.created_at ?? null,
    });
    return;
  }
  await updateOneLead(trx, dialect, lead);
  if (audit) await insertOneAudit(trx, dialect, audit);
  await removeOneFromHopper(trx, dialect, { id: lead.id });
}
