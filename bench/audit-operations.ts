// Issue 21's audit screen and reconcile confirmation on the bench: a page of a date range in the
// middle of a million audit rows (the id bounds found by a search over the ids, audit-time-bounds.ts),
// a page of one phone's changes, and the reconcile job's preview (a count and a dry run).
import { sql } from 'kysely';
import type { DbHandle } from '../main/db/open-database';
import { fixedClock } from '../main/db/time';
import { createServices } from '../main/services/create-services';
import { BENCH_NOW } from './dataset';
import type { Operation } from './operation';

const services = (h: DbHandle) => createServices(h, fixedClock(BENCH_NOW));
const PAGE = 101;
/** Audit row `id` is written at START + id × 10 s: id order is time order, as in a real audit. */
const START_MS = Date.parse('2026-01-01T00:00:00.000Z');
const timeOfId = (id: number) => new Date(START_MS + id * 10_000).toISOString();

/** One audit row per lead, once per copy (the dataset has none). */
async function ensureAuditRows(h: DbHandle): Promise<void> {
  const n = await sql<{ n: number }>`select count(*) as n from lead_status_audit`.execute(h.db);
  if (Number(n.rows[0].n) > 0) return;
  const created =
    h.dialect.name === 'sqlite'
      ? sql`strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (id * 10) || ' seconds')`
      : sql`timestamptz '2026-01-01 00:00:00+00' + id * interval '10 seconds'`;
  await sql`insert into lead_status_audit (id, lead_id, old_status, new_status, source, operation_id, reason, created_at)
    select id, id, 'new', 'busy', 'call', null, null, ${created} from leads`.execute(h.db);
}

/** The rows of a page as the service returns them, for the floor's and the service's fingerprint. */
const ids = (v: unknown) => (v as { id: number }[]).map((r) => r.id).join(',');

function auditPage(h: DbHandle, where: ReturnType<typeof sql>) {
  return sql<{ id: number }>`select a.id, a.lead_id, leads.list_id, a.old_status, a.new_status, a.source, a.operation_id, a.reason, a.created_at
    from lead_status_audit a left join leads on leads.id = a.lead_id where ${where} order by a.id desc limit ${PAGE}`
    .execute(h.db)
    .then((r) => r.rows.map((x) => ({ ...x, id: Number(x.id) })));
}

/** The phone the dataset gives lead `id` (dataset.ts), as a person types it. */
const typedPhone = (id: number) => String(2000000000 + ((id * 7919) % 7999999999)).slice(0, 10).replace(/^(\d{3})(\d{3})(\d{4})$/, '($1) $2-$3');

export const AUDIT_OPERATIONS: Operation[] = [
  {
    // A day in the middle of the audit (8,640 rows at 10 s apart): the page at its end.
    name: 'audit_page_date_range',
    warmup: true,
    fresh: false,
    runs: { quick: 7, full: 7 },
    setup: async (h, env) => {
      await ensureAuditRows(h);
      const mid = Math.floor(env.leads / 2);
      return { from: timeOfId(mid), to: timeOfId(mid + 8640), fromId: mid, toId: mid + 8640 };
    },
    run: (h, _e, p) => {
      const x = p as { from: string; to: string };
      return services(h).audit.list({ from: x.from, to: x.to, limit: PAGE });
    },
    floor: (h, _e, p) => {
      const x = p as { fromId: number; toId: number };
      return auditPage(h, sql`a.id >= ${x.fromId} and a.id < ${x.toId}`);
    },
    fingerprint: async (_h, v) => ids(v),
  },
  {
    // One lead's changes by its phone, typed with punctuation: the phone-key probe, then the audit by lead.
    name: 'audit_page_phone',
    warmup: true,
    fresh: false,
    runs: { quick: 7, full: 7 },
    setup: async (h, env) => {
      await ensureAuditRows(h);
      const lead = Math.floor(env.leads / 3);
      return { phone: typedPhone(lead), lead };
    },
    run: (h, _e, p) => services(h).audit.list({ phone: (p as { phone: string }).phone, limit: PAGE }),
    // The floor knows the lead: only the audit's own lookup.
    floor: (h, _e, p) => auditPage(h, sql`a.lead_id = ${(p as { lead: number }).lead}`),
    fingerprint: async (_h, v) => ids(v),
  },
  {
    // "Run now" on the reconcile job: what it would do (unapplied calls counted, the fix's dry run). No floor: absolute.
    name: 'reconcile_preview',
    fresh: false,
    runs: { quick: 3, full: 3 },
    run: (h) => services(h).status.reconcilePreview(),
  },
];
