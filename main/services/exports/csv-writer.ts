// Writes CSV lines to a stream, waiting whenever the stream asks for a pause, so that an export
// of 400,000 leads never holds more than a page of them. A stream that closes while it waits (a
// browser that abandons a download) stops the export with an error rather than leaving it waiting.
import type { Writable } from 'node:stream';
import { ConsoleError } from '../../../shared/errors';
import { csvLine } from '../audit/csv';

const closedEarly = () => new ConsoleError('conflict', 'The file was closed before the export finished.');

/** Resolves on 'drain'; rejects when the stream errors or closes first. */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed || out.writableEnded) return Promise.reject(closedEarly());
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(closedEarly());
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', done);
  });
}

export type CsvValue = string | number | null | undefined;

export class CsvWriter {
  rows = 0;
  constructor(private readonly out: Writable) {}

  /** Writes the header or a page of rows as one chunk. */
  async write(rows: readonly (readonly CsvValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    const ok = this.out.write(rows.map((r) => `${csvLine(r)}\r\n`).join(''));
    if (!ok) await drained(this.out);
  }

  async writeRows(rows: readonly (readonly CsvValue[])[]): Promise<void> {
    this.rows += rows.length;
    await this.write(rows);
  }
}
