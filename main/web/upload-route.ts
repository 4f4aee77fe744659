// Browser mode's file upload for imports: the body streams to a temp file (upload-store.ts). A
// declared length over the limit is refused before one byte is read; an undeclared one is
// refused as soon as it passes the limit, and the connection is closed so the rest never comes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_UPLOAD_LIMIT_BYTES, UploadTooLarge, uploads } from '../services/imports/upload-store';
import { securityHeaders } from './static-files';
import { refuse } from './refuse';

function tooLarge(res: ServerResponse, limit: number): void {
  res.setHeader('Connection', 'close');
  refuse(res, 413, new UploadTooLarge(limit).message);
}

export async function receiveUpload(req: IncomingMessage, res: ServerResponse, url: URL, limit = DEFAULT_UPLOAD_LIMIT_BYTES): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    tooLarge(res, limit);
    req.destroy();
    return;
  }
  try {
    const stored = await uploads.receive(req, url.searchParams.get('name') ?? 'upload.csv', limit);
    securityHeaders(res);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ok: true, value: stored }));
  } catch (error) {
    if (error instanceof UploadTooLarge) {
      tooLarge(res, limit);
      req.destroy();
      return;
    }
    throw error;
  }
}
