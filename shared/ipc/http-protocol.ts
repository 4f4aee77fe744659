// Browser mode speaks the same contract over HTTP on 127.0.0.1 (architecture.md):
// - POST /api/<channel> with the JSON input as body, header `x-lead-console-token: <token>`;
//   the answer is always a JSON IpcResult with status 200 (4xx only for refused requests:
//   401 no or wrong token, 403 not loopback / wrong Host, 404 unknown channel, 413 too large).
// - GET /api/events?token=<token>: server-sent events, `event: <PushEvent name>`, `data: <json>`.
//   (EventSource cannot set headers, hence the query parameter on this one route.)
// - The console's URL carries the per-run token once, as `/#token=<token>`: the page keeps it in
//   sessionStorage and removes it from the address bar. A fragment is never sent to a server.
export const API_PREFIX = '/api/';
export const EVENTS_PATH = '/api/events';
/**
 * POST /api/upload?name=<file name>: the raw file as the body (streamed to a temp file, refused
 * with 413 past the upload limit); answers an IpcResult of { fileId, name, size }.
 */
export const UPLOAD_PATH = '/api/upload';
export const TOKEN_HEADER = 'x-lead-console-token';
export const TOKEN_FRAGMENT_KEY = 'token';
export const MAX_BODY_BYTES = 1_000_000;
/** The line `serve` prints; tests and scripts look for it. */
export const CONSOLE_URL_PREFIX = 'Console: http://127.0.0.1:';

export function channelPath(channel: string): string {
  return `${API_PREFIX}${channel}`;
}
