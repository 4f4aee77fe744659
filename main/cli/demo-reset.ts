// `demo --reset` and `seed-demo --reset`: the demo back as it was first seeded. A SQLite file is
// deleted (with its -wal and -shm) and seeded again, after a question on the terminal unless
// --yes. A PostgreSQL database is not emptied from here: it is often shared, and dropping and
// creating a database is the server's owner's decision (dropdb/createdb).
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { InputError } from '../../shared/errors';
import type { DatabaseTarget } from '../db/database-config';

/** The files SQLite keeps beside a database. */
const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

/** One line from stdin (the terminal, or a pipe); '' when stdin ends first. */
async function answer(question: string): Promise<string> {
  process.stderr.write(question);
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  try {
    for await (const line of rl) return line.trim();
    return '';
  } finally {
    rl.close();
  }
}

/**
 * Deletes the demo's SQLite file so that it is seeded again. Asks first unless `yes`; an answer
 * other than y/yes (or none, stdin closed) leaves the file as it was and refuses (exit 2).
 */
export async function resetDemoFile(target: DatabaseTarget, yes: boolean): Promise<void> {
  if (target.kind !== 'sqlite') {
    throw new InputError('--reset deletes a SQLite file and seeds it again; a PostgreSQL database is not emptied from here. Drop and create it (dropdb, createdb), then run seed-demo.');
  }
  const file = path.resolve(target.file);
  if (!fs.existsSync(file)) return;
  if (fs.statSync(file).isDirectory()) throw new InputError(`${file} is a folder, not a SQLite file.`);
  if (!yes) {
    const reply = await answer(`This deletes ${file} (every campaign, lead, call and change in it) and seeds the demo again. Type yes to go on: `);
    if (!/^y(es)?$/i.test(reply)) throw new InputError('Nothing was reset. Answer yes, or give --yes to reset without the question.');
  }
  for (const suffix of SIDE_FILES) fs.rmSync(file + suffix, { force: true });
}
