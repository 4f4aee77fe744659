// After a kill (issue 19, item 4): the operation the killed process began is marked `interrupted`
// by the next CLI run, and an undo of its committed part restores exactly the leads it changed.
// Checked on a copy of the killed state, so the harness's rerun still starts from the kill.
import type { DatabaseTarget } from '../../../main/db/database-config';
import type { FreshDatabases } from '../../../scripts/fresh-database';
import { normaliseStatus } from '../../../shared/catalogue';
import { dbArgs } from '../../support/cli';
import { snapshotTarget, type Row, type TableSnapshot } from '../../support/table-snapshot';
import { runChild } from './child';

/**
 * What an undo puts back, by kind (docs/domain.md, "Undo"): a fix's rebuilt dial tracking stays,
 * it describes calls that happened; every other column is the undo's to leave alone.
 */
const RESTORED: Record<string, string[]> = {
  fix: ['status', 'last_status_change'],
  recycle: ['status', 'dial_attempts', 'attempts_reset_at', 'last_status_change'],
};
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The leads whose row differs between two snapshots. */
function changedLeads(a: TableSnapshot, b: TableSnapshot): Set<number> {
  const before = new Map(a.leads.map((l) => [l.id, l]));
  return new Set(b.leads.filter((l) => !same(before.get(l.id), l)).map((l) => l.id as number));
}

/**
 * The violations, in words: the killed run's operation left `running` is marked `interrupted`,
 * it recorded exactly the leads the kill left changed, and its undo puts every lead back as it
 * was before the run. Returns also whether an interrupted operation was undone.
 */
export async function checkUndoOfInterrupted(factory: FreshDatabases, target: DatabaseTarget, pre: TableSnapshot, post: TableSnapshot): Promise<{ violations: string[]; undone: boolean }> {
  const known = new Set(pre.operations.map((o) => o.id));
  const begun = post.operations.filter((o: Row) => !known.has(o.id) && o.kind in RESTORED);
  if (begun.length === 0) return { violations: [], undone: false };
  const v: string[] = [];
  if (begun.length > 1) v.push(`the killed run began ${begun.length} operations`);
  const op = begun[0];
  const recorded = new Set(post.operation_leads.filter((r) => r.operation_id === op.id).map((r) => r.lead_id as number));
  const changed = changedLeads(pre, post);
  const unrecorded = [...changed].filter((id) => !recorded.has(id));
  const unchanged = [...recorded].filter((id) => !changed.has(id));
  if (unrecorded.length > 0) v.push(`leads ${unrecorded.slice(0, 5).join(', ')} changed but not recorded by ${op.kind} ${op.id}`);
  if (unchanged.length > 0) v.push(`leads ${unchanged.slice(0, 5).join(', ')} recorded by ${op.kind} ${op.id} but not changed`);

  const copy = await factory.copy(target);
  try {
    const undo = await runChild(['undo', ...dbArgs(copy), '--operation', op.id, '--json']);
    if (undo.code !== 0) return { violations: [...v, `undo of the ${op.state} ${op.kind} exited ${undo.code}: ${undo.stderr.trim().split('\n')[0]}`], undone: false };
    const after = await snapshotTarget(copy);
    const row = after.operations.find((o) => o.id === op.id);
    if (row?.state !== 'undone') v.push(`${op.kind} ${op.id} is ${row?.state} after its undo`);
    if (op.state === 'running' && !JSON.parse(row?.summary ?? '{}').interrupted) v.push(`${op.kind} ${op.id}, left running, was not marked interrupted before its undo`);
    if (after.operations.some((o) => o.state === 'running')) v.push('an operation is still running after a CLI run');
    v.push(...restoredExactly(op.kind, pre, post, after, post.operation_leads.filter((r) => r.operation_id === op.id)));
    return { violations: v, undone: true };
  } finally {
    await factory.drop(copy);
  }
}

/**
 * The leads the operation recorded have their restored columns as before the run (a lead it left
 * at `dnc` keeps `dnc`: absorbing, undo included) and the rest as the kill left them; every other
 * lead is exactly as the kill left it.
 */
function restoredExactly(kind: string, pre: TableSnapshot, post: TableSnapshot, after: TableSnapshot, recorded: Row[]): string[] {
  const v: string[] = [];
  const cols = RESTORED[kind];
  const rows = new Map(recorded.map((r) => [r.lead_id as number, r]));
  const before = new Map(pre.leads.map((l) => [l.id, l]));
  const killed = new Map(post.leads.map((l) => [l.id, l]));
  for (const lead of after.leads) {
    const row = rows.get(lead.id);
    const expected = { ...killed.get(lead.id) };
    if (row && normaliseStatus(row.new_status) !== 'dnc') for (const c of cols) expected[c] = before.get(lead.id)![c];
    if (!same(lead, expected)) v.push(`after the undo of the ${kind}, lead ${lead.id} is ${JSON.stringify(lead)}, expected ${JSON.stringify(expected)}`);
    if (v.length >= 5) break;
  }
  return v;
}
