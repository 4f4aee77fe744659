// What the Import screen shows before anything is decided: the detected delimiter, the header
// mapping and the first rows. Reads only the head of the file.
import { InputError } from '../../../shared/errors';
import type { ImportPreview } from '../../../shared/types/imports';
import { readCsvHead, readCsvRecords } from './csv-reader';
import { mapHeaders } from './header-map';

const SAMPLE_ROWS = 10;

export async function previewImport(file: string): Promise<ImportPreview> {
  const head = await readCsvHead(file);
  const records = readCsvRecords(file, head.delimiter);
  try {
    const first = await records.next();
    if (first.done) throw new InputError('The file is empty: a header row naming the phone column is required.');
    const header = mapHeaders(first.value);
    const sample: string[][] = [];
    for await (const record of records) {
      sample.push(record.map((cell) => (cell.length > 200 ? `${cell.slice(0, 199)}…` : cell)));
      if (sample.length >= SAMPLE_ROWS) break;
    }
    return { delimiter: head.delimiter, bom: head.bom, mapping: header.mapping, ignored_columns: header.ignored, sample, size_bytes: head.size };
  } finally {
    await records.return(undefined);
  }
}
