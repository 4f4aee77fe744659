// A crash in the middle of an import (the process killed between batches) loses nothing, and a
// rerun of the same file with the same dedupe ends with the same leads as an uninterrupted run.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../../main/db/open-database';
import { fixedClock } from '../../../main/db/time';
import { BATCH } from '../../../main/services/imports/import-leads';
import { createServices } from '../../../main/services/create-services';
import { BIN, dbArgs } from '../../support/cli';
import { describeEachDialect, openTestDatabase } from '../../support/databases';
import { at, makeCampaign, makeList } from '../../support/fixtures';
import { addDnc, csvFile, leadsOf } from './support';

const ROWS = BATCH * 14;

/** A vendor file with in-file duplicates far apart, DNC numbers and bad rows. */
function vendorFile(): string {
  const lines = ['phone,first_name,timezone'];
  for (let i = 0; i < ROWS; i++) {
    if (i % 97 === 5) lines.push(`,no phone ${i},`);
    else if (i % 31 === 7 && i > BATCH) lines.push(`+1 313 ${String(i - BATCH).padStart(7, '0')},dup ${i},`);
    else lines.push(`+1313${String(i).padStart(7, '0')},lead ${i},${i % 5 === 0 ? 'America/Chicago' : ''}`);
  }
  return csvFile(lines.join('\n'));
}

async function countLeads(h: DbHandle, listId: number): Promise<number> {
  const row = await h.db.selectFrom('leads').select((eb) => eb.fn.countAll<number>().as('n')).where('list_id', '=', listId).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function prepare(h: DbHandle): Promise<number> {
  for (let i = 0; i < 200; i += 9) await addDnc(h, `+1 313 ${String(i).padStart(7, '0')}`);
  return makeList(h, await makeCampaign(h));
}

// The suite's database is the one the CLI writes and is killed in; a second, clean one takes the uninterrupted run.
describeEachDialect('import killed mid-way', ({ dialect, h }) => {
  let clean: DbHandle;
  beforeAll(async () => {
    clean = await openTestDatabase(dialect);
  });
  afterAll(() => clean.close());

  it('a rerun finishes the job: the same leads as an uninterrupted run', { timeout: 300_000 }, async () => {
    const file = vendorFile();
    const listId = await prepare(h);
    const cleanList = await prepare(clean);
    const expected = await createServices(clean, fixedClock(at(10))).imports.import({ listId: cleanList, file, dedupe: 'campaign', dryRun: false });

    const child = spawn(process.execPath, [BIN, 'import-leads', file, ...dbArgs(h.target), '--list', String(listId), '--json'], { stdio: 'ignore', env: { ...process.env, DATABASE_URL: '' } });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Killed once a few batches have landed, well before the last.
    let landed = 0;
    while (landed < BATCH * 2) {
      await new Promise((r) => setTimeout(r, 20));
      landed = await countLeads(h, listId);
      if (child.exitCode !== null) break;
    }
    child.kill('SIGKILL');
    await exited;
    const atKill = await countLeads(h, listId);
    expect(atKill).toBeGreaterThanOrEqual(BATCH);
    expect(atKill).toBeLessThan(expected.imported);
    const interrupted = await h.db.selectFrom('operations').select(['id', 'state']).executeTakeFirstOrThrow();
    expect(interrupted.state).toBe('running');

    const rerun = await createServices(h, fixedClock(at(11))).imports.import({ listId, file, dedupe: 'campaign', dryRun: false });
    expect(rerun.imported).toBe(expected.imported - atKill);
    expect(rerun.outcomes.duplicate).toBe(expected.outcomes.duplicate + atKill);
    expect(await leadsOf(h, listId)).toEqual(await leadsOf(clean, cleanList));
    // The cut-off import is closed, and can be undone on its own.
    expect((await h.db.selectFrom('operations').select('state').where('id', '=', interrupted.id).executeTakeFirstOrThrow()).state).toBe('failed');
    const undo = await createServices(h, fixedClock(at(12))).recycling.undo(interrupted.id);
    expect(undo).toMatchObject({ changed: atKill, kept: 0 });
    expect(await countLeads(h, listId)).toBe(rerun.imported);
  });
});
