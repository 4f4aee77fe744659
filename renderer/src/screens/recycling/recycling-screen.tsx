// A list's recycling screen: every status (NULL included), problem leads, recycle and undo.
import { useEffect, useState } from 'react';
import { ProgressBar } from '../../components/progress-bar';
import { useSlice, useStores } from '../../stores/stores';
import { mayPick, sumCounts } from '../../stores/recycling/recycling-rules';
import { Figure } from '../../components/figure';
import { ProblemBanner } from './problem-banner';
import { RecycleControls } from './recycle-controls';
import { RecyclingDialogs } from './recycling-dialogs';
import { MapWordDialog } from './map-word-dialog';
import { StatusCards } from './status-cards';
import { StatusChart } from './status-chart';
import { ExportButton } from './export-button';
import { StatusTable } from './status-table';
import { readChoice, saveChoice } from '../../stores/local-choice';

const STATUS_VIEWS = ['cards', 'table'] as const;
const STATUS_VIEW_KEY = 'lead-console-status-view';

export function RecyclingScreen({ listId, title, subtitle }: { listId: number; title: string; subtitle: string }) {
  const { recycling, mapWord } = useStores();
  const mapped = useSlice((s) => s.mapWord, (s) => s.done);
  const state = useSlice((s) => s.recycling, (s) => s);
  useEffect(() => {
    void recycling.getState().load(listId);
  }, [listId, recycling]);
  // Leaving the screen stops the count, dry run or fix on its way, on the server too.
  useEffect(() => () => recycling.getState().leave(), [recycling]);

  // Cards or the compact table: the supervisor's choice, remembered on this computer.
  const [view, setView] = useState(() => readChoice(STATUS_VIEW_KEY, STATUS_VIEWS, 'cards'));
  const b = state.breakdown;
  const busy = state.progress !== null || state.preparing;
  const selected = b ? sumCounts(b.statuses, state.selection) : 0;
  // The back end's exact count once it has answered; the catalogue's estimate until then.
  const willRecycle = state.willChange ?? (b ? sumCounts(b.statuses, state.selection, (s) => mayPick(s, state.override)) : 0);

  const statusProps = { statuses: b?.statuses ?? [], selection: state.selection, override: state.override, disabled: busy, onToggle: state.toggle, onMap: (word: string) => mapWord.getState().open(word, listId) };
  return (
    <section className="screen" aria-labelledby="recycling-title">
      <header className="screen-header">
        <div>
          <h1 id="recycling-title">{title}</h1>
          <p className="subtitle">{subtitle}</p>
        </div>
        <button type="button" onClick={() => void state.refresh()} disabled={busy}>
          Refresh
        </button>
      </header>
      {state.problems ? (
        <ProblemBanner report={state.problems} busy={busy} checking={state.problemsProgress !== null} onFix={() => void state.requestFix()} onRecount={() => void state.recount()} />
      ) : null}
      {state.problemsProgress ? <ProgressBar progress={state.problemsProgress} /> : null}
      {b ? (
        <>
          <div className="figures">
            <Figure label="Total leads" value={b.total} />
            <Figure label="Recyclable leads" value={b.recyclable} tone="good" />
            <Figure label="Selected" value={selected} />
            <Figure label="Will recycle" value={willRecycle} tone="accent" />
          </div>
          <RecycleControls state={state} busy={busy} />
          {state.progress ? <ProgressBar progress={state.progress} onStop={state.stoppable ? state.stopWork : undefined} /> : null}
          {mapped ? (
            <p className="notice" role="status">
              Mapped "{mapped.from}" to {mapped.to}: {mapped.changed} leads moved{mapped.alias_saved ? ', alias saved' : ''}. Undo from the list's last operation.
            </p>
          ) : null}
          {state.notice ? (
            <p className="notice" role="status">
              {state.notice}
            </p>
          ) : null}
          {b.statuses.length === 0 ? (
            <p className="empty">This list has no leads.</p>
          ) : (
            <div className="recycling-body">
              <div className="status-view">
                <div className="view-switch" role="group" aria-label="Show statuses as">
                  {STATUS_VIEWS.map((v) => (
                    <button key={v} type="button" aria-pressed={view === v} onClick={() => (setView(v), saveChoice(STATUS_VIEW_KEY, v))}>
                      {v === 'cards' ? 'Cards' : 'Table'}
                    </button>
                  ))}
                </div>
                {view === 'cards' ? <StatusCards {...statusProps} /> : <StatusTable {...statusProps} />}
                <ExportButton listId={listId} selection={state.selection} />
              </div>
              <StatusChart statuses={b.statuses} />
            </div>
          )}
        </>
      ) : state.loading ? (
        <p className="loading">Loading the list…</p>
      ) : null}
      {state.dialog ? (
        <RecyclingDialogs
          dialog={state.dialog}
          targetStatus={state.targetStatus}
          resetDialCount={state.resetDialCount}
          onConfirm={() => void state.confirm()}
          onCancel={state.cancel}
        />
      ) : null}
      <MapWordDialog />
    </section>
  );
}
