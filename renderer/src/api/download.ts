// Browser mode's CSV downloads: the browser fetches the file itself from the console server
// (http-protocol.ts DOWNLOAD_PATH) and writes it to disk as it arrives, so neither the page nor
// the server ever holds it whole. A quick check first, so a refusal (a list that no longer
// exists) is shown as a message rather than as a failed download.
import type { IpcResult } from '../../../shared/ipc/contract';
import type { CsvDownload } from '../../../shared/ipc/io-channels';
import { DOWNLOAD_PATH } from '../../../shared/ipc/http-protocol';
import { ApiError } from './client';

export type Downloader = (request: CsvDownload) => Promise<void>;

export function downloadUrl(request: CsvDownload): string {
  return `${DOWNLOAD_PATH}?request=${encodeURIComponent(JSON.stringify(request))}`;
}

export const browserDownload: Downloader = async (request) => {
  const url = downloadUrl(request);
  let result: IpcResult<{ filename: string }> | null;
  try {
    const response = await fetch(`${url}&check=1`, { credentials: 'same-origin' });
    result = (await response.json().catch(() => null)) as IpcResult<{ filename: string }> | null;
  } catch {
    throw new ApiError('internal', 'The console server is not reachable. Is `lead-console serve` still running?');
  }
  if (!result?.ok) throw new ApiError(result?.ok === false ? result.error.code : 'internal', result?.ok === false ? result.error.message : 'The download was refused.');
  const a = document.createElement('a');
  a.href = url;
  a.download = result.value.filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
};
