// The dial path's dialect-specific SQL, in one place. A dial result writes one lead: its tracking
// columns, maybe an audit row, and its hopper row goes. On PostgreSQL every statement is a round
// trip to the server (about a third of a dial result's time each), so the three writes go as one
// statement with data-modifying CTEs; SQLite has no such CTEs and no round trips, so it runs the
// three small statements. Both are compiled once (prepared-query.ts).
import { sql, type CompiledQuery } from 'kysely';
import type { Db, Dialect } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import type { PipelinedTransactionRunner } from '../../db/postgres/pipeline';
import { preparedQuery } from '../../db/query/prepared-query';
import type { AuditInsert } from '../leads/lead-repository';
import type { CallbackClosing } from '../callbacks/callback-closing';
import { LEAD_COLUMNS } from '../leads/lead-repository';
import type { CallRow, LeadRow, LeadTracking } from '../leads/lead-tracking';

/** A write transaction whose statements go in batches, a round trip each (db/postgres/pipeline.ts). */
export type PipelinedWriter = PipelinedTransactionRunner;

/** How dial results are written: how many transactions side by side, and whether in batches. */
export interface DialWrites {
  inFlight: number;
  /** Present where the handle can send a transaction's statements in batches (PostgreSQL). */
  pipelined?: PipelinedWriter;
}

/**
 * Dial transactions written side by side on PostgreSQL (SQLite has one writer). Two: more did not
 * write faster (docs/performance.md, "Dial results that arrive together share a transaction"),
 * and two leave the rest of a pool of four to the jobs.
 */
const DIALS_IN_FLIGHT_PIPELINED = 2;

export function dialWritesOf(handle: DbHandle): DialWrites {
  const pipelined = handle.pipelinedTransaction;
  return pipelined ? { inFlight: DIALS_IN_FLIGHT_PIPELINED, pipelined } : { inFlight: 1 };
}

export type LeadForCall = LeadRow & { campaign_id: number; phone_key: string | null; on_dnc: number | boolean; timezone: string | null };

/** The lead, its campaign and its DNC match; locked for update on PostgreSQL (not its list). */
const readLeadForCall = preparedQuery<{ id: number }, LeadForCall>((db, arg, dialect) => {
  const q = db
    .selectFrom('leads')
    .innerJoin('lead_lists', 'lead_lists.id', 'leads.list_id')
    .select([...LEAD_COLUMNS, 'lead_lists.campaign_id', 'leads.phone_key', 'leads.timezone'])
    .select((eb) =>
      eb.exists(eb.selectFrom('dnc_numbers').select(sql.lit(1).as('one')).whereRef('dnc_numbers.phone_key', '=', 'leads.phone_key')).as('on_dnc'),
    )
    .where('leads.id', '=', arg('id'));
  return dialect.forUpdate(q, 'leads');
});

export type CallInsert = Omit<CallRow, 'id'> & {
  /** null: the lead's campaign. */
  campaign_id: number | null;
  ended_at: string | null;
  duration_seconds: number | null;
  agent: string | null;
};

const insertCall = preparedQuery<CallInsert, { id: number }>((db, arg) =>
  db
    .insertInto('call_logs')
    .values({
      call_uuid: arg('call_uuid'),
      lead_id: arg('lead_id'),
      campaign_id: arg('campaign_id') as number,
      started_at: arg('started_at'),
      ended_at: arg('ended_at'),
      duration_seconds: arg('duration_seconds'),
      result: arg('result'),
      hangup_cause: arg('hangup_cause'),
      agent: arg('agent'),
      lead_synced_at: arg('lead_synced_at'),
    })
    .onConflict((oc) => oc.column('call_uuid').doNothing())
    .returning('id'),
);

/**
 * PostgreSQL: the call inserted (when its uuid is new and its lead exists) and the lead read and
 * locked, in one statement. The insert reads the lead's campaign itself.
 */
const readLeadAndInsertCallPostgres = preparedQuery<CallInsert, LeadAndCallRow>(
  (_db, arg) => sql`with ins as (
      insert into call_logs (call_uuid, lead_id, campaign_id, started_at, ended_at, duration_seconds, result, hangup_cause, agent, lead_synced_at)
      select cast(${arg('call_uuid')} as text), l.id, coalesce(cast(${arg('campaign_id')} as integer), ll.campaign_id),
        cast(${arg('started_at')} as timestamptz), cast(${arg('ended_at')} as timestamptz), cast(${arg('duration_seconds')} as integer),
        cast(${arg('result')} as text), cast(${arg('hangup_cause')} as text), cast(${arg('agent')} as text), cast(${arg('lead_synced_at')} as timestamptz)
      from leads l join lead_lists ll on ll.id = l.list_id where l.id = ${arg('lead_id')}
      on conflict (call_uuid) do nothing
      returning id
    )
    select l.id, l.list_id, l.phone, l.status, l.dial_attempts, l.answered_count, l.last_dial_attempt, l.dial_result,
      l.last_status_change, l.attempts_reset_at, ll.campaign_id, l.phone_key, l.timezone,
      exists (select 1 from dnc_numbers d where d.phone_key = l.phone_key) as on_dnc, ins.id as call_id
    from leads l join lead_lists ll on ll.id = l.list_id left join ins on true
    where l.id = ${arg('lead_id')}
    for update of l`,
);

