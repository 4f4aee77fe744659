// Dial results on PostgreSQL in two round trips per transaction (postgres/pipeline.ts), however many
// calls the transaction holds (dial-batcher.ts): [BEGIN, each call's read of its lead and insert
// of the call (and, for a `dropped` result, a read of its campaign)], then the rules in TypeScript
// (planClaimedCalls, as for every other call), then [each lead's writes, incidents, re-queues,
// COMMIT]. Statements of different calls never depend on each other: each call has its own lead.
// Through Kysely one call alone was four to seven round trips, each statement waiting for the one
// before (docs/performance.md, "A dial result is the hot path").
import type { CompiledQuery } from 'kysely';
import { classifyCallResult } from '../../../shared/catalogue';
import { retryingConflicts } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import { callbackClosingOf } from '../callbacks/callback-closing';
import { incidentInserts, planClaimedCalls, type CallApplication, type DroppedRequeue } from './call-applier';
import { callInsertOf, dncPhonesRead, leadNotFound, recordedCall, type CallLogInput, type RecordedCall } from './record-call';
import { leadAndCallOf, readLeadAndInsertCallQuery, writeOneLeadQuery, type LeadAndCallRow, type LeadForCall, type PipelinedWriter } from './status-dialect';
import { aliasesFrom, mayNeedSavedAliases, savedAliasesQuery } from '../status-words/saved-aliases';

export interface DialInput {
  input: CallLogInput;
  /** `input.started_at` as canonical ISO. */
  startedAt: string;
}

/**
 * What became of each call: recorded and applied; undefined, with nothing written, when its
 * call_uuid was recorded before (the general path in record-call.ts takes it: it may still be
 * unapplied); or the error that refused it (a lead that does not exist). Each call's lead must be
 * a different one. `pipelined` is the handle's batched writer (dialWritesOf in status-dialect.ts).
 */
export function recordCallsPipelined(handle: DbHandle, pipelined: PipelinedWriter, dials: readonly DialInput[], now: Date, requeueDropped?: DroppedRequeue): Promise<(RecordedCall | undefined | Error)[]> {
  const { db, dialect } = handle;
  // Leads locked in id order: two transactions never wait for each other's leads in a cycle.
  const order = dials.map((d, i) => ({ ...d, i, call: callInsertOf(d.input, d.startedAt, now) })).sort((a, b) => a.input.lead_id - b.input.lead_id);
  const requeueOf = (leadId: number) => requeueDropped!.batched(db, dialect, leadId);
  // A dropped result will most likely put its lead back in the hopper: its campaign is read in the
  // first batch. (A call older than the lead's last dial can leave a lead dropped too: rare, and
  // its campaign is then read in a batch of its own.)
  const expected = new Map(order.filter((d) => requeueDropped && classifyCallResult(d.call.result, d.call.hangup_cause) === 'dropped').map((d) => [d.input.lead_id, requeueOf(d.input.lead_id)]));
  return retryingConflicts(() =>
    pipelined(async (tx) => {
      const reads = await tx.send(...order.map((d) => readLeadAndInsertCallQuery(db, dialect, d.call)), ...[...expected.values()].map((r) => r.read));
      const campaignRows = new Map([...expected.keys()].map((leadId, k) => [leadId, reads[order.length + k]]));

      const outcomes: (RecordedCall | undefined | Error)[] = new Array(dials.length);
      const applied: { i: number; input: CallLogInput; lead: LeadForCall; plan: CallApplication }[] = [];
      const found = order.map((d, k) => leadAndCallOf(reads[k][0] as LeadAndCallRow | undefined, d.call));
      // A word the catalogue does not know may be a saved alias: one more round trip, only then.
      const words = found.flatMap(({ lead, inserted }) => (lead && inserted ? [inserted.result, lead.status] : []));
      const aliases = mayNeedSavedAliases(words) ? aliasesFrom((await tx.send(savedAliasesQuery(db, dialect)))[0] as { word: string; status: string }[]) : undefined;
      order.forEach((d, k) => {
        const { lead, inserted } = found[k];
        if (!lead) outcomes[d.i] = leadNotFound(d.input.lead_id);
        else if (!inserted) outcomes[d.i] = undefined;
        else applied.push({ i: d.i, input: d.input, lead, plan: planClaimedCalls({ leads: new Map([[lead.id, lead]]), calls: [inserted], dncPhones: dncPhonesRead(lead), aliases }, now, 'call') });
      });
      if (applied.length === 0) return outcomes;

      const requeued = applied.filter((a) => requeueDropped && a.plan.counts.droppedLeadIds.includes(a.lead.id));
      const unread = requeued.filter((a) => !campaignRows.has(a.lead.id));
      if (unread.length > 0) (await tx.send(...unread.map((a) => requeueOf(a.lead.id).read))).forEach((rows, k) => campaignRows.set(unread[k].lead.id, rows));

      const writes: CompiledQuery<unknown>[] = [];
      const requeueAt = new Map<number, number>();
      for (const { lead, plan } of applied) {
        // An applied call always changes its lead (one more attempt): there is one update.
        const { tracking } = plan.updates[0];
        writes.push(writeOneLeadQuery(db, dialect, { id: lead.id, ...tracking, ...callbackClosingOf(tracking.status, now) }, plan.audits[0] ?? null));
        for (const insert of incidentInserts(db, dialect, plan.incidents)) writes.push(insert.compile());
      }
      for (const { lead } of requeued) {
        const statement = (expected.get(lead.id) ?? requeueOf(lead.id)).statement(campaignRows.get(lead.id)!, now);
        if (statement) requeueAt.set(lead.id, writes.push(statement) - 1);
      }
      const results = await tx.commit(...writes);
      for (const { i, input, lead, plan } of applied) {
        const at = requeueAt.get(lead.id);
        const back = at === undefined ? [] : (results[at] as { lead_id: number }[]).map((r) => Number(r.lead_id));
        outcomes[i] = recordedCall(input, lead, true, { ...plan.counts, requeuedLeadIds: back });
      }
      return outcomes;
    }),
  );
}
