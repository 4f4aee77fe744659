// The database the app opens, remembered between runs (Electron only): a SQLite file or a
// PostgreSQL connection. The password is kept only sealed by the OS keychain (Electron
// safeStorage, passed in as a SecretBox); where no keychain exists it is not kept at all.
import fs from 'node:fs';
import path from 'node:path';
import type { OpenTarget } from '../db/database-config';
import type { PgConnectionConfig, SslMode } from '../db/postgres/connection-config';

export type PostgresConnection = PgConnectionConfig;

export type SavedDatabase =
  | { kind: 'sqlite'; file: string }
  // `ssl` (a boolean) is how earlier versions saved it: true reads as 'require'.
  | { kind: 'postgres'; host: string; port: number; database: string; user: string; ssl_mode?: SslMode; ssl?: boolean; sealed_password?: string };

/** Seals secrets with the OS keychain. */
export interface SecretBox {
  available(): boolean;
  seal(plain: string): string;
  open(sealed: string): string;
}

export class DatabaseSettings {
  constructor(
    readonly file: string,
    private readonly secrets: SecretBox | null,
  ) {}

  load(): SavedDatabase | null {
    try {
      const value = JSON.parse(fs.readFileSync(this.file, 'utf8')) as { database?: SavedDatabase };
      const db = value.database;
      if (db?.kind === 'sqlite' && typeof db.file === 'string') return db;
      if (db?.kind === 'postgres' && typeof db.host === 'string') return db;
      return null;
    } catch {
      return null;
    }
  }

  saveSqlite(file: string): void {
    this.write({ kind: 'sqlite', file });
  }

  /** Saves the connection; the password only sealed, and only when the keychain can seal it. */
  savePostgres(c: PostgresConnection): { passwordKept: boolean } {
    const sealed = c.password && this.secrets?.available() ? this.secrets.seal(c.password) : undefined;
    this.write({ kind: 'postgres', host: c.host, port: c.port, database: c.database, user: c.user, ssl_mode: c.sslMode, sealed_password: sealed });
    return { passwordKept: sealed !== undefined };
  }

  /** The stored password of this same server and user, when one was kept. */
  storedPassword(c: Pick<PostgresConnection, 'host' | 'port' | 'user'>): string | undefined {
    const saved = this.load();
    if (saved?.kind !== 'postgres' || !saved.sealed_password || !this.secrets?.available()) return undefined;
    if (saved.host !== c.host || saved.port !== c.port || saved.user !== c.user) return undefined;
    try {
      return this.secrets.open(saved.sealed_password);
    } catch {
      return undefined;
    }
  }

  targetOf(saved: SavedDatabase): OpenTarget {
    if (saved.kind === 'sqlite') return { kind: 'sqlite', file: saved.file };
    const { host, port, database, user } = saved;
    const sslMode = saved.ssl_mode ?? (saved.ssl ? 'require' : 'disable');
    return { kind: 'postgres', connection: { host, port, database, user, sslMode, password: this.storedPassword(saved) } };
  }

  private write(database: SavedDatabase): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify({ database }, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}
