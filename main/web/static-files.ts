// Serves the built renderer (dist/renderer). Paths are resolved inside the folder only; the
// page gets a strict CSP (its scripts and styles from itself, fetch and events to itself).
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Lead Console</title>
<p>The console's page has not been built yet. Run <code>npm run build</code> (or <code>npm run demo</code>) and reload.</p>`;

export function serveStatic(staticDir: string, urlPath: string, res: ServerResponse): void {
  securityHeaders(res);
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    res.writeHead(400).end();
    return;
  }
  // Source maps are never served, even from a debugging build left in place.
  if (rel.toLowerCase().endsWith('.map')) {
    res.writeHead(404).end();
    return;
  }
  const root = path.resolve(staticDir);
  let file = path.resolve(root, `.${rel.endsWith('/') ? `${rel}index.html` : rel}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(404).end();
    return;
  }
  // Client-side routes fall back to the page itself.
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(NOT_BUILT);
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}
