// The import bench: a vendor file in the shape the issue gives (2% DNC numbers, 3% phones the
// campaign has already, 1% rows without a phone, the rest new), and the floor to compare the
// service with: the same rows through the same parser, dedupe and DNC by a temp index, one
// multi-row insert per batch (no audit rows, no operation, no per-row outcome bookkeeping).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { normalisePhone } from '../../shared/domain/phone';
import { bulkInsert } from '../../main/db/query/bulk-insert';
import type { Db } from '../../main/db/dialect';
import type { DbHandle } from '../../main/db/open-database';
import { readCsvHead, readCsvRecords } from '../../main/services/imports/csv-reader';
import { BATCH } from '../../main/services/imports/import-leads';

export interface ImportBenchFile {
  file: string;
  listId: number;
  campaignId: number;
}

/** Writes the vendor file (streamed) for `rows` rows into `listId`'s campaign. */
export async function writeVendorFile(h: DbHandle, listId: number, rows: number): Promise<ImportBenchFile> {
  const { campaign_id: campaignId } = await h.db.selectFrom('lead_lists').select('campaign_id').where('id', '=', listId).executeTakeFirstOrThrow();
  const dnc = (await h.db.selectFrom('dnc_numbers').select('phone').limit(5000).execute()).map((r) => r.phone);
  const known = (
    await sql<{ phone: string }>`select phone from leads where list_id in (select id from lead_lists where campaign_id = ${campaignId}) order by id limit 50000`.execute(h.db)
  ).rows.map((r) => r.phone);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lc-bench-import-')), 'vendor.csv');
  const out = fs.createWriteStream(file);
  out.write('phone,first_name,last_name,timezone,source\n');
  for (let i = 0; i < rows; i++) {
    const k = i % 100;
    const phone = k < 2 && dnc.length ? dnc[i % dnc.length] : k < 5 && known.length ? known[i % known.length] : k === 5 ? '' : `+1 999 ${String(i).padStart(7, '0')}`;
    if (!out.write(`${phone},First ${i},"Last, ${i}",${i % 3 === 0 ? 'America/Chicago' : ''},bench\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end();
  await new Promise<void>((r) => out.once('finish', () => r()));
  return { file, listId, campaignId };
}

async function floorOn(db: Db, h: DbHandle, { file, listId, campaignId }: ImportBenchFile): Promise<number> {
  await sql`create temp table floor_seen (k text primary key)`.execute(db);
  try {
    await sql`insert into floor_seen (k) select distinct phone_key from leads where phone_key is not null
      and list_id in (select id from lead_lists where campaign_id = ${campaignId})`.execute(db);
    await sql`insert into floor_seen (k) select distinct phone_key from dnc_numbers where phone_key is not null and phone_key not in (select k from floor_seen)`.execute(db);
    const head = await readCsvHead(file);
    let imported = 0;
    let batch: { key: string; phone: string; first: string; last: string; tz: string }[] = [];
    const flush = async () => {
      const keys = [...new Set(batch.map((r) => r.key))];
      const taken = new Set(
        (await sql<{ k: string }>`select k from floor_seen where k in (${sql.join(keys)})`.execute(db)).rows.map((r) => r.k),
      );
      const rows: Record<string, unknown>[] = [];
      for (const r of batch) {
        if (taken.has(r.key)) continue;
        taken.add(r.key);
        rows.push({ list_id: listId, phone: r.phone, first_name: r.first, last_name: r.last, timezone: r.tz || null, status: 'new', ...(h.dialect.name === 'sqlite' ? { phone_key: r.key } : {}) });
      }
      await bulkInsert(db, h.dialect, 'leads', rows);
      const fresh = rows.map((r) => (h.dialect.name === 'sqlite' ? (r.phone_key as string) : normalisePhone(r.phone as string)));
      if (fresh.length) await sql`insert into floor_seen (k) values ${sql.join(fresh.map((k) => sql`(${k})`))}`.execute(db);
      imported += rows.length;
      batch = [];
    };
    let header = true;
    for await (const rec of readCsvRecords(file, head.delimiter)) {
      if (header) {
        header = false;
        continue;
      }
      const phone = rec[0].trim();
      const key = normalisePhone(phone);
      const digits = key.replace('+', '').length;
      if (digits < 7 || digits > 15) continue;
      batch.push({ key, phone, first: rec[1], last: rec[2], tz: rec[3] });
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
    return imported;
  } finally {
    await sql`drop table floor_seen`.execute(db);
  }
}

/** The floor: one connection (a temp table lives on one), one transaction per batch not needed. */
export function importFloor(h: DbHandle, input: ImportBenchFile): Promise<number> {
  return h.db.connection().execute((conn) => floorOn(conn, h, input));
}
