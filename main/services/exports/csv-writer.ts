// Writes CSV lines to a stream, waiting whenever the stream asks for a pause, so that an export
// of 400,000 leads never holds more than a page of them.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvLine } from '../audit/csv';

export type CsvValue = string | number | null | undefined;

export class CsvWriter {
  rows = 0;
  constructor(private readonly out: Writable) {}

  /** Writes the header or a page of rows as one chunk. */
  async write(rows: readonly (readonly CsvValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    const ok = this.out.write(rows.map((r) => `${csvLine(r)}\r\n`).join(''));
    if (!ok) await once(this.out, 'drain');
  }

  async writeRows(rows: readonly (readonly CsvValue[])[]): Promise<void> {
    this.rows += rows.length;
    await this.write(rows);
  }
}
