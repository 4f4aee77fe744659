// A database a dialer wrote (issue 19, item 7): `node --import tsx bench/direct-inserts.ts N
// [--before-triggers] [--bin PATH]`. Makes a SQLite file with one campaign and list, inserts N
// leads straight into `leads` through its own better-sqlite3 connection (as a dialer or an import
// script does: no phone_key, 10,000 rows a transaction), then times, as whole processes, the first
// console command on it (`hopper fill`, which needs every phone key) and the one after.
// --before-triggers: the file is as a console without migration 0012 left it (no triggers, the
// migration not applied), so the first command applies 0012 and its one-statement backfill.
// --bin: another checkout's bin/lead-console.mjs (say, one from before the triggers).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../main/db/open-database';
import { DATA_DIR } from './databases';

const args = process.argv.slice(2);
const leads = Number((args.find((a) => /^\d[\d_]*$/.test(a)) ?? '58466').replace(/_/g, ''));
const beforeTriggers = args.includes('--before-triggers');
const binAt = args.indexOf('--bin');
const BIN = binAt >= 0 ? path.resolve(args[binAt + 1]) : path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'bin', 'lead-console.mjs');

fs.mkdirSync(DATA_DIR, { recursive: true });
const file = path.join(DATA_DIR, `direct-${leads}-${process.pid}.sqlite`);
const h = await openDatabase({ kind: 'sqlite', file });
await h.close();

const raw = new Database(file);
raw.pragma('journal_mode = WAL');
raw.prepare("insert into campaigns (name) values ('Dialer')").run();
raw.prepare('insert into lead_lists (campaign_id, name) values (1, ?)').run('Dialer list');
if (beforeTriggers) {
  for (const t of ['leads_phone_key_insert', 'leads_phone_key_update', 'dnc_phone_key_insert', 'dnc_phone_key_update']) raw.exec(`drop trigger if exists ${t}`);
  raw.prepare("delete from kysely_migration where name = '0012-phone-key-triggers'").run();
}
const insert = raw.prepare("insert into leads (list_id, phone, status, timezone) values (1, ?, 'new', 'America/New_York')");
const batch = raw.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++) insert.run(`+1 (${200 + (i % 800)}) ${String(100 + (i % 900)).padStart(3, '0')}-${String(i % 10000).padStart(4, '0')}`);
});
const t0 = process.hrtime.bigint();
for (let i = 0; i < leads; i += 10_000) batch(i, Math.min(leads, i + 10_000));
const insertMs = Number(process.hrtime.bigint() - t0) / 1e6;
raw.pragma('wal_checkpoint(truncate)');
raw.close();

function timed(): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, 'hopper', 'fill', '--campaign', '1', '--db', file, '--json'], { env: { ...process.env, DATABASE_URL: '' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`hopper fill exited ${r.status}: ${r.stderr}`);
  return Math.round(Number(process.hrtime.bigint() - t) / 1e6);
}
const first = timed();
const second = timed();
console.log(JSON.stringify({ leads, before_triggers: beforeTriggers, bin: BIN, insert_ms: Math.round(insertMs), inserts_per_second: Math.round(leads / (insertMs / 1000)), first_command_ms: first, second_command_ms: second }));
for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
