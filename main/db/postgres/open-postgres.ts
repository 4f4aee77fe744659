import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { ConsoleError } from '../../../shared/errors';
import { describeTarget, redactUrl, type OpenTarget } from '../database-config';
import type { DbHandle, OpenOptions } from '../db-handle';
import { POSTGRES, type Db } from '../dialect';
import { toClientConfig, type PgConnectionConfig } from './connection-config';
import { withNamedStatements } from './named-statements';
import { pipelinedTransactionRunner } from './pipeline';

// timestamptz comes back as the same ISO-8601 string SQLite stores; counts and bigint ids as numbers.
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const INT8 = 20;
const NUMERIC = 1700;
const pgTypes = (types: typeof pg.types) => ({
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ || oid === TIMESTAMP) return (v: string) => pgTimestampToIso(v, oid === TIMESTAMP);
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return types.getTypeParser(oid, format as any);
  },
});

/** A UTC timestamp as a UTC session writes it: "2026-11-24 10:00:00", fraction optional, "+00" unless naive. */
const UTC_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(\+00)?$/;

export function pgTimestampToIso(value: string, naive: boolean): string {
  // "2026-11-24 10:00:00.123456+00" → "2026-11-24T10:00:00.123Z". The sessions are UTC, so the
  // text already is the instant: rearranged, not parsed into a Date and printed again (that cost
  // a second of an export's 3.6 s at 400,000 leads).
  const m = UTC_TEXT.exec(value);
  if (m && (naive ? m[4] === undefined : m[4] !== undefined)) return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  let text = value.replace(' ', 'T');
  if (naive) text += 'Z';
  else if (/[+-]\d\d$/.test(text)) text += ':00';
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

export async function openPostgres(target: Extract<OpenTarget, { kind: 'postgres' }>, options: OpenOptions): Promise<DbHandle> {
  // Loaded when a PostgreSQL database is opened, not when the CLI starts: a command on SQLite (and
  // `--help`) answers without it (docs/performance.md, "Time to a command's first answer").
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    ...('connection' in target ? toClientConfig(target.connection) : { connectionString: target.url }),
    max: options.poolSize ?? 4,
    types: pgTypes(pg.types) as any,
    connectionTimeoutMillis: 10_000,
    // Pipeline mode: postgres/pipeline.ts sends a transaction's statements in batches. Kysely, which
    // waits for each answer before the next statement, sees no difference.
    pipeline: true,
    // UTC sessions: timestamps read and written as UTC whatever the server's setting.
    options: target.readOnly ? '-c TimeZone=UTC -c default_transaction_read_only=on' : '-c TimeZone=UTC',
  });
  // A client losing its server (restart, network) must not crash the process: idle clients report
  // on the pool, checked-out ones on themselves. The failing query still rejects, and pg-pool
  // drops the broken client when it is released; the next query connects afresh.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new ConsoleError('database_unavailable', describePgError(error, 'connection' in target ? target.connection : target.url));
  }
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
  return {
    db,
    dialect: POSTGRES,
    target,
    description: describeTarget(target),
    pipelinedTransaction: pipelinedTransactionRunner(pool),
    close: () => db.destroy(),
  };
}

export function describePgError(error: unknown, url: string | PgConnectionConfig): string {
  const e = error as { code?: string; message?: string };
  if (typeof url !== 'string') return describePgFailure(e, `${url.host}:${url.port}/${url.database}`, String(e.message ?? error));
  let where = redactUrl(url);
  try {
    const u = new URL(url);
    where = `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    // keep the redacted form
  }
  return describePgFailure(e, where, (e.message ?? String(error)).replace(url, redactUrl(url)));
}

function describePgFailure(e: { code?: string }, where: string, detail: string): string {
  switch (e.code) {
    case 'ECONNREFUSED':
      return `Cannot reach PostgreSQL at ${where}: connection refused. Is the server running?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot reach PostgreSQL at ${where}: the host name is unknown.`;
    case 'ETIMEDOUT':
      return `Cannot reach PostgreSQL at ${where}: the connection timed out.`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused the user name or password.`;
    case '3D000':
      return `PostgreSQL at ${where}: that database does not exist.`;
    default:
      return `Cannot connect to PostgreSQL at ${where}: ${detail}`;
  }
}
