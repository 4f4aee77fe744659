// Browser mode (shared/ipc/http-protocol.ts): the renderer's page and the same handlers over
// HTTP + server-sent events, on 127.0.0.1 only, guarded by a session cookie (browser-sessions.ts)
// or the per-run token header (scripts, tests).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PREFIX, DOWNLOAD_PATH, EVENTS_PATH, MAX_BODY_BYTES, TOKEN_HEADER, UPLOAD_PATH } from '../../shared/ipc/http-protocol';
import type { IpcResult, PushEvent, PushEvents } from '../../shared/ipc/contract';
import type { PushEventBus } from '../app/push-events';
import { isChannel } from '../ipc/dispatch';
import { BrowserSessions, SESSION_PATH, sessionCookie, sessionCookieName } from './browser-sessions';
import { hostAllowed, isLoopback, newToken, originAllowed, tokenMatches } from './request-guard';
import { securityHeaders, serveStatic } from './static-files';
import { receiveUpload } from './upload-route';
import { sendDownload, type DownloadOpener } from './download-route';
import { refuse } from './refuse';

export { refuse } from './refuse';

/** `signal` fires when the request's connection closed before the answer went out (the page gave up on it). */
export type Dispatcher = (channel: string, input: unknown, signal?: AbortSignal) => Promise<IpcResult<unknown>>;

export interface WebServerOptions {
  dispatch: Dispatcher;
  events: PushEventBus;
  staticDir: string;
  /** 0: any free port. */
  port?: number;
  token?: string;
  /** How long a single-use code stays valid (default 15 minutes). */
  codeTtlMs?: number;
  /** The clock codes expire by (tests). */
  now?: () => number;
  /** Largest file a browser may upload for an import (default 200 MB). */
  uploadLimitBytes?: number;
  /** Opens a CSV download (GET DOWNLOAD_PATH); absent: downloads are not served. */
  download?: DownloadOpener;
  /** Told about a download that failed mid-file (for the log). */
  onDownloadError?: (error: unknown) => void;
}

export interface WebServer {
  port: number;
  /** For the header of scripts and tests; never put in a URL. */
  token: string;
  /** `http://127.0.0.1:PORT/`, without any secret. */
  url: string;
  /** A new address that opens the console once (single-use code, see browser-sessions.ts). */
  issueLink(): string;
  close(): Promise<void>;
}

interface HandlerState {
  token: string;
  /** Known once listening; Host and Origin checks compare with it. */
  port: number;
  sessions?: BrowserSessions;
}

const LINK_SPENT = `<!doctype html><meta charset="utf-8"><title>Lead Console</title>
<p>This link was already used or has expired: each link opens the console once. If this browser
already has the console open, use that tab; otherwise stop <code>lead-console serve</code> and start it
again for a new link.</p>`;

function openSession(state: HandlerState, url: URL, res: ServerResponse): void {
  securityHeaders(res);
  const session = state.sessions?.redeem(url.searchParams.get('code')) ?? null;
  if (!session) {
    res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' }).end(LINK_SPENT);
    return;
  }
  res.writeHead(303, { Location: '/', 'Set-Cookie': sessionCookie(sessionCookieName(state.port), session) }).end();
}

/** The session cookie, or the token header (never a token in the URL, except `events?token=`). */
function authorized(req: IncomingMessage, state: HandlerState, queryToken?: string | null): boolean {
  if (state.sessions?.hasSession(req, sessionCookieName(state.port))) return true;
  const given = req.headers[TOKEN_HEADER];
  if (tokenMatches(Array.isArray(given) ? given[0] : given, state.token)) return true;
  return queryToken !== undefined && tokenMatches(queryToken, state.token);
}


class TooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new TooLarge());
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function createRequestHandler(options: WebServerOptions, state: HandlerState) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isLoopback(req.socket.remoteAddress)) return refuse(res, 403, 'Only this computer may use the console.');
    if (!hostAllowed(req.headers.host, state.port)) return refuse(res, 403, 'Unexpected Host header.');
    if (!originAllowed(req.headers.origin, state.port)) return refuse(res, 403, 'Unexpected Origin.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${state.port}`);
    if (url.pathname === SESSION_PATH) {
      if (req.method !== 'GET') return refuse(res, 404, 'Not found.');
      return openSession(state, url, res);
    }
    if (url.pathname === EVENTS_PATH) {
      if (req.method !== 'GET') return refuse(res, 404, 'Not found.');
      if (!authorized(req, state, url.searchParams.get('token'))) return refuse(res, 401, 'Missing or wrong token.');
      return streamEvents(options.events, req, res);
    }
    if (url.pathname.startsWith(API_PREFIX)) {
      if (!authorized(req, state)) return refuse(res, 401, 'Missing or wrong token.');
      if (url.pathname === UPLOAD_PATH && req.method === 'POST') return receiveUpload(req, res, url, options.uploadLimitBytes);
      if (url.pathname === DOWNLOAD_PATH && req.method === 'GET' && options.download) return sendDownload(req, res, url, options.download, options.onDownloadError);
      const channel = url.pathname.slice(API_PREFIX.length);
      if (req.method !== 'POST' || !isChannel(channel)) return refuse(res, 404, 'Unknown channel.');
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch (error) {
        if (error instanceof TooLarge) {
          res.setHeader('Connection', 'close');
          return refuse(res, 413, 'Request too large.');
        }
        input = undefined;
        securityHeaders(res);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'The request body is not valid JSON.' } }));
        return;
      }
      // A page that aborts its fetch (screen left, dialog closed) closes the connection: long work stops.
      const gone = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) gone.abort();
      });
      const result = await options.dispatch(channel, input, gone.signal);
      if (gone.signal.aborted) return;
      securityHeaders(res);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(result));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 404, 'Not found.');
    serveStatic(options.staticDir, url.pathname, res);
  };
}

function streamEvents(events: PushEventBus, req: IncomingMessage, res: ServerResponse): void {
  securityHeaders(res);
  res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = events.subscribe(<E extends PushEvent>(event: E, payload: PushEvents[E]) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
  heartbeat.unref();
  const end = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', end);
  res.on('close', end);
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const sessions = new BrowserSessions(options.codeTtlMs, options.now);
  const state: HandlerState = { token: options.token ?? newToken(), port: 0, sessions };
  const handle = createRequestHandler(options, state);
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'Internal error.');
      else res.end();
    });
  });
  server.requestTimeout = 0; // event streams stay open
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  state.port = (server.address() as AddressInfo).port;
  return {
    port: state.port,
    token: state.token,
    url: `http://127.0.0.1:${state.port}/`,
    issueLink: () => `http://127.0.0.1:${state.port}${SESSION_PATH}?code=${sessions.issueCode()}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
