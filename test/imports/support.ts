// Files and lists for the import, export and DNC tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DbHandle } from '../../main/db/open-database';

let counter = 0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-imports-'));

/** Writes `text` (or bytes) to a fresh file and returns its path. */
export function csvFile(text: string | Buffer, name = 'vendor.csv'): string {
  const file = path.join(dir, `${++counter}-${name}`);
  fs.writeFileSync(file, text);
  return file;
}

export async function addDnc(h: DbHandle, phone: string): Promise<void> {
  await h.db.insertInto('dnc_numbers').values({ phone }).execute();
}

export async function leadsOf(h: DbHandle, listId: number) {
  return h.db
    .selectFrom('leads')
    .select(['phone', 'first_name', 'last_name', 'timezone', 'status', 'dial_attempts'])
    .where('list_id', '=', listId)
    .orderBy('id')
    .execute();
}
