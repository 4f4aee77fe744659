// Callbacks a person schedules (domain.md "Callbacks"): add one for a lead (anyone, or one agent),
// list them (due, upcoming, by agent), cancel one. The hopper queues due `anyone` ones
// (eligibility.ts), a call closes them (callback-closing.ts), the fill hands agents' over.
import type { CallbackFilter, CallbackRow, CallbackTiming, NewCallback } from '../../../shared/types/callbacks';
import { OVERDUE_AFTER_MINUTES } from '../../../shared/types/callbacks';
import { ConsoleError, InputError, notFound } from '../../../shared/errors';
import { writeTransaction, type Db } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { isFinalStatus } from './callback-closing';

const MAX_NOTE = 1000;
const MAX_AGENT = 100;

/** A new callback's fields, checked: its due time as ISO, its agent (null: anyone), its note. */
export interface CheckedCallback {
  due_at: string;
  agent: string | null;
  note: string | null;
}

/** Checks a new callback's fields; the error names the field and why. */
export function checkNewCallback(input: Omit<NewCallback, 'lead_id'>): CheckedCallback {
  const due = typeof input.due_at === 'string' ? Date.parse(input.due_at) : NaN;
  if (!Number.isFinite(due)) throw new InputError(`due_at: must be an ISO-8601 time such as 2026-11-24T15:00:00Z (got ${JSON.stringify(input.due_at)})`);
  const agent = input.agent === undefined || input.agent === null ? null : String(input.agent).trim();
  if (agent !== null && (agent === '' || agent.length > MAX_AGENT)) throw new InputError(`agent: must be 1 to ${MAX_AGENT} characters`);
  const note = input.note === undefined || input.note === null || String(input.note).trim() === '' ? null : String(input.note).trim();
  if (note !== null && note.length > MAX_NOTE) throw new InputError(`note: must be at most ${MAX_NOTE} characters`);
  return { due_at: new Date(due).toISOString(), agent, note };
}

/** Writes a pending callback for a lead read in the caller's transaction; refuses a final lead. */
export async function insertCallback(trx: Db, lead: { id: number; status: string | null }, c: CheckedCallback, createdAt: string): Promise<number> {
  // A final lead's callback would never be dialed (and a final status cancels them).
  if (isFinalStatus(lead.status)) throw new InputError(`lead_id: lead ${lead.id} has the final status ${lead.status}; it is never called again`, 'conflict');
  const row = await trx
    .insertInto('callbacks')
    .values({ lead_id: lead.id, due_at: c.due_at, scope: c.agent ? 'agent' : 'anyone', agent: c.agent, state: 'pending', note: c.note, created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export class CallbacksService {
  constructor(
    readonly handle: DbHandle,
    readonly clock: Clock,
  ) {}

  async add(input: NewCallback): Promise<CallbackRow> {
    const checked = checkNewCallback(input);
    const { db, dialect } = this.handle;
    const id = await writeTransaction(db, dialect, async (trx) => {
      const lead = await trx.selectFrom('leads').select(['id', 'status']).where('id', '=', input.lead_id).executeTakeFirst();
      if (!lead) throw notFound(`Lead ${input.lead_id}`);
      return insertCallback(trx, lead, checked, this.clock().toISOString());
    });
    return (await this.list({ state: 'all', ids: [id] }))[0];
  }

  async cancel(id: number): Promise<CallbackRow> {
    const { db, dialect } = this.handle;
    await writeTransaction(db, dialect, async (trx) => {
      const row = await trx.selectFrom('callbacks').select(['id', 'state']).where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound(`Callback ${id}`);
      if (row.state !== 'pending') throw new ConsoleError('conflict', `Callback ${id} is ${row.state}, not pending: there is nothing to cancel.`);
      await trx.updateTable('callbacks').set({ state: 'cancelled' }).where('id', '=', id).where('state', '=', 'pending').execute();
    });
    return (await this.list({ state: 'all', ids: [id] }))[0];
  }

  /** Callbacks earliest due first (pending by default), with where each stands now. */
  async list(filter: CallbackFilter & { ids?: number[] } = {}): Promise<CallbackRow[]> {
    const now = this.clock();
    let q = this.handle.db
      .selectFrom('callbacks as cb')
      .innerJoin('leads', 'leads.id', 'cb.lead_id')
      .innerJoin('lead_lists', 'lead_lists.id', 'leads.list_id')
      .innerJoin('campaigns', 'campaigns.id', 'lead_lists.campaign_id')
      .select([
        'cb.id', 'cb.lead_id', 'lead_lists.campaign_id', 'leads.list_id', 'leads.phone', 'leads.first_name', 'leads.last_name', 'leads.status as lead_status',
        'cb.due_at', 'cb.scope', 'cb.agent', 'cb.state', 'cb.note', 'cb.created_at', 'campaigns.timezone as campaign_timezone',
      ]);
    const state = filter.state ?? 'pending';
    if (state !== 'all') q = q.where('cb.state', '=', state);
    if (filter.campaignId !== undefined) q = q.where('lead_lists.campaign_id', '=', filter.campaignId);
    if (filter.agent !== undefined) q = q.where('cb.agent', '=', filter.agent);
    if (filter.due) q = q.where('cb.state', '=', 'pending').where('cb.due_at', '<=', now.toISOString());
    if (filter.ids) q = q.where('cb.id', 'in', filter.ids.length > 0 ? filter.ids : [-1]);
    const rows = await q.orderBy('cb.due_at').orderBy('cb.id').limit(filter.limit ?? 1000).execute();
    return rows.map(({ campaign_timezone, ...r }) => {
      const due_at = new Date(r.due_at).toISOString();
      return { ...r, id: Number(r.id), due_at, created_at: new Date(r.created_at).toISOString(), timing: timingOf(r.state, due_at, now, campaign_timezone) };
    });
  }
}

function localDay(at: Date, timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

export function timingOf(state: string, dueAt: string, now: Date, timezone: string): CallbackTiming {
  if (state !== 'pending') return 'closed';
  const due = Date.parse(dueAt);
  if (due <= now.getTime() - OVERDUE_AFTER_MINUTES * 60_000) return 'overdue';
  if (due <= now.getTime()) return 'due';
  return localDay(new Date(due), timezone) === localDay(now, timezone) ? 'later_today' : 'later';
}
