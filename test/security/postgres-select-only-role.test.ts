// Item 8 of issue 20: `--read-only` on PostgreSQL is a session default, which a session may
// turn off. The real guard for an audit is a role that may only SELECT: this test creates one on
// the throwaway server and runs every read-only command with it (password from PGPASSWORD, not
// argv), and shows that a write command is refused by the server and changes nothing.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import { seedDemo } from '../../main/demo/seed-demo';
import { runCli } from '../support/cli';
import { createTestTarget } from '../support/databases';
import { snapshotTables } from '../support/table-snapshot';
import { readOnlyCommands } from '../support/read-only-commands';

const NOW = '2026-11-24T15:00:00.000Z';

describe('a SELECT-only PostgreSQL role for audits', () => {
  let rw: DbHandle;
  let auditUrl: string;
  const role = `lc_audit_${randomBytes(4).toString('hex')}`;
  const password = `pw_${randomBytes(8).toString('hex')}`;
  let listId: number;
  let campaignId: number;

  beforeAll(async () => {
    const target = await createTestTarget('postgres');
    if (target.kind !== 'postgres' || !('url' in target)) throw new Error('postgres expected');
    rw = await openDatabase(target);
    await seedDemo(rw, { leads: 300 });
    const list = await rw.db.selectFrom('lead_lists').select(['id', 'campaign_id']).orderBy('id').executeTakeFirstOrThrow();
    listId = list.id;
    campaignId = list.campaign_id;
    const dbName = new URL(target.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    try {
      // The statements docs/security.md gives for an audit role.
      await admin.query(`create role ${role} login password '${password}'`);
      await admin.query(`grant connect on database ${dbName} to ${role}`);
    } finally {
      await admin.end();
    }
    const owner = new pg.Client({ connectionString: target.url });
    await owner.connect();
    try {
      await owner.query(`grant usage on schema public to ${role}`);
      await owner.query(`grant select on all tables in schema public to ${role}`);
    } finally {
      await owner.end();
    }
    const u = new URL(target.url);
    u.username = role;
    u.password = '';
    auditUrl = u.toString();
  }, 180_000);

  afterAll(async () => {
    await rw?.close();
  });

  it('runs every read-only command', async () => {
    const before = await snapshotTables(rw);
    const commands = readOnlyCommands({ listId, campaignId }, NOW);
    const results = [];
    for (const args of commands) results.push([args, await runCli([...args, '--database-url', auditUrl, '--read-only'], { env: { PGPASSWORD: password } })] as const);
    for (const [args, r] of results) {
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stderr, args.join(' ')).not.toMatch(/process list/);
      expect(() => JSON.parse(r.stdout), args.join(' ')).not.toThrow();
    }
    expect(await snapshotTables(rw)).toEqual(before);
  }, 300_000);

  it('a write through that role is refused by the server, even without --read-only, and nothing changes', async () => {
    const before = await snapshotTables(rw);
    const r = await runCli(['recycle', '--list', String(listId), '--status', 'no_answer', '--database-url', auditUrl], { env: { PGPASSWORD: password } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/permission denied|not allowed|privilege/i);
    expect(await snapshotTables(rw)).toEqual(before);
  }, 120_000);
});
