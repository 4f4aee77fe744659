// One lead at a time: find it, read its whole story, act on it (issue 17). Knows nothing of
// Electron; takes a database handle and a clock.
import type { LeadSearchResult } from '../../../shared/types/leads';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/query/phone-keys';
import type { Clock } from '../../db/time';
import { searchLeads, type SearchOptions } from './lead-search';

export class LeadService {
  constructor(
    readonly handle: DbHandle,
    readonly clock: Clock,
  ) {}

  /** Phones compare by their keys; a read-only handle cannot fill SQLite's missing ones. */
  protected async freshPhoneKeys(): Promise<void> {
    if (!this.handle.target.readOnly) await ensurePhoneKeys(this.handle.db, this.handle.dialect);
  }

  async search(query: string, options: SearchOptions = {}): Promise<LeadSearchResult> {
    await this.freshPhoneKeys();
    return searchLeads(this.handle.db, this.handle.dialect, query, options);
  }
}
