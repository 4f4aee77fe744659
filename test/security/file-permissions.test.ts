// Item 6 of issue 20: phone numbers are personal data, so what the console creates is readable
// by its user only: the data folder 0700, the database and its -wal / -shm 0600.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open-database';

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-perm-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('files the console creates are private', () => {
  it('a new database: folders 0700, file 0600, and its -wal and -shm 0600 while it is open', async () => {
    const file = path.join(tempDir(), 'nested', 'deeper', 'leads.sqlite');
    const handle = await openDatabase({ kind: 'sqlite', file });
    try {
      await handle.db.insertInto('campaigns').values({ id: 'PERM', name: 'Perm' } as never).execute().catch(() => undefined);
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
      expect(mode(path.dirname(path.dirname(file)))).toBe(0o700);
      expect(mode(path.dirname(file))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
    } finally {
      await handle.close();
    }
  });

  it('the console\'s own data folder, made 0755 by an older version, is closed to 0700 with its database', async () => {
    const home = tempDir();
    const dataDir = path.join(home, 'lead-console');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    const file = path.join(dataDir, 'lead-console.sqlite');
    fs.writeFileSync(file, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const before = process.env.LEAD_CONSOLE_HOME;
    process.env.LEAD_CONSOLE_HOME = dataDir;
    try {
      const handle = await openDatabase({ kind: 'sqlite', file });
      await handle.close();
    } finally {
      if (before === undefined) delete process.env.LEAD_CONSOLE_HOME;
      else process.env.LEAD_CONSOLE_HOME = before;
    }
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });
});
