// Browser mode speaks the same contract over HTTP on 127.0.0.1 (docs/architecture.md "Processes"):
// - GET /session?code=<single-use code>: the address `serve` prints (and `demo` opens) trades
//   the code for an HttpOnly, SameSite=Strict session cookie and redirects to the page. A used
//   or expired code is refused (401), so the address is worthless once opened.
// - POST /api/<channel> with the JSON input as body, with the session cookie or (scripts) the
//   header `x-lead-console-token: <token>`; the answer is always a JSON IpcResult with status
//   200 (4xx only for refused requests: 401 no session or token, 403 not loopback / wrong Host,
//   404 unknown channel, 413 too large).
// - GET /api/events: server-sent events, `event: <PushEvent name>`, `data: <json>`, with the
//   cookie (or `?token=<token>` for scripts: EventSource cannot set headers).
export const API_PREFIX = '/api/';
export const EVENTS_PATH = '/api/events';
/**
 * POST /api/upload?name=<file name>: the raw file as the body (streamed to a temp file, refused
 * with 413 past the upload limit); answers an IpcResult of { fileId, name, size }.
 */
export const UPLOAD_PATH = '/api/upload';
/**
 * GET /api/download?request=<JSON of a CsvDownload (io-channels.ts)>: the CSV, streamed as it is
 * written (Content-Disposition: attachment), with the session cookie. Refused before the first
 * byte with 4xx and a JSON IpcResult; `&check=1` answers only that IpcResult (`{ ok: true, value:
 * { filename } }` when the download would start), so the page can say why before it navigates.
 */
export const DOWNLOAD_PATH = '/api/download';
export const TOKEN_HEADER = 'x-lead-console-token';
export const MAX_BODY_BYTES = 1_000_000;
/** The line `serve` prints; tests and scripts look for it. */
export const CONSOLE_URL_PREFIX = 'Console: http://127.0.0.1:';

export function channelPath(channel: string): string {
  return `${API_PREFIX}${channel}`;
}
