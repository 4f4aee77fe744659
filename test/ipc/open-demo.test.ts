// Issue 21 item 22: an empty database's "Open the demo database": the demo file in the console's
// data folder, created and seeded when missing (never half-seeded), then opened; the page names no
// path, so browser mode allows it without --database-folder.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppRuntime } from '../../main/app/app-runtime';
import { dispatch } from '../../main/ipc/dispatch';
import { createHandlers } from '../../main/ipc/handlers';
import { createTestTarget } from '../support/databases';
import { makeTempDir } from '../support/temp-dir';

describe('database/open-demo', () => {
  let home: string;
  const saved = process.env.LEAD_CONSOLE_HOME;
  beforeEach(() => {
    home = makeTempDir('lc-demo-home-');
    process.env.LEAD_CONSOLE_HOME = home;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.LEAD_CONSOLE_HOME;
    else process.env.LEAD_CONSOLE_HOME = saved;
  });

  it('creates the demo once (two clicks share one seed), opens it, and opens it again without seeding', async () => {
    const runtime = new AppRuntime({ shell: 'browser', version: '1', jobs: false });
    try {
      await runtime.useDatabase(await createTestTarget('sqlite'));
      const handlers = createHandlers(runtime);
      const call = (channel: string) => dispatch(handlers, channel, {}, { emit: () => undefined });
      expect(await call('campaigns/list')).toEqual({ ok: true, value: [] });
      // A seed cut off earlier left its temporary file: it is replaced, never opened.
      fs.writeFileSync(path.join(home, 'demo.sqlite.seeding'), 'half a demo');
      const [a, b] = await Promise.all([call('database/open-demo'), call('database/open-demo')]);
      expect(a).toMatchObject({ ok: true, value: { database: { kind: 'sqlite', description: expect.stringContaining('demo.sqlite') } } });
      expect(b.ok).toBe(true);
      const demo = path.join(home, 'demo.sqlite');
      expect(fs.existsSync(demo)).toBe(true);
      expect(fs.existsSync(`${demo}.seeding`)).toBe(false);
      const campaigns = (await call('campaigns/list')) as { value: { name: string }[] };
      expect(campaigns.value.map((c) => c.name).sort()).toEqual(['Home Insurance Renewals', 'Solar Savings Outreach', 'Winback Q4']);
      const stamp = fs.statSync(demo).mtimeMs;
      await runtime.useDatabase(await createTestTarget('sqlite'));
      expect(await call('database/open-demo')).toMatchObject({ ok: true });
      expect(fs.statSync(demo).mtimeMs).toBe(stamp);
      expect((await call('campaigns/list')) as { value: unknown[] }).toMatchObject({ value: { length: 3 } });
    } finally {
      await runtime.stop();
    }
  }, 120_000);
});
