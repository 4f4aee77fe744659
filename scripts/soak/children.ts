// The parent's side of a child process of the soak: fork it with tsx, wait for its `ready`,
// send it messages, and stop it (a child that does not stop in time is killed, and says so).
import { fork, type ChildProcess } from 'node:child_process';
import type { IpcResult } from '../../shared/ipc/contract';
import type { ChildEntry } from './bundle';
import type { ChildConfig, ConsoleMessage, DialerMessage, DialerSummary, ParentMessage } from './protocol';

interface Child<M extends { type: string }> {
  process: ChildProcess;
  next<T extends M['type']>(type: T, timeoutMs: number): Promise<Extract<M, { type: T }>>;
  send(message: ParentMessage): void;
}

function start<M extends { type: string }>(entry: ChildEntry, config: ChildConfig, label: string, onMessage: (m: M) => void): Child<M> {
  const child = fork(entry.file, [], {
    execArgv: entry.execArgv,
    env: { ...process.env, SOAK_CHILD: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const prefix = (chunk: Buffer) =>
    String(chunk)
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => `[${label}] ${l}\n`)
      .join('');
  child.stdout!.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  child.stderr!.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  const waiting = new Map<string, (m: M) => void>();
  child.on('message', (m: M) => {
    const w = waiting.get(m.type);
    if (w) {
      waiting.delete(m.type);
      w(m);
    }
    onMessage(m);
  });
  return {
    process: child,
    send: (message) => child.send(message),
    next: (type, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${label}: no ${type} within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
        const exited = (code: number | null) => reject(new Error(`${label} exited (code ${code}) before ${type}`));
        child.once('exit', exited);
        waiting.set(type, (m) => {
          clearTimeout(timer);
          child.off('exit', exited);
          resolve(m as Extract<M, { type: typeof type }>);
        });
      }),
  };
}

async function stopChild<M extends { type: string }, T extends M['type']>(child: Child<M>, type: T, label: string): Promise<Extract<M, { type: T }> | null> {
  if (child.process.exitCode !== null || !child.process.connected) return null;
  const done = child.next(type, 120_000);
  try {
    child.send({ type: 'stop' });
    return await done;
  } catch (error) {
    process.stderr.write(`${label} did not stop: ${(error as Error).message}; killing it.\n`);
    child.process.kill('SIGKILL');
    return null;
  }
}

export interface CallOutcome {
  result: IpcResult<unknown>;
  /** Time inside the console's dispatch. */
  ms: number;
}

export class ConsoleChild {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (o: CallOutcome) => void; reject: (e: Error) => void }>();
  private readonly child: Child<ConsoleMessage>;
  runner = '';

  constructor(
    readonly index: number,
    entry: ChildEntry,
    config: ChildConfig,
    onAlert: (index: number, message: string) => void,
  ) {
    this.child = start<ConsoleMessage>(entry, config, `console ${index}`, (m) => {
      if (m.type === 'reply') {
        this.pending.get(m.id)?.resolve({ result: m.result, ms: m.ms });
        this.pending.delete(m.id);
      } else if (m.type === 'alert') onAlert(index, m.message);
    });
    // A console that dies answers nothing more: its open calls fail instead of hanging the soak.
    this.child.process.on('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`console ${index} exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  async ready(): Promise<void> {
    this.runner = (await this.child.next('ready', 120_000)).runner;
  }

  call(channel: string, input: unknown): Promise<CallOutcome> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      if (this.child.process.exitCode !== null || !this.child.process.connected) {
        reject(new Error(`console ${this.index} is not running`));
        return;
      }
      this.pending.set(id, { resolve, reject });
      this.child.send({ type: 'call', id, channel, input });
    });
  }

  stop() {
    return stopChild(this.child, 'stopped', `console ${this.index}`);
  }
}

export class DialerChild {
  private readonly child: Child<DialerMessage>;

  constructor(entry: ChildEntry, config: ChildConfig) {
    this.child = start<DialerMessage>(entry, config, 'dialer', () => undefined);
  }

  async ready(): Promise<void> {
    await this.child.next('ready', 120_000);
  }

  async stop(): Promise<DialerSummary | null> {
    return (await stopChild(this.child, 'stopped', 'dialer'))?.summary ?? null;
  }
}
