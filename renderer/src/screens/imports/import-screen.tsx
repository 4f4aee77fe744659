// The Import screen of a list: choose a file, see the detected delimiter, the header mapping and
// the first rows, choose the dedupe, see the dry run's figures, import with a progress bar, then
// the result with the skipped rows by reason (and their CSV) and an undo.
import { useEffect } from 'react';
import { DEDUPE_SCOPES, type DedupeScope } from '../../../../shared/types/imports';
import { ProgressBar } from '../../components/progress-bar';
import { count } from '../../format/format';
import { useSlice, useStores } from '../../stores/stores';
import { FilePicker } from './file-picker';
import { OutcomeTable } from './outcome-table';

const DELIMITERS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
const DEDUPE_TEXT: Record<DedupeScope, string> = {
  list: 'this list',
  campaign: "this list's campaign",
  all: 'every list',
  none: 'no check (import every valid row)',
};

export function ImportScreen({ listId, title, subtitle }: { listId: number; title: string; subtitle: string }) {
  const { io, navigation } = useStores();
  const s = useSlice((st) => st.io, (st) => st);
  useEffect(() => io.getState().reset(), [io, listId]);
  const p = s.preview;
  return (
    <section className="screen import-screen" aria-labelledby="import-title">
      <header className="screen-header">
        <div>
          <h1 id="import-title">Import leads into {title}</h1>
          <p className="subtitle">{subtitle}</p>
        </div>
      </header>
      <div className="import-step">
        <FilePicker label="Choose a CSV file" disabled={s.busy} onChoose={(f) => void s.chooseFile(f)} />
        {s.file ? (
          <span className="file-name">
            {s.file.name} · {count(Math.ceil(s.file.size / 1024))} KB
          </span>
        ) : null}
      </div>
      {p ? (
        <>
          <p className="import-detected">
            Delimiter: <strong>{DELIMITERS[p.delimiter]}</strong>
            {p.bom ? ' · UTF-8 with BOM' : ''}
            {p.ignored_columns.length ? ` · ignored columns: ${p.ignored_columns.join(', ')}` : ''}
          </p>
          <div className="table-scroll">
            <table className="data-table import-sample" aria-label="First rows of the file">
              <thead>
                <tr>
                  {p.mapping.map((m, i) => (
                    <th key={i} scope="col" className={m.column ? 'mapped' : 'ignored'}>
                      {m.header}
                      <span className="maps-to">{m.column ? `→ ${m.column}` : 'ignored'}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.sample.map((row, r) => (
                  <tr key={r}>
                    {p.mapping.map((_, c) => (
                      <td key={c}>{row[c] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="import-step">
            <label>
              Skip phones already in{' '}
              <select value={s.dedupe} disabled={s.busy || s.result !== null} onChange={(e) => s.setDedupe(e.currentTarget.value as DedupeScope)}>
                {DEDUPE_SCOPES.map((d) => (
                  <option key={d} value={d}>
                    {DEDUPE_TEXT[d]}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={s.busy || s.result !== null} onClick={() => void s.run(listId, true)}>
              Dry run
            </button>
            <button type="button" className="primary" disabled={s.busy || s.result !== null} onClick={() => void s.run(listId, false)}>
              Import
            </button>
          </div>
        </>
      ) : null}
      {s.progress ? <ProgressBar progress={s.progress} /> : null}
      {s.dryRun && !s.result ? <OutcomeTable report={s.dryRun} caption="Dry run (nothing changed)" /> : null}
      {s.result ? (
        <div className="import-result" role="status">
          <OutcomeTable report={s.result} caption={`Imported into list #${listId}`} />
          <div className="import-step">
            {s.result.skipped_id ? (
              <button type="button" disabled={s.busy} onClick={() => void s.downloadSkipped()}>
                Download the skipped rows (CSV)
              </button>
            ) : null}
            {s.saved ? <span>{s.saved}</span> : null}
            {s.result.operation_id && !s.undone ? (
              <button type="button" disabled={s.busy} onClick={() => void s.undoImport()}>
                Undo this import
              </button>
            ) : null}
            <button type="button" onClick={() => void navigation.getState().loadCampaigns()}>
              Refresh the list counts
            </button>
          </div>
          {s.undone ? (
            <p className="notice">
              Import undone: {count(s.undone.changed)} leads removed, {count(s.undone.kept ?? 0)} kept (dialed or changed since).
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
