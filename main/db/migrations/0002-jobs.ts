// Scheduled maintenance (docs/domain.md "Scheduled maintenance jobs"): per-job settings shared by every
// console on the database, one lease row per job (one runner at a time), and the run history.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, d: Dialect): Promise<void> {
  const ts = d.timestampType;

  // No row: the job runs on its default schedule. A row is written by `jobs set` / the UI.
  await db.schema
    .createTable('job_settings')
    .addColumn('job', 'text', (c) => c.primaryKey())
    .addColumn('enabled', d.booleanType, (c) => c.notNull().defaultTo(d.bool(true)))
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(d.nowDefault))
    .addColumn('updated_by', 'text')
    .execute();

  // One row per job while someone holds it; a holder that dies stops renewing `expires_at`,
  // and the next runner takes the lease over once that time has passed.
  await db.schema
    .createTable('job_leases')
    .addColumn('job', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('run_id', 'integer')
    .addColumn('acquired_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute();

  // `scheduled_at` is the cron tick a run belongs to (NULL for "run now"). The unique key is what
  // makes a tick run once across consoles: every scheduler computes the same tick time, and
  // only one of them can insert its row. NULLs are distinct on both databases, so manual runs
  // never collide.
  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'integer', (c) => (d.name === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', ts)
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('schedule').check(sql`source in ('schedule', 'manual')`))
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('running', 'ok', 'failed', 'skipped')`))
    .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text')
    .addColumn('runner', 'text', (c) => c.notNull())
    .addUniqueConstraint('job_runs_job_tick', ['job', 'scheduled_at'])
    .execute();
  await db.schema.createIndex('job_runs_job_started').on('job_runs').columns(['job', 'started_at']).execute();
  await db.schema.createIndex('job_runs_started').on('job_runs').column('started_at').execute();
}
