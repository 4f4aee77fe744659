import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_URL_PREFIX, TOKEN_HEADER } from '../../shared/ipc/http-protocol';
import { BIN } from '../support/cli';

describe('lead-console serve', () => {
  it('prints exactly one Console line, serves the contract on 127.0.0.1 with its token, and stops on SIGTERM', async () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lc-serve-')), 'serve.sqlite');
    const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--no-jobs'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no console line:\n${out}\n${err}`)), 30_000);
      child.stdout.on('data', (d) => {
        out += d;
        const found = out.split('\n').find((l) => l.startsWith(CONSOLE_URL_PREFIX));
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    try {
      expect(line).toMatch(/^Console: http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}$/);
      const url = new URL(line.slice('Console: '.length));
      const token = url.hash.slice('#token='.length);
      const res = await fetch(`http://127.0.0.1:${url.port}/api/app/get-info`, { method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: token } });
      expect(await res.json()).toMatchObject({ ok: true, value: { shell: 'browser', database: { kind: 'sqlite' } } });
      expect(err).not.toContain(token);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(out.split('\n').filter((l) => l.startsWith('Console:'))).toHaveLength(1);
  });
});
