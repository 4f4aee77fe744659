// Browser mode's way in (issue 20, item 3). The address handed to a browser, by `demo` through
// xdg-open (whose argv every user sees in `ps`) or by the printed line (which may land in a
// log), carries a single-use code, never the per-run token. Opening it trades the code for a
// session cookie: HttpOnly (page scripts cannot read it), SameSite=Strict (no other site's page
// sends it). A used or expired code opens nothing, so a leaked address is worthless.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_PATH = '/session';
/** Long enough to open the printed address; short enough that an unused one in a log expires. */
export const DEFAULT_CODE_TTL_MS = 15 * 60_000;

// Stored hashed: a lookup's timing says nothing about the secret itself.
const digest = (secret: string) => createHash('sha256').update(secret).digest('base64url');

export class BrowserSessions {
  private readonly codes = new Map<string, number>();
  private readonly sessions = new Set<string>();

  constructor(
    private readonly ttlMs = DEFAULT_CODE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new single-use code, valid for the TTL. */
  issueCode(): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(digest(code), this.now() + this.ttlMs);
    return code;
  }

  /** Spends the code: a new session id, or null when the code is unknown, used or expired. */
  redeem(code: string | null): string | null {
    if (typeof code !== 'string' || code.length === 0 || code.length > 200) return null;
    const key = digest(code);
    const expires = this.codes.get(key);
    this.codes.delete(key);
    this.dropExpired();
    if (expires === undefined || expires < this.now()) return null;
    const session = randomBytes(32).toString('base64url');
    this.sessions.add(digest(session));
    return session;
  }

  /** True when the request carries the cookie of a session this server opened. */
  hasSession(req: IncomingMessage, cookieName: string): boolean {
    const value = readCookie(req.headers.cookie, cookieName);
    return value !== null && value.length <= 200 && this.sessions.has(digest(value));
  }

  private dropExpired(): void {
    const t = this.now();
    for (const [key, expires] of this.codes) if (expires < t) this.codes.delete(key);
  }
}

/** One cookie name per port: two consoles on one machine share the browser's cookie jar for 127.0.0.1. */
export function sessionCookieName(port: number): string {
  return `lead-console-session-${port}`;
}

export function sessionCookie(name: string, value: string): string {
  return `${name}=${value}; HttpOnly; SameSite=Strict; Path=/`;
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
