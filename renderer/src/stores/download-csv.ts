// A report's "Export CSV": main writes the file (cells guarded against spreadsheet formulas), the
// page saves it the way every export of the console does (screens/audit/download.ts).
import { downloadText } from '../screens/audit/download';

export async function downloadCsv(
  fetch: () => Promise<{ filename: string; csv: string }>,
  setBusy: (busy: boolean) => void,
  fail: (err: unknown) => void,
): Promise<void> {
  setBusy(true);
  try {
    const file = await fetch();
    downloadText(file.filename, file.csv);
  } catch (err) {
    fail(err);
  } finally {
    setBusy(false);
  }
}
