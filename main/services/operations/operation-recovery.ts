// When a console or a CLI run starts (issue 19, item 4): operations left `running` by a process
// that died (no live lease, operation-leases.ts) are marked `interrupted`. Their committed part is
// recorded in operation_leads like any run's, so an undo takes it back; a fix run again finishes
// the work under a new operation.
import type { Db } from '../../db/dialect';
import { countOperationLeads } from './operation-leads';
import { allRunningOperations, markInterrupted } from './operation-log';
import { leaseIsDead, operationLeases } from './operation-leases';

/** Marks the dead processes' operations `interrupted`; returns their ids. */
export async function markInterruptedOperations(db: Db): Promise<string[]> {
  const running = await allRunningOperations(db);
  if (running.length === 0) return [];
  const leases = await operationLeases(db, running);
  const now = Date.now();
  const marked: string[] = [];
  for (const id of running.filter((op) => leaseIsDead(op, leases.get(op), now))) {
    if (await markInterrupted(db, id, await countOperationLeads(db, id), new Date(now).toISOString())) marked.push(id);
  }
  return marked;
}
