// One lead at a time: find it, read its whole story, act on it (issue 17). Knows nothing of
// Electron; takes a database handle and a clock.
import type { LeadCallbackRequest, LeadSearchResult, LeadStory, ManualActionResult, SetStatusRequest } from '../../../shared/types/leads';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/query/phone-keys';
import type { Clock } from '../../db/time';
import { searchLeads, type SearchOptions } from './lead-search';
import { leadStory } from './lead-story';
import { addLeadPhoneToDnc, resetLeadAttempts, scheduleLeadCallback, setLeadStatus } from './manual-actions';

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

  /** Everything about one lead, its eligibility at the service's clock. */
  async story(leadId: number): Promise<LeadStory> {
    await this.freshPhoneKeys();
    return leadStory(this.handle.db, this.handle.dialect, leadId, this.clock());
  }

  /** Phone keys first: the hopper check after the change reads the lead's (a NULL key counts as DNC). */
  async setStatus(request: SetStatusRequest): Promise<ManualActionResult> {
    await this.freshPhoneKeys();
    return setLeadStatus(this.handle, this.clock, request);
  }

  resetAttempts(leadId: number, reason: string): Promise<ManualActionResult> {
    return resetLeadAttempts(this.handle, this.clock, leadId, reason);
  }

  async addPhoneToDnc(leadId: number, reason: string): Promise<ManualActionResult> {
    await this.freshPhoneKeys();
    return addLeadPhoneToDnc(this.handle, this.clock, leadId, reason);
  }

  /** Phone keys first: a lead whose phone is on the DNC list is refused (its key says so). */
  async scheduleCallback(request: LeadCallbackRequest): Promise<ManualActionResult> {
    await this.freshPhoneKeys();
    return scheduleLeadCallback(this.handle, this.clock, request);
  }
}
