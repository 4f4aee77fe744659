// Choosing a file: a file input in browser mode (uploaded as it is chosen), a button that opens
// the native dialog in Electron.
import { useSlice } from '../../stores/stores';

export function FilePicker({ label, disabled, onChoose }: { label: string; disabled: boolean; onChoose(file: File | null): void }) {
  const shell = useSlice((s) => s.app, (s) => s.info?.shell ?? 'browser');
  if (shell === 'electron') {
    return (
      <button type="button" disabled={disabled} onClick={() => onChoose(null)}>
        {label}…
      </button>
    );
  }
  return (
    <label className="file-picker">
      {label}{' '}
      <input
        type="file"
        accept=".csv,.tsv,.txt,text/csv"
        disabled={disabled}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) onChoose(file);
          e.currentTarget.value = '';
        }}
      />
    </label>
  );
}
