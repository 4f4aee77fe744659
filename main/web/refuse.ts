// A refused request's answer: the security headers and a plain { ok: false, error } body.
import type { ServerResponse } from 'node:http';
import { securityHeaders } from './static-files';

export function refuse(res: ServerResponse, status: number, message: string): void {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ ok: false, error: { code: status === 404 ? 'not_found' : 'invalid_input', message } }));
}
