import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseSettings, type SecretBox } from '../../main/app/database-settings';
import { registerIpc, type IpcMainLike } from '../../main/electron/ipc-adapter';
import { isTrustedSender, type FrameLike, type InvokeEventLike } from '../../main/electron/sender-check';
import type { Handlers } from '../../main/ipc/handler-types';
import { buildApi } from '../../preload/build-api';
import { CHANNEL_NAMES, PUSH_EVENT_NAMES } from '../../shared/ipc/contract';
import { ConsoleError } from '../../shared/errors';

class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>) {
    if (this.listeners.has(channel)) throw new Error(`second handler for ${channel}`);
    this.listeners.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.listeners.delete(channel);
  }
  invoke(channel: string, event: InvokeEventLike, ...args: unknown[]) {
    const l = this.listeners.get(channel);
    if (!l) throw new Error(`No handler registered for '${channel}'`);
    return l(event, ...args);
  }
}

const webContents = { id: 1 };
const mainFrame: FrameLike = { url: 'lead-console://app/index.html', parent: null };
const expected = { webContents, mainFrame: () => mainFrame };
const good: InvokeEventLike = { sender: webContents, senderFrame: mainFrame };

function setup() {
  const ran: string[] = [];
  const handlers = Object.fromEntries(
    CHANNEL_NAMES.map((c) => [
      c,
      async (input: unknown) => {
        ran.push(c);
        if (c === 'campaigns/list') throw new ConsoleError('not_found', 'Campaign 3 does not exist.');
        if (c === 'hopper/cleanup') throw new Error('SQLITE_CORRUPT at /home/me/secret.sqlite');
        return { echoed: input };
      },
    ]),
  ) as unknown as Handlers;
  const ipc = new FakeIpcMain();
  const logged: string[] = [];
  const unregister = registerIpc(ipc, { handlers, isTrusted: (e) => isTrustedSender(e, expected), context: { emit: () => undefined }, log: (l) => logged.push(l) });
  return { ipc, ran, logged, unregister };
}

