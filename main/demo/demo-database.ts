// The demo database: one SQLite file in the user's data folder, created and seeded the first time
// it is asked for (`lead-console demo`, the console's "Open the demo database" on an empty
// database). It is seeded under a temporary name and renamed when complete, so a seed that
// stops half way never leaves a half-filled demo behind to be opened next time.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/open-database';
import { demoDatabaseFile } from './demo-defaults';
import { seedDemo, type SeedSummary } from './seed-demo';

export { demoDatabaseFile };

const seeding = new Map<string, Promise<SeedSummary | null>>();

/** Creates and seeds `file` when it does not exist; the summary, or null when it was there. Two callers at once share one seed. */
export function ensureDemoDatabase(file = demoDatabaseFile(), onProgress?: (done: number, total: number) => void): Promise<SeedSummary | null> {
  const key = path.resolve(file);
  const running = seeding.get(key);
  if (running) return running;
  const work = (async () => {
    if (fs.existsSync(key)) return null;
    const partial = `${key}.seeding`;
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
    // Opening creates the folders (0700) and the file (0600): private-files.ts.
    const handle = await openDatabase({ kind: 'sqlite', file: partial });
    let summary: SeedSummary;
    try {
      summary = await seedDemo(handle, { onProgress });
    } finally {
      await handle.close();
    }
    fs.renameSync(partial, key);
    return summary;
  })().finally(() => seeding.delete(key));
  seeding.set(key, work);
  return work;
}
