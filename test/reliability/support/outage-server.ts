// Drives pg-outage-server.mjs: a PostgreSQL the test can take away and bring back.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';

export { freePort } from '../../../scripts/postgres-child';
import { freePort } from '../../../scripts/postgres-child';

export class OutageServer {
  private out = '';
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly adminUrl: string,
  ) {
    child.stdout.on('data', (d) => (this.out += d));
  }

  static async start(): Promise<OutageServer> {
    const script = path.resolve(__dirname, 'pg-outage-server.mjs');
    const child = spawn(process.execPath, [script, String(await freePort())], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`outage PostgreSQL did not start: ${out}`)), 90_000);
      child.stdout.on('data', (d) => {
        out += d;
        const m = /ready (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`outage PostgreSQL exited (${code}): ${out}`)));
    });
    return new OutageServer(child, url);
  }

  async createDatabase(name: string): Promise<string> {
    const c = new pg.Client({ connectionString: this.adminUrl });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    const u = new URL(this.adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  }

  private command(cmd: 'stop' | 'start', answer: string): Promise<void> {
    const seen = this.out.split('\n').filter((l) => l === answer).length;
    this.child.stdin.write(`${cmd}\n`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not answer ${cmd}`)), 60_000);
      const poll = setInterval(() => {
        if (this.out.split('\n').filter((l) => l === answer).length > seen) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 20);
    });
  }

  stop(): Promise<void> {
    return this.command('stop', 'stopped');
  }

  start(): Promise<void> {
    return this.command('start', 'started');
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
}
