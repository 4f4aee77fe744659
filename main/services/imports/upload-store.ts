// Files the console was given to import: uploaded in browser mode (the request body, written to
// a private temp folder as it arrives, never held in memory), or picked with the native dialog
// in Electron (the main process reads the path). The renderer only ever holds a file id, so a
// page can never name a path on this computer.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { notFound } from '../../../shared/errors';

export const DEFAULT_UPLOAD_LIMIT_BYTES = 200 * 1024 * 1024;

export interface StoredFile {
  fileId: string;
  name: string;
  size: number;
}

export class UploadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than the upload limit of ${Math.round(limit / 1024 / 1024)} MB (serve --upload-limit-mb changes it).`);
  }
}

export class UploadStore {
  private readonly files = new Map<string, StoredFile & { path: string; owned: boolean }>();
  private dir: string | null = null;

  /** A file the user picked (Electron's dialog). */
  register(file: string): StoredFile {
    const stored = { fileId: randomUUID(), name: path.basename(file), size: fs.statSync(file).size, path: file, owned: false };
    this.files.set(stored.fileId, stored);
    return { fileId: stored.fileId, name: stored.name, size: stored.size };
  }

  /** Writes an uploaded body to a temp file, refusing it as soon as it passes `limit` bytes. */
  async receive(body: Readable, name: string, limit: number): Promise<StoredFile> {
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-uploads-'));
    const fileId = randomUUID();
    const file = path.join(this.dir, `${fileId}.csv`);
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > limit ? new UploadTooLarge(limit) : null, chunk);
      },
    });
    try {
      await pipeline(body, counter, fs.createWriteStream(file, { mode: 0o600 }));
    } catch (error) {
      fs.rmSync(file, { force: true });
      throw error;
    }
    const stored = { fileId, name: path.basename(name).slice(0, 200) || 'upload.csv', size, path: file, owned: true };
    this.files.set(fileId, stored);
    return { fileId, name: stored.name, size };
  }

  path(fileId: string): string {
    const stored = this.files.get(fileId);
    if (!stored) throw notFound(`Uploaded file ${fileId}`);
    return stored.path;
  }

  /** Forgets every file, deleting the uploaded ones. */
  clear(): void {
    for (const f of this.files.values()) if (f.owned) fs.rmSync(f.path, { force: true });
    this.files.clear();
  }
}

/** The one store of this process: the web adapter fills it, the handlers read it. */
export const uploads = new UploadStore();
