// The recordDialAttempt floor: the fastest hand-written SQL that writes what a dial result
// writes — the call log (already applied), the lead's tracking and status under the transition
// rule, an audit row when the status changes, the lead's hopper row removed — one transaction per
// call, on the driver directly with statements prepared once. SQLite: four prepared statements
// between BEGIN IMMEDIATE and COMMIT, on the service's own connection. PostgreSQL: one statement
// (a CTE, autocommit), so one round trip where the service needs two (its rules run in TypeScript
// between its read and its writes).
// A `dropped` result would be re-queued, but the bench's calls start after the clock's now, so the
// dropped retry delay keeps every one of them out of the hopper (the service checks and finds so).
import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { classifyCallResult, isAnswered } from '../../shared/catalogue';
import { SQLITE, POSTGRES, type Db } from '../../main/db/dialect';
import type { DbHandle } from '../../main/db/open-database';
import { argSlot, bindArgs } from '../../main/db/query/prepared-query';
import { sqliteDriverOf } from '../../main/db/sqlite/open-sqlite';
import { mayChangeSql, normSql } from './sql-words';

export interface FloorCall {
  call_uuid: string;
  lead_id: number;
  started_at: string;
  result: string | null;
  hangup_cause: string | null;
}

export interface DialFloor {
  /** Records one call in its own transaction. */
  dial(call: FloorCall, now: string): Promise<void>;
  close(): Promise<void>;
}

/** The values every statement takes: the classified result decides status and answered count. */
function valuesOf(c: FloorCall, now: string): Record<string, unknown> {
  const res = classifyCallResult(c.result, c.hangup_cause);
  return { ...c, res, answered: isAnswered(res) ? 1 : 0, reason: `call ${c.call_uuid}: ${res}`, now };
}

type Build = (p: (name: string) => RawBuilder<unknown>) => RawBuilder<unknown>;

/** Compiled once against the bench's handle: the text, and one call's values as its parameters. */
function compile(db: Db, build: Build): { text: string; args: (v: Record<string, unknown>) => unknown[] } {
  const compiled = build((name) => sql`${argSlot(name)}`).compile(db);
  return { text: compiled.sql, args: (v) => bindArgs(compiled.parameters, v) };
}

type Param = (n: string) => RawBuilder<unknown>;

/**
 * The dial's writes, each reading the lead's status before the call from `old`: the `leads` row
 * itself (SQLite: the audit row is written first, before the update replaces it) or the CTE `l`
 * that read and locked it (PostgreSQL: every part of one statement sees the same snapshot).
 */
function dialWrites(p: Param, ts: string, old: 'leads' | 'l') {
  const cast = (n: string) => sql`cast(${p(n)} as ${sql.raw(ts)})`;
  const was = (column: string) => sql.raw(`${old}.${column}`);
  const moves = mayChangeSql(normSql(was('status')), p('res'));
  const changes = sql`${moves} and ${was('status')} is distinct from ${p('res')}`;
  return {
    audit: sql`insert into lead_status_audit (lead_id, old_status, new_status, source, operation_id, reason, created_at)
      select ${was('id')}, ${was('status')}, ${p('res')}, 'call', null, ${p('reason')}, ${cast('now')} from ${sql.raw(old)}
      where ${was('id')} = ${p('lead_id')} and ${changes}`,
    call: sql`insert into call_logs (call_uuid, lead_id, started_at, result, hangup_cause, lead_synced_at)
      values (${p('call_uuid')}, ${p('lead_id')}, ${cast('started_at')}, ${p('result')}, ${p('hangup_cause')}, ${cast('now')})`,
    lead: sql`update leads set dial_attempts = leads.dial_attempts + 1, answered_count = leads.answered_count + ${p('answered')},
        last_dial_attempt = ${cast('started_at')}, dial_result = ${p('res')},
        last_status_change = case when ${changes} then ${cast('started_at')} else leads.last_status_change end,
        status = case when ${moves} then ${p('res')} else leads.status end
      ${old === 'l' ? sql`from l where leads.id = l.id` : sql`where leads.id = ${p('lead_id')}`}`,
    hopper: sql`delete from dialer_hopper where lead_id = ${p('lead_id')}`,
  };
}

function sqliteFloor(h: DbHandle): DialFloor {
  // The service's own connection: the same settings and checkpoint worker, so that the floor
  // differs from the service only in its statements.
  const db = sqliteDriverOf(h)!;
  const ts = SQLITE.timestampType;
  const prepare = (build: Build) => {
    const { text, args } = compile(h.db, build);
    const stmt = db.prepare(text);
    return (v: Record<string, unknown>) => stmt.run(...(args(v) as never[]));
  };
  const auditStmt = prepare((p) => dialWrites(p, ts, 'leads').audit);
  const callStmt = prepare((p) => dialWrites(p, ts, 'leads').call);
  const leadStmt = prepare((p) => dialWrites(p, ts, 'leads').lead);
  const hopperStmt = prepare((p) => dialWrites(p, ts, 'leads').hopper);
  const one = db.transaction((v: Record<string, unknown>) => {
    auditStmt(v);
    callStmt(v);
    leadStmt(v);
    hopperStmt(v);
  });
  return {
    async dial(c, now) {
      one.immediate(valuesOf(c, now));
    },
    async close() {
      // The connection is the handle's: it closes with it.
    },
  };
}

function postgresFloor(h: DbHandle, url: string, workers: number): DialFloor {
  const pool = new pg.Pool({ connectionString: url, max: workers, options: '-c TimeZone=UTC' });
  const ts = POSTGRES.timestampType;
  const { text, args } = compile(h.db, (p) => {
    const w = dialWrites(p, ts, 'l');
    return sql`with l as (select id, status from leads where id = ${p('lead_id')} for update),
      a as (${w.audit}), c as (${w.call}), u as (${w.lead}), d as (${w.hopper})
      select 1`;
  });
  return {
    async dial(c, now) {
      await pool.query({ name: 'bench_dial_floor', text, values: args(valuesOf(c, now)) });
    },
    close: () => pool.end(),
  };
}

/** `h` is the bench's handle on the same database: the floor compiles its SQL with it. */
export function openDialFloor(h: DbHandle, location: string, workers: number): DialFloor {
  return h.dialect.name === 'sqlite' ? sqliteFloor(h) : postgresFloor(h, location, workers);
}
