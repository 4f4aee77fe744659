// Reads a vendor's CSV file as a stream of records through csv-parse (never a hand-written
// splitter: quoted delimiters, doubled quotes and newlines inside cells are its job). The head of
// the file decides the delimiter; the whole file never sits in memory.
import fs from 'node:fs';
import { parse } from 'csv-parse';
import { InputError } from '../../../shared/errors';
import type { CsvDelimiter } from '../../../shared/types/imports';

const HEAD_BYTES = 64 * 1024;
/** One record longer than this is a broken quote swallowing the file, not a lead. */
const MAX_RECORD_CHARS = 1_000_000;
const CANDIDATES: CsvDelimiter[] = [',', ';', '\t'];

export interface CsvHead {
  bom: boolean;
  delimiter: CsvDelimiter;
  size: number;
}

/**
 * The delimiter is the candidate found most often in the first record outside quotes (the
 * header: a vendor's headers hold no delimiters of their own); a tie or none at all is a comma.
 */
export function detectDelimiter(head: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  let started = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      // Blank lines before the header are skipped, as the parser skips them.
      if (started) break;
      continue;
    } else if (!quoted && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
    started ||= ch.trim() !== '';
  }
  let best: CsvDelimiter = ',';
  for (const c of CANDIDATES) if (counts.get(c)! > counts.get(best)!) best = c;
  return best;
}

export async function readCsvHead(file: string): Promise<CsvHead> {
  const handle = await fs.promises.open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(error.code === 'ENOENT' ? `File ${file} does not exist.` : `Cannot read ${file}: ${error.message}`);
  });
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await handle.read(buffer, 0, buffer.length, 0);
    const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
    return { bom, size, delimiter: detectDelimiter(buffer.toString('utf8', bom ? 3 : 0)) };
  } finally {
    await handle.close();
  }
}

/**
 * The file's records, header first. Blank lines and rows whose every cell is blank (what a
 * spreadsheet writes for an empty row) are no records. `onBytes` hears how far the file is read.
 */
export async function* readCsvRecords(file: string, delimiter: CsvDelimiter, onBytes?: (bytes: number) => void): AsyncGenerator<string[]> {
  // 16 KB at a time: csv-parse parses a whole chunk in one go, and the rows of a 256 KB chunk held
  // the main thread 100 ms and more with their checks, those of a 64 KB chunk up to 43 ms (a
  // million-row import, bench/README.md).
  const input = fs.createReadStream(file, { highWaterMark: 16 * 1024 });
  let bytes = 0;
  if (onBytes) input.on('data', (chunk) => onBytes((bytes += chunk.length)));
  const parser = input.pipe(
    parse({
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      // ' "a, b" ' is the cell a, b: spaces a spreadsheet or a person left around quotes.
      trim: true,
      skip_records_with_empty_values: true,
      max_record_size: MAX_RECORD_CHARS,
    }),
  );
  input.on('error', (error) => parser.destroy(error));
  try {
    for await (const record of parser) yield record as string[];
  } catch (error) {
    throw csvError(error);
  } finally {
    input.destroy();
  }
}

function csvError(error: unknown): Error {
  const e = error as { code?: string; message?: string; lines?: number };
  if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
    const where = e.lines ? `line ${e.lines}` : 'the file';
    const why = e.code === 'CSV_MAX_RECORD_SIZE' ? 'a quote is never closed (one cell runs on for a million characters)' : (e.message ?? e.code);
    return new InputError(`The file cannot be read as CSV at ${where}: ${why}.`);
  }
  return error as Error;
}
