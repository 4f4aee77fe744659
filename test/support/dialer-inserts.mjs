// A dialer writing leads straight into a SQLite file (issue 19, item 7), as its own process:
// `node dialer-inserts.mjs FILE LIST_ID PER_SECOND SECONDS BUSY_TIMEOUT_MS`. Every 100 ms it
// inserts a tenth of PER_SECOND leads in one transaction, through its own connection (no code
// of the console's: the phone keys come from the database's triggers), and prints one JSON line:
// how many it inserted, how many inserts failed on a lock (SQLITE_BUSY) or otherwise, and the
// longest a batch waited. Plain JavaScript: it runs without the TypeScript loader.
import Database from 'better-sqlite3';

const [file, listId, perSecond, seconds, busyMs] = process.argv.slice(2);
const db = new Database(file, { fileMustExist: true, timeout: Number(busyMs) });
const insert = db.prepare('insert into leads (list_id, phone, status) values (?, ?, ?)');
const batch = db.transaction((rows) => {
  for (const r of rows) insert.run(Number(listId), r.phone, 'new');
});
const perTick = Math.max(1, Math.round(Number(perSecond) / 10));
const ticks = Math.round(Number(seconds) * 10);
const out = { inserted: 0, busy: 0, failed: 0, max_batch_ms: 0, first_error: null };
let n = 0;
const started = Date.now();
for (let t = 0; t < ticks; t++) {
  const rows = [];
  for (let i = 0; i < perTick; i++, n++) rows.push({ phone: `+1 (555) ${String(100 + (n % 900)).padStart(3, '0')}-${String(n % 10000).padStart(4, '0')}` });
  const t0 = Date.now();
  try {
    batch(rows);
    out.inserted += rows.length;
  } catch (error) {
    if (error.code === 'SQLITE_BUSY' || /locked|busy/i.test(error.message)) out.busy += 1;
    else out.failed += 1;
    out.first_error ??= error.message;
  }
  out.max_batch_ms = Math.max(out.max_batch_ms, Date.now() - t0);
  const next = started + (t + 1) * 100;
  const wait = next - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
db.close();
console.log(JSON.stringify(out));
