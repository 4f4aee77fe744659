// A PostgreSQL connection chosen in the settings form: the fields themselves, handed to pg as a
// config object. Never a URL built from fields, where a host such as
// `db?options=-c log_statement=all` or `db/x?sslrootcert=/any/file` became URL parameters.
import net from 'node:net';
import type pg from 'pg';

import type { SSL_MODES } from '../../../shared/ipc/schemas';

/** disable: plain TCP; require: encrypted, certificate not checked; verify-full: encrypted, certificate and host name checked. */
export type SslMode = (typeof SSL_MODES)[number];

export interface PgConnectionConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  sslMode: SslMode;
}

export function toClientConfig(c: PgConnectionConfig): pg.ClientConfig {
  const ssl =
    c.sslMode === 'disable'
      ? false
      : c.sslMode === 'require'
        ? { rejectUnauthorized: false }
        : { rejectUnauthorized: true, ...(net.isIP(c.host) ? {} : { servername: c.host }) };
  return { host: c.host, port: c.port, database: c.database, user: c.user, ...(c.password !== undefined ? { password: c.password } : {}), ssl };
}

/** `user@host:port/database`, without the password. */
export function describeConnection(c: PgConnectionConfig): string {
  const host = c.host.includes(':') ? `[${c.host}]` : c.host;
  return `${c.user}@${host}:${c.port}/${c.database}${c.sslMode === 'disable' ? '' : ` (SSL ${c.sslMode})`}`;
}
