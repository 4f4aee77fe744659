// Item 4 of issue 20: a password on the command line is visible to every user in `ps`; the CLI
// says so in one line and points to PGPASSWORD, ~/.pgpass and DATABASE_URL.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const UNREACHABLE = '127.0.0.1:1/leads';

describe('password given in argv', () => {
  it('warns once, without repeating the password, and names the safe ways', async () => {
    const r = await runCli(['breakdown', '--list', '1', '--database-url', `postgres://u:hunter2@${UNREACHABLE}`]);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('process list'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/PGPASSWORD/);
    expect(warnings[0]).toMatch(/\.pgpass/);
    expect(warnings[0]).toMatch(/DATABASE_URL/);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('says nothing when the password comes from the environment or is not in the URL', async () => {
    const env = await runCli(['breakdown', '--list', '1'], { env: { DATABASE_URL: `postgres://u:hunter2@${UNREACHABLE}` } });
    expect(env.stderr).not.toContain('process list');
    const noPassword = await runCli(['breakdown', '--list', '1', '--database-url', `postgres://u@${UNREACHABLE}`], { env: { PGPASSWORD: 'hunter2' } });
    expect(noPassword.stderr).not.toContain('process list');
  });
});
