// One batch of an import against the database: which candidates are on the DNC list, which
// phones the dedupe scope holds already, then (a real import) the new leads and their `import`
// audit rows. A real batch runs all of it in one write transaction, so what it checked is what
// it wrote, and a crash leaves whole batches only.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { normalisePhone } from '../../../shared/domain/phone';
import type { DedupeScope, RowOutcome } from '../../../shared/types/imports';
import { executeForRows, idsIn, textsIn } from '../../db/query/batch-params';
import type { Db, Dialect } from '../../db/dialect';
import { ScratchKeySet } from '../../db/scratch-key-set';
import { textValue, timestampValue } from '../operations/operation-ranges';
import type { CandidateLead } from './row-check';

export interface ImportTarget {
  listId: number;
  campaignId: number;
  dedupe: DedupeScope;
  operationId: string;
  nowIso: string;
}

async function dncKeys(db: Db, dialect: Dialect, keys: readonly string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('dnc_numbers').select('phone_key').where(textsIn(dialect, 'phone_key', keys)!).execute();
  return new Set(rows.map((r) => r.phone_key!));
}

function scopeCondition(target: ImportTarget): RawBuilder<SqlBool> | null {
  if (target.dedupe === 'list') return sql<SqlBool>`list_id = ${target.listId}`;
  if (target.dedupe === 'campaign') return sql<SqlBool>`list_id in (select id from lead_lists where campaign_id = ${target.campaignId})`;
  return null;
}

async function existingKeys(db: Db, dialect: Dialect, target: ImportTarget, keys: readonly string[]): Promise<Set<string>> {
  if (target.dedupe === 'none') return new Set();
  let q = db.selectFrom('leads').select('phone_key').distinct().where(textsIn(dialect, 'phone_key', keys)!);
  const scope = scopeCondition(target);
  if (scope) q = q.where(scope);
  const rows = await q.execute();
  return new Set(rows.map((r) => r.phone_key!));
}

/** Phones the keyed look-ups cannot see, normalised here (see loadUnkeyed): for one batch, or all of them. */
export interface Unkeyed<S = Set<string>> {
  dnc: S;
  leads: S;
}

const UNKEYED_PAGE = 5000;

/** Every phone of `table` (in the dedupe scope) whose key is not filled yet, a page at a time. */
async function eachUnkeyedPage(db: Db, dialect: Dialect, table: 'dnc_numbers' | 'leads', scope: RawBuilder<SqlBool> | null, use: (phones: string[]) => void): Promise<void> {
  const index = table === 'leads' ? 'leads_by_phone_key' : 'dnc_numbers_by_phone_key';
  const key = table === 'leads' ? sql.ref('id') : sql.ref('phone');
  for (let after: number | string | null = null; ; ) {
    const rows: { k: number | string; phone: string }[] = (
      await sql<{ k: number | string; phone: string }>`select ${key} as k, phone from ${sql.table(table)}${dialect.indexHint(index)}
        where phone_key is null ${scope ? sql`and ${scope}` : sql``} ${after === null ? sql`` : sql`and ${key} > ${after}`}
        order by ${key} limit ${UNKEYED_PAGE}`.execute(db)
    ).rows;
    use(rows.map((r) => normalisePhone(r.phone)));
    if (rows.length < UNKEYED_PAGE) return;
    after = rows[rows.length - 1].k;
  }
}

/**
 * SQLite rows whose phone_key the console has not filled yet (written by a dialer or a script
 * since). A real import fills them first (ensurePhoneKeys); a dry run may not write, so it reads
 * their phones, a page at a time, normalises them itself and keeps them on disk. Usually none.
 */
export async function loadUnkeyed(db: Db, dialect: Dialect, target: ImportTarget): Promise<Unkeyed<ScratchKeySet>> {
  const unkeyed = { dnc: new ScratchKeySet(), leads: new ScratchKeySet() };
  if (!dialect.appFillsPhoneKeys) return unkeyed;
  await eachUnkeyedPage(db, dialect, 'dnc_numbers', null, (phones) => unkeyed.dnc.add(phones));
  if (target.dedupe !== 'none') await eachUnkeyedPage(db, dialect, 'leads', scopeCondition(target), (phones) => unkeyed.leads.add(phones));
  return unkeyed;
}

/**
 * Each candidate's outcome, in file order: dnc before duplicate. `seen` holds the phones of the
 * file imported so far that the database cannot tell (the batch itself; a whole dry run); the
 * caller keeps it.
 */
export async function decideBatch(
  db: Db,
  dialect: Dialect,
  target: ImportTarget,
  candidates: readonly CandidateLead[],
  seen: Set<string>,
  unkeyed?: Unkeyed,
): Promise<RowOutcome[]> {
  if (candidates.length === 0) return [];
  const keys = [...new Set(candidates.map((c) => c.key))];
  const [dnc, existing] = [await dncKeys(db, dialect, keys), await existingKeys(db, dialect, target, keys)];
  return candidates.map((c) => {
    if (dnc.has(c.key) || unkeyed?.dnc.has(c.key)) return 'dnc';
    if (target.dedupe !== 'none' && (existing.has(c.key) || seen.has(c.key) || unkeyed?.leads.has(c.key))) return 'duplicate';
    if (target.dedupe !== 'none') seen.add(c.key);
    return 'imported';
  });
}

const LEAD_COLUMNS = ['list_id', 'phone', 'first_name', 'last_name', 'timezone', 'status', 'created_at'];

/** Inserts the leads (status new, 0 attempts) and one `import` audit row each. */
export async function writeLeads(trx: Db, dialect: Dialect, target: ImportTarget, leads: readonly CandidateLead[]): Promise<void> {
  if (leads.length === 0) return;
  // SQLite: the console keeps phone_key itself (phone-keys.ts); writing it now saves the refill.
  const columns = dialect.appFillsPhoneKeys ? [...LEAD_COLUMNS, 'phone_key'] : LEAD_COLUMNS;
  const rows = leads.map((l) => ({
    list_id: target.listId,
    phone: l.phone,
    first_name: l.first_name,
    last_name: l.last_name,
    timezone: l.timezone,
    status: 'new',
    created_at: target.nowIso,
    ...(dialect.appFillsPhoneKeys ? { phone_key: l.key } : {}),
  }));
  const names = sql.join(columns.map((c) => sql.ref(c)));
  const inserted = await executeForRows<{ id: number }>(trx, dialect, 'leads', columns, rows, (v) =>
    sql<{ id: number }>`insert into leads (${names}) select ${names} from ${v} as v returning id`,
  );
  const ids = inserted.map((r) => Number(r.id));
  await sql`insert into lead_status_audit (lead_id, old_status, new_status, source, operation_id, reason, created_at)
    select id, ${textValue(null)}, ${textValue('new')}, ${textValue('import')}, ${textValue(target.operationId)}, ${textValue(null)}, ${timestampValue(dialect, target.nowIso)}
    from leads where ${idsIn(dialect, 'id', ids)!}`.execute(trx);
}
