// The "Map to…" dialog of an unknown word's card (domain.md "Status words a person resolves").
import { STATUSES, type Status } from '../../../../shared/catalogue';
import { Dialog } from '../../components/dialog';
import { count } from '../../format/format';
import { useSlice, useStores } from '../../stores/stores';

export function MapWordDialog() {
  const { mapWord } = useStores();
  const s = useSlice((x) => x.mapWord, (x) => x);
  if (s.word === null) return null;
  const n = s.preview?.changed;
  return (
    <Dialog
      title={`Map "${s.word}" to a status`}
      confirmLabel={n === undefined ? 'Counting…' : `Move ${count(n)} leads to ${s.to}`}
      confirmDisabled={n === undefined || s.busy || (n === 0 && !s.saveAlias)}
      onConfirm={() => void mapWord.getState().confirm()}
      onCancel={() => mapWord.getState().close()}
    >
      <label className="block">
        It means
        <select aria-label="Map to status" value={s.to} onChange={(e) => mapWord.getState().choose({ to: e.target.value as Status })}>
          {STATUSES.map((st) => (
            <option key={st} value={st}>
              {st}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="inline-choices">
        <legend>Which leads</legend>
        <label>
          <input type="radio" name="map-scope" checked={!s.allLists} onChange={() => mapWord.getState().choose({ allLists: false })} /> this list
        </label>
        <label>
          <input type="radio" name="map-scope" checked={s.allLists} onChange={() => mapWord.getState().choose({ allLists: true })} /> all lists
        </label>
      </fieldset>
      <label className="block">
        <input type="checkbox" checked={s.saveAlias} onChange={(e) => mapWord.getState().choose({ saveAlias: e.target.checked })} /> Save as an alias: from now on "{s.word}" reads as {s.to} everywhere (calls, sync, fix, import)
      </label>
      <p role="status" aria-label="Leads that will move">
        {n === undefined ? 'Counting the leads…' : `${count(n)} leads will move to ${s.to}, as one operation you can undo.`}
      </p>
    </Dialog>
  );
}
