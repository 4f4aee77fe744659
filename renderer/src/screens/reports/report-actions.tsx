// The buttons every report has: its CSV, and the browser's print dialog (the print style sheet
// leaves the navigator and the controls out, so "Save as PDF" gives the report alone).
export function ReportActions({ onRefresh, onExport, exporting, disabled }: { onRefresh(): void; onExport(): void; exporting: boolean; disabled: boolean }) {
  return (
    <div className="header-actions no-print">
      <button type="button" onClick={onRefresh} disabled={disabled}>
        Refresh
      </button>
      <button type="button" onClick={onExport} disabled={disabled || exporting}>
        {exporting ? 'Exporting…' : 'Export CSV'}
      </button>
      <button type="button" onClick={() => window.print()} disabled={disabled}>
        Print
      </button>
    </div>
  );
}