/** The lead, and the id of the call when the statement inserted it. */
export type LeadAndCallRow = LeadForCall & { call_id: number | null };

/** PostgreSQL: readLeadAndInsertCallPostgres with these values, for a caller that sends it itself. */
export function readLeadAndInsertCallQuery(db: Db, dialect: Dialect, call: CallInsert): CompiledQuery<LeadAndCallRow> {
  return readLeadAndInsertCallPostgres.bind(db, dialect, call);
}

/** The lead, and the call as inserted (its values are the ones sent) unless its uuid existed. */
export function leadAndCallOf(row: LeadAndCallRow | undefined, call: CallInsert): { lead?: LeadForCall; inserted?: CallRow } {
  if (!row) return {};
  const { call_id, ...lead } = row;
  return { lead, inserted: insertedCall(call_id, call) };
}

function insertedCall(id: number | null | undefined, call: CallInsert): CallRow | undefined {
  if (id === null || id === undefined) return undefined;
  const { call_uuid, lead_id, started_at, result, hangup_cause, lead_synced_at } = call;
  return { id: Number(id), call_uuid, lead_id, started_at, result, hangup_cause, lead_synced_at };
}

/**
 * Reads the call's lead (with its campaign and DNC match; locked on PostgreSQL) and inserts the
 * call unless its call_uuid exists. `inserted` is undefined for a call_uuid seen before; `lead`
 * is undefined (and nothing inserted) when the lead does not exist.
 */
export async function readLeadAndInsertCall(trx: Db, dialect: Dialect, call: CallInsert): Promise<{ lead?: LeadForCall; inserted?: CallRow }> {
  if (dialect.name === 'postgres') return leadAndCallOf((await readLeadAndInsertCallPostgres(trx, dialect, call)).rows[0], call);
  const lead = (await readLeadForCall(trx, dialect, { id: call.lead_id })).rows[0];
  if (!lead) return {};
  const inserted = (await insertCall(trx, dialect, { ...call, campaign_id: call.campaign_id ?? lead.campaign_id })).rows[0];
  return { lead, inserted: insertedCall(inserted?.id, call) };
}

export interface OneLeadWrite extends LeadTracking, CallbackClosing {
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

/** The called lead's due pending callbacks done; all its pending ones cancelled when it is now final (callback-closing.ts). */
const closeOneLeadCallbacks = preparedQuery<OneLeadWrite, never>((db, arg) =>
  db
    .updateTable('callbacks')
    .set({ state: sql`case when due_at <= ${arg('callbacks_now')} then 'done' else 'cancelled' end` as never })
    .where('lead_id', '=', arg('id'))
    .where('state', '=', 'pending')
    .where(sql<boolean>`(due_at <= ${arg('callbacks_now')} or ${arg('callbacks_final')} = 1)`),
);

const removeOneFromHopper = preparedQuery<{ id: number }, never>((db, arg) => db.deleteFrom('dialer_hopper').where('lead_id', '=', arg('id')));

/** PostgreSQL: the lead, its audit row (when `has_audit`), its hopper row and its callbacks, in one statement. */
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
    ), c as (
      update callbacks set state = case when due_at <= cast(${arg('callbacks_now')} as timestamptz) then 'done' else 'cancelled' end
      where lead_id = ${arg('id')} and state = 'pending'
        and (due_at <= cast(${arg('callbacks_now')} as timestamptz) or cast(${arg('callbacks_final')} as boolean))
      returning id
    )
    select (select count(*) from u) as updated`,
);

/** PostgreSQL: the lead's new tracking, its audit row (if any) and its hopper row gone, as one statement. */
export function writeOneLeadQuery(db: Db, dialect: Dialect, lead: OneLeadWrite, audit: AuditInsert | null): CompiledQuery<{ updated: number }> {
  return writeOneLeadPostgres.bind(db, dialect, {
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
}

/** Writes one lead's new tracking, its audit row if any, removes it from the hopper and closes its callbacks. */
export async function writeOneLeadOutcome(trx: Db, dialect: Dialect, lead: OneLeadWrite, audit: AuditInsert | null): Promise<void> {
  if (dialect.name === 'postgres') {
    await trx.executeQuery(writeOneLeadQuery(trx, dialect, lead, audit));
    return;
  }
  await updateOneLead(trx, dialect, lead);
  if (audit) await insertOneAudit(trx, dialect, audit);
  await removeOneFromHopper(trx, dialect, { id: lead.id });
  await closeOneLeadCallbacks(trx, dialect, { ...lead, callbacks_final: (lead.callbacks_final ? 1 : 0) as never });
}