describe('Electron IPC adapter (fake ipcMain)', () => {
  it('registers exactly the contract channels, and removes them', () => {
    const { ipc, unregister } = setup();
    expect([...ipc.listeners.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    unregister();
    expect(ipc.listeners.size).toBe(0);
  });

  it('runs a valid request from our main frame', async () => {
    const { ipc } = setup();
    expect(await ipc.invoke('recycling/breakdown', good, { listId: 4 })).toEqual({ ok: true, value: { echoed: { listId: 4 } } });
  });

  it('refuses other senders before parsing or running anything', async () => {
    const { ipc, ran, logged } = setup();
    const iframe: FrameLike = { url: 'lead-console://app/index.html', parent: mainFrame };
    const cases: InvokeEventLike[] = [
      { sender: { id: 2 }, senderFrame: mainFrame }, // another window
      { sender: webContents, senderFrame: iframe }, // a subframe
      { sender: webContents, senderFrame: null }, // a frame that is gone
      { sender: webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, // not the main frame object
    ];
    for (const event of cases) {
      expect(await ipc.invoke('recycling/breakdown', event, { listId: 4 })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^Refused/) } });
    }
    // Our frame object, navigated away to a foreign page.
    const navigated = { url: 'https://evil.example/', parent: null };
    expect(isTrustedSender({ sender: webContents, senderFrame: navigated }, { webContents, mainFrame: () => navigated })).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: { url: 'file:///etc/passwd', parent: null } }, { webContents, mainFrame: () => null })).toBe(false);
    expect(isTrustedSender(good, null)).toBe(false);
    // The same frame through another wrapper object is ours; another frame id is not.
    const withIds = { ...mainFrame, processId: 4, routingId: 1 };
    expect(isTrustedSender({ sender: webContents, senderFrame: { ...withIds } }, { webContents, mainFrame: () => withIds })).toBe(true);
    expect(isTrustedSender({ sender: webContents, senderFrame: { ...withIds, routingId: 2 } }, { webContents, mainFrame: () => withIds })).toBe(false);
    expect(ran).toEqual([]);
    expect(logged.length).toBe(4);
  });

  it('validates input with the channel schema: readable invalid_input, handler not run', async () => {
    const { ipc, ran } = setup();
    const r = (await ipc.invoke('recycling/breakdown', good, { listId: -1 })) as { ok: false; error: { code: string; message: string } };
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).toMatch(/^Invalid request: listId: /);
    expect(await ipc.invoke('recycling/breakdown', good, { listId: 1, sql: 'drop table leads' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ipc.invoke('recycling/breakdown', good, { listId: 1 }, 'extra')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ipc.invoke('operations/undo', good, { operationId: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(ran).toEqual([]);
  });

  it('returns errors as plain { code, message }: console errors as they are, others internal without details', async () => {
    const { ipc, logged } = setup();
    expect(await ipc.invoke('campaigns/list', good, {})).toEqual({ ok: false, error: { code: 'not_found', message: 'Campaign 3 does not exist.' } });
    const internal = await ipc.invoke('hopper/cleanup', good, {});
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toMatch(/SQLITE|secret|at /);
    expect(logged.some((l) => l.includes('hopper/cleanup failed'))).toBe(true);
  });
});

describe('preload API', () => {
  it('has one named function per channel and one subscription per push event, nothing generic', async () => {
    const invoked: [string, unknown][] = [];
    const subscribed: string[] = [];
    const api = buildApi(
      async (channel, input) => {
        invoked.push([channel, input]);
        return { ok: true, value: null };
      },
      (event, listener) => {
        subscribed.push(event);
        listener({ progressId: 'x' });
        return () => undefined;
      },
    );
    expect(Object.keys(api).filter((k) => k !== 'events').sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.keys(api.events).sort()).toEqual([...PUSH_EVENT_NAMES].sort());
    expect('invoke' in api || 'on' in api || 'send' in api).toBe(false);
    await api['recycling/breakdown']({ listId: 2 });
    expect(invoked).toEqual([['recycling/breakdown', { listId: 2 }]]);
    const seen: unknown[] = [];
    const off = api.events['operation/progress']((p) => seen.push(p));
    expect(typeof off).toBe('function');
    expect(subscribed).toEqual(['operation/progress']);
    expect(seen).toEqual([{ progressId: 'x' }]);
    expect(Object.isFrozen(api)).toBe(true);
  });
});

describe('database settings', () => {
  const box: SecretBox = { available: () => true, seal: (p) => Buffer.from(`sealed:${p}`).toString('base64'), open: (s) => Buffer.from(s, 'base64').toString().slice(7) };
  const conn = { host: 'db.example', port: 5432, database: 'leads', user: 'sup', password: 'p@ss word/1', sslMode: 'disable' as const };

  it('keeps the password only sealed, and gives it back for the same server', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lc-settings-')), 'settings.json');
    const settings = new DatabaseSettings(file, box);
    expect(settings.savePostgres(conn)).toEqual({ passwordKept: true });
    expect(fs.readFileSync(file, 'utf8')).not.toContain('p@ss');
    expect(settings.storedPassword(conn)).toBe('p@ss word/1');
    expect(settings.storedPassword({ ...conn, host: 'other' })).toBeUndefined();
    const target = settings.targetOf(settings.load()!);
    expect(target).toEqual({ kind: 'postgres', connection: conn });
  });

  it('keeps no password at all without a keychain', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lc-settings-')), 'settings.json');
    const settings = new DatabaseSettings(file, { ...box, available: () => false });
    expect(settings.savePostgres(conn)).toEqual({ passwordKept: false });
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/p@ss|sealed/);
  });

  it('reads a connection saved by an earlier version (ssl: true) as SSL mode require', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lc-settings-')), 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ database: { kind: 'postgres', host: 'db.example', port: 5432, database: 'leads', user: 'sup', ssl: true } }));
    const settings = new DatabaseSettings(file, box);
    expect(settings.targetOf(settings.load()!)).toEqual({ kind: 'postgres', connection: { host: 'db.example', port: 5432, database: 'leads', user: 'sup', sslMode: 'require', password: undefined } });
  });
});
