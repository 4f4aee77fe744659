// Browser mode's file upload for imports: the File goes as the request body (the browser streams
// it from disk) with the page's session cookie, the server answers with the id it stored it under (http-protocol.ts).
import type { IpcResult } from '../../../shared/ipc/contract';
import type { StoredFileInfo } from '../../../shared/ipc/io-channels';
import { UPLOAD_PATH } from '../../../shared/ipc/http-protocol';
import { ApiError } from './client';

export type Uploader = (file: File) => Promise<StoredFileInfo>;

export const browserUpload: Uploader = async (file) => {
  let response: Response;
  try {
    response = await fetch(`${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, { method: 'POST', credentials: 'same-origin', body: file });
  } catch {
    throw new ApiError('internal', 'The console server is not reachable. Is `lead-console serve` still running?');
  }
  const result = (await response.json().catch(() => null)) as IpcResult<StoredFileInfo> | null;
  if (result?.ok) return result.value;
  throw new ApiError(result?.ok === false ? result.error.code : 'internal', result?.ok === false ? result.error.message : `Upload refused (HTTP ${response.status}).`);
};
