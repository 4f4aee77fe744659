// Browser mode's file upload for imports: the File goes as the request body (the browser streams
// it from disk), the server answers with the id it stored it under (http-protocol.ts).
import type { IpcResult } from '../../../shared/ipc/contract';
import type { StoredFileInfo } from '../../../shared/ipc/io-channels';
import { TOKEN_HEADER, UPLOAD_PATH } from '../../../shared/ipc/http-protocol';
import { ApiError } from './client';
import { takeTokenFromLocation } from './token';

export type Uploader = (file: File) => Promise<StoredFileInfo>;

export const browserUpload: Uploader = async (file) => {
  const token = takeTokenFromLocation(window) ?? '';
  let response: Response;
  try {
    response = await fetch(`${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { [TOKEN_HEADER]: token }, body: file });
  } catch {
    throw new ApiError('internal', 'The console server is not reachable. Is `lead-console serve` still running?');
  }
  const result = (await response.json().catch(() => null)) as IpcResult<StoredFileInfo> | null;
  if (result?.ok) return result.value;
  throw new ApiError(result?.ok === false ? result.error.code : 'internal', result?.ok === false ? result.error.message : `Upload refused (HTTP ${response.status}).`);
};
