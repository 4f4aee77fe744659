// "Export" under the status cards: the leads of the checked statuses as CSV (every lead when
// none is checked).
import { useSlice } from '../../stores/stores';

export function ExportButton({ listId, selection }: { listId: number; selection: (string | null)[] }) {
  const io = useSlice((s) => s.io, (s) => s);
  return (
    <>
      <button type="button" className="export-selection" disabled={io.busy} onClick={() => void io.exportLeads(listId, selection)}>
        {selection.length === 0 ? 'Export all leads (CSV)' : `Export the ${selection.length} selected status${selection.length === 1 ? '' : 'es'} (CSV)`}
      </button>
      {io.saved ? <span role="status">{io.saved}</span> : null}
    </>
  );
}
