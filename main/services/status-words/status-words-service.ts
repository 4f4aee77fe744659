// Status words a person resolves: map an unknown word to a catalogue status (one undoable
// operation), and the saved aliases that then apply everywhere. Takes a handle and a clock.
import type { MapStatusRequest, MapStatusResult, StatusAlias } from '../../../shared/types/leads';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { workstationUser } from '../lead-lookup/manual-actions';
import { listAliases, removeAlias } from './alias-book';
import { mapStatusWord } from './map-word';

export class StatusWordsService {
  constructor(
    readonly handle: DbHandle,
    readonly clock: Clock,
  ) {}

  map(request: MapStatusRequest): Promise<MapStatusResult> {
    return mapStatusWord(this.handle, this.clock, request, workstationUser());
  }

  aliases(): Promise<StatusAlias[]> {
    return listAliases(this.handle.db);
  }

  removeAlias(word: string): Promise<StatusAlias> {
    return removeAlias(this.handle.db, word);
  }
}
