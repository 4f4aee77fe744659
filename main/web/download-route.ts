// Browser mode's CSV downloads (http-protocol.ts DOWNLOAD_PATH): the file goes into the response
// as it is written, the response's back-pressure pacing the database reads (CsvWriter waits for
// 'drain'), so memory stays flat for any size. A refused request is answered before the first
// byte; a download the browser abandons stops the export at its next page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IpcResult } from '../../shared/ipc/contract';
import type { CsvSource } from '../ipc/csv-downloads';
import { toIpcError } from '../ipc/errors';
import { securityHeaders } from './static-files';

export type DownloadOpener = (request: unknown) => Promise<CsvSource>;

const STATUS_OF: Record<string, number> = { invalid_input: 400, not_found: 404, conflict: 409 };

function answer(res: ServerResponse, status: number, result: IpcResult<unknown>): void {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(result));
}

/** `filename` as a header value: ASCII fallback plus the RFC 5987 form. */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\w.-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function sendDownload(req: IncomingMessage, res: ServerResponse, url: URL, open: DownloadOpener, log?: (error: unknown) => void): Promise<void> {
  let source: CsvSource;
  try {
    const raw = url.searchParams.get('request');
    source = await open(raw === null ? undefined : JSON.parse(raw));
  } catch (error) {
    const e = error instanceof SyntaxError ? { code: 'invalid_input' as const, message: 'The download request is not valid JSON.' } : toIpcError(error);
    return answer(res, STATUS_OF[e.code] ?? 500, { ok: false, error: e });
  }
  if (url.searchParams.get('check') === '1') return answer(res, 200, { ok: true, value: { filename: source.filename } });
  securityHeaders(res);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', disposition(source.filename));
  res.setHeader('Cache-Control', 'no-store');
  try {
    await source.write(res);
    res.end();
  } catch (error) {
    if (!res.headersSent) {
      const e = toIpcError(error);
      return answer(res, STATUS_OF[e.code] ?? 500, { ok: false, error: e });
    }
    // Mid-file: the browser sees a cut connection (a failed download), never half a file as whole.
    if (!req.destroyed) log?.(error);
    res.destroy();
  }
}
