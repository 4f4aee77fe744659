// Where an export goes: a file (--out) or stdout. Piped into `head`, stdout closes early
// (EPIPE): the reader has what it wanted, which is no error.
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

export interface CsvOut {
  stream: Writable;
  close(): Promise<void>;
}

export function csvOut(file: string | undefined): CsvOut {
  if (file) {
    const stream = fs.createWriteStream(file);
    return {
      stream,
      close: async () => {
        stream.end();
        await finished(stream);
      },
    };
  }
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return { stream: process.stdout, close: async () => undefined };
}
