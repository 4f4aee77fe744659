// The supervisor: one person recycling lists at one console while undoing at another, and the
// screens of every console polling as open windows do. Every call goes through a console's IPC
// dispatch. An answer is ok, an expected refusal (`conflict`: an undo whose leads changed since,
// an operation already undone or still running), or an error a user would see.
import type { IpcResult } from '../../shared/ipc/contract';
import type { ListBreakdown } from '../../shared/types/status';
import type { OperationResult, UndoableOperation } from '../../shared/types/recycling';
import type { ConsoleChild } from './children';
import { Latencies } from './latency';

/** Refusals a supervisor may meet in normal work; any other error is a failure of the soak. */
export const EXPECTED_REFUSALS = new Set(['conflict']);

export interface ChannelCounts {
  ok: number;
  refused: number;
  errors: number;
}

export interface SupervisorFigures {
  latency: Latencies;
  counts: Map<string, ChannelCounts>;
  /** Errors that reached the supervisor (at most 50 kept). */
  errors: { console: number; channel: string; code: string; message: string }[];
  recycles: number;
  recycled_leads: number;
  undos: number;
  undone_leads: number;
  undos_refused: number;
}

export interface SupervisorPlan {
  consoles: ConsoleChild[];
  campaigns: number[];
  lists: number[];
  stopAt: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function superviseUntil(plan: SupervisorPlan): Promise<SupervisorFigures> {
  const figures: SupervisorFigures = { latency: new Latencies(), counts: new Map(), errors: [], recycles: 0, recycled_leads: 0, undos: 0, undone_leads: 0, undos_refused: 0 };
  const running = () => Date.now() < plan.stopAt;
  const at = (i: number) => plan.consoles[i % plan.consoles.length];

  const call = async <T>(c: ConsoleChild, channel: string, input: unknown): Promise<IpcResult<T>> => {
    const counts = figures.counts.get(channel) ?? { ok: 0, refused: 0, errors: 0 };
    figures.counts.set(channel, counts);
    let result: IpcResult<unknown>;
    try {
      const outcome = await c.call(channel, input);
      figures.latency.add(channel, outcome.ms);
      result = outcome.result;
    } catch (error) {
      result = { ok: false, error: { code: 'internal', message: (error as Error).message } };
    }
    if (result.ok) counts.ok += 1;
    else if (EXPECTED_REFUSALS.has(result.error.code)) counts.refused += 1;
    else {
      counts.errors += 1;
      if (figures.errors.length < 50) figures.errors.push({ console: c.index, channel, code: result.error.code, message: result.error.message });
    }
    return result as IpcResult<T>;
  };

  // Recycles each list's recyclable statuses in turn (every other one resetting the dial count).
  const recycler = async () => {
    for (let round = 0; running(); round++) {
      if (round > 0) await sleep(1000);
      const listId = plan.lists[round % plan.lists.length];
      const breakdown = await call<ListBreakdown>(at(0), 'recycling/breakdown', { listId });
      if (!breakdown.ok) continue;
      const statuses = breakdown.value.statuses.filter((s) => s.category === 'recyclable' && s.status !== null).map((s) => s.status!);
      if (statuses.length === 0) continue;
      const request = { listId, statuses, resetDialCount: round % 2 === 0 };
      await call(at(0), 'recycling/preview', request);
      const done = await call<OperationResult>(at(0), 'recycling/recycle', request);
      if (done.ok) {
        figures.recycles += 1;
        figures.recycled_leads += done.value.changed;
      }
    }
  };

  // Undoes what the list's Undo offers, on another console, while the recycles go on.
  const undoer = async () => {
    for (let round = 0; running(); round++) {
      if (round > 0) await sleep(700);
      const listId = plan.lists[round % plan.lists.length];
      const last = await call<UndoableOperation | null>(at(1), 'operations/last-undoable', { listId });
      if (last.ok && last.value?.undoable) {
        const undone = await call<OperationResult>(at(1), 'operations/undo', { operationId: last.value.operation_id });
        if (undone.ok) {
          figures.undos += 1;
          figures.undone_leads += undone.value.changed;
        } else figures.undos_refused += 1;
      }
    }
  };

  // What the open windows ask for: the screens a supervisor keeps up on every console.
  const screens = async (index: number) => {
    const c = at(index);
    const campaignId = plan.campaigns[index % plan.campaigns.length];
    const listId = plan.lists[index % plan.lists.length];
    const reads: [string, unknown][] = [
      ['campaigns/list', {}],
      ['hopper/stats', { campaignId }],
      ['reports/live', {}],
      ['jobs/list', {}],
      ['jobs/history', { limit: 50 }],
      ['recycling/breakdown', { listId }],
      ['operations/last-undoable', { listId }],
      ['audit/list', { listId }],
      ['hopper/explain', { campaignId }],
    ];
    for (let i = 0; running(); i++) {
      if (i > 0) await sleep(1000);
      const [channel, input] = reads[i % reads.length];
      await call(c, channel, input);
    }
  };

  await Promise.all([recycler(), undoer(), ...plan.consoles.map((_, i) => screens(i))]);
  return figures;
}
