// Which leads a recycle request touches (docs/domain.md "Recycling a list and undo"): pure rules over the
// chosen stored words, so that the preview and the recycle count exactly the same leads.
import { recycleRuleOf, STATUS_CATEGORY, type Status } from '../../../shared/catalogue';
import { InputError } from '../../../shared/errors';
import type { RecycleRequest } from '../../../shared/types/recycling';
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema';

export interface RecyclePlan {
  listId: number;
  target: Status;
  reset: boolean;
  /** Stored words whose leads move (NULL kept apart: SQL compares it with IS NULL). */
  words: string[];
  includeNull: boolean;
  /** Chosen words that normalise to `dnc`: never moved. */
  dncWords: string[];
  /** Chosen final words (not dnc) without an override: refused until a reason is given. */
  needsOverride: string[];
  overrideReason: string | null;
}

export function isRecycleTarget(status: Status): boolean {
  return status === 'new' || STATUS_CATEGORY[status] === 'recyclable';
}

export function planRecycle(request: RecycleRequest): RecyclePlan {
  if (!isRecycleTarget(request.targetStatus)) {
    throw new InputError(`Leads can be recycled to new or to a recyclable status, not to ${request.targetStatus}.`);
  }
  const reason = request.finalOverride?.reason?.trim() || null;
  const plan: RecyclePlan = {
    listId: request.listId,
    target: request.targetStatus,
    reset: request.resetDialCount,
    words: [],
    includeNull: false,
    dncWords: [],
    needsOverride: [],
    overrideReason: reason,
  };
  for (const word of new Set(request.statuses)) {
    if (word === null) {
      plan.includeNull = true;
      continue;
    }
    const rule = recycleRuleOf(word);
    if (rule === 'never') plan.dncWords.push(word);
    else if (rule === 'needs_override' && reason === null) plan.needsOverride.push(word);
    else plan.words.push(word);
  }
  return plan;
}

type LeadsEb = ExpressionBuilder<Database, 'leads'>;

/**
 * The leads of the list that the recycle changes. A lead already at the target status changes
 * only when its dial count is reset and is not 0 already: "exactly how many leads will change".
 */
export function willChangeCondition(plan: RecyclePlan) {
  return (eb: LeadsEb): Expression<SqlBool> => {
    const moving = plan.words.filter((w) => w !== plan.target);
    const parts: Expression<SqlBool>[] = [];
    if (moving.length > 0) parts.push(eb('leads.status', 'in', moving));
    if (plan.includeNull) parts.push(eb('leads.status', 'is', null));
    if (plan.reset && plan.words.includes(plan.target)) {
      parts.push(eb.and([eb('leads.status', '=', plan.target), eb('leads.dial_attempts', '<>', 0)]));
    }
    // better-sqlite3 cannot bind booleans: a literal false that both dialects read.
    if (parts.length === 0) return sql<SqlBool>`1 = 0`;
    return eb.and([eb('leads.list_id', '=', plan.listId), eb.or(parts)]);
  };
}
