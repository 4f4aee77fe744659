// The hopper: which leads a campaign's dialer may call next (docs/domain.md "Hopper eligibility and
// order"). Fill, claim, dial results, cleanup, stats and explain all read the one eligibility
// definition in eligibility.ts; time comes from the injected clock.
import type { Status } from '../../../shared/catalogue';
import type { CleanupResult, ClaimedLead, DialAttemptResult, FillResult, HopperExplain, HopperStats } from '../../../shared/types/hopper';
import { InputError } from '../../../shared/errors';
import { writeTransaction } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/query/phone-keys';
import { toBool } from '../../db/schema';
import type { Clock } from '../../db/time';
import type { CallLogInput, RecordedCall } from '../calls/record-call';
import { loadCampaignContext } from './campaign-context';
import { claimRows } from './hopper-claim';
import { handOverAgentCallbacks } from '../callbacks/callback-handover';
import { cleanupStaleRows } from './hopper-cleanup';
import { inCountingTurn, lockCampaignHopper } from './hopper-dialect';
import { explainCampaign, type ExplainOptions } from './hopper-explain';
import { hopperStats } from './hopper-stats';
import { selectEligibleLeads } from './lead-selection';
import { countQueued, queueLeads } from './queue-writer';

export interface HopperOptions {
  /** A `dialing` row older than this is stale (the dialer died). Default 15. */
  staleMinutes?: number;
}

export interface FillOptions {
  /** Queued rows to reach (default: the campaign's hopper_target). */
  target?: number;
  /** Only leads of these statuses (the recycle_failed_calls job). */
  statuses?: Status[];
}

export const DEFAULT_STALE_MINUTES = 15;

/** Applies one dial result to its lead (the status service). */
export interface DialResultRecorder {
  recordCall(input: CallLogInput): Promise<RecordedCall>;
}

const MAX_CLAIM = 10_000;

export class HopperService {
  private readonly staleMinutes: number;

  constructor(
    readonly handle: DbHandle,
    readonly clock: Clock,
    /** Where dial results are applied: the status service, with this hopper's dropped re-queue (createDialPath). */
    private readonly calls: DialResultRecorder,
    options: HopperOptions = {},
  ) {
    this.staleMinutes = options.staleMinutes ?? DEFAULT_STALE_MINUTES;
  }

  /** Queues eligible leads until the campaign has `target` queued rows. */
  async fill(campaignId: number, opts: FillOptions = {}): Promise<FillResult> {
    if (opts.target !== undefined && (!Number.isInteger(opts.target) || opts.target < 0)) {
      throw new InputError(`The hopper target must be a whole number of 0 or more (got ${opts.target}).`);
    }
    const { db, dialect } = this.handle;
    await ensurePhoneKeys(db, dialect);
    const now = this.clock();
    return writeTransaction(db, dialect, async (trx) => {
      await lockCampaignHopper(trx, dialect, campaignId, { preferOrderedIndexScans: true });
      const ctx = await loadCampaignContext(trx, dialect, campaignId, now);
      await handOverAgentCallbacks(trx, ctx.listIds, ctx.agentHandoverCutoff);
      const target = opts.target ?? ctx.hopperTarget;
      const queued = await countQueued(trx, campaignId);
      const leads = await selectEligibleLeads(trx, dialect, ctx, Math.max(0, target - queued), opts.statuses);
      const added = await queueLeads(trx, dialect, campaignId, leads, now);
      return { campaign_id: campaignId, ...added, queued_after: queued + added.added, target };
    });
  }

  /** Every active campaign (the fill_hopper job). */
  async fillAll(opts: { statuses?: Status[] } = {}): Promise<FillResult[]> {
    const results: FillResult[] = [];
    for (const id of await this.activeCampaignIds()) results.push(await this.fill(id, opts));
    return results;
  }

  /**
   * The retry_dropped_calls job: every eligible `dropped` lead back in the hopper at high
   * priority, not capped by the target (a dropped call is a person who answered and heard silence).
   */
  async requeueDroppedAll(): Promise<FillResult[]> {
    const { db, dialect } = this.handle;
    await ensurePhoneKeys(db, dialect);
    const results: FillResult[] = [];
    for (const campaignId of await this.activeCampaignIds()) {
      const now = this.clock();
      results.push(
        await writeTransaction(db, dialect, async (trx) => {
          await lockCampaignHopper(trx, dialect, campaignId);
          const ctx = await loadCampaignContext(trx, dialect, campaignId, now);
          const leads = await selectEligibleLeads(trx, dialect, ctx, null, ['dropped']);
          const added = await queueLeads(trx, dialect, campaignId, leads, now);
          return { campaign_id: campaignId, ...added, queued_after: await countQueued(trx, campaignId), target: ctx.hopperTarget };
        }),
      );
    }
    return results;
  }

  /** Hands the dialer the next `n` queued rows, marked `dialing`; two claimers never share a row. */
  async claim(campaignId: number, n: number): Promise<ClaimedLead[]> {
    if (!Number.isInteger(n) || n < 1 || n > MAX_CLAIM) throw new InputError(`The claim count must be between 1 and ${MAX_CLAIM} (got ${n}).`);
    const { db, dialect } = this.handle;
    await ensurePhoneKeys(db, dialect);
    const now = this.clock();
    return writeTransaction(db, dialect, async (trx) => claimRows(trx, dialect, await loadCampaignContext(trx, dialect, campaignId, now), n));
  }

  /**
   * A dial result from the dialer: records the call log when its uuid is new and applies it to
   * the lead through the status service (status rules, audit, hopper row removed, a dropped
   * lead re-queued), all in one transaction. Idempotent per call uuid.
   */
  async recordDialAttempt(input: CallLogInput): Promise<DialAttemptResult> {
    const recorded = await this.calls.recordCall(input);
    return {
      call_uuid: recorded.call_uuid,
      lead_id: input.lead_id,
      new_call: recorded.new_call,
      applied: recorded.applied > 0,
      status: recorded.status,
      status_changed: recorded.statusChanges > 0,
      compliance_incidents: recorded.incidents,
      requeued: recorded.requeuedLeadIds.includes(input.lead_id),
    };
  }

  /** Removes stale rows: dialing past the stale limit, or leads no longer eligible (not timing). */
  async cleanupStale(): Promise<CleanupResult> {
    const { db, dialect } = this.handle;
    await ensurePhoneKeys(db, dialect);
    const now = this.clock();
    return writeTransaction(db, dialect, (trx) => cleanupStaleRows(trx, dialect, now, this.staleMinutes));
  }

  async stats(campaignId: number, options: { eligible?: boolean } = {}): Promise<HopperStats> {
    const { db, dialect } = this.handle;
    // A read-only handle cannot fill phone keys; a lead whose key is unknown then counts as DNC.
    if (!this.handle.target.readOnly) await ensurePhoneKeys(db, dialect);
    const ctx = await loadCampaignContext(db, dialect, campaignId, this.clock());
    // Without the eligible count (the Hopper screen's figures) nothing goes to the thread.
    if (options.eligible === false) return hopperStats(db, ctx, options);
    return inCountingTurn(this.handle, (countOn) => hopperStats(db, ctx, { ...options, countOn }));
  }

  async explain(campaignId: number, options: ExplainOptions = {}): Promise<HopperExplain> {
    const { db, dialect } = this.handle;
    // A read-only handle cannot fill phone keys; a lead whose key is unknown then counts as DNC.
    if (!this.handle.target.readOnly) await ensurePhoneKeys(db, dialect);
    const ctx = await loadCampaignContext(db, dialect, campaignId, options.at ?? this.clock());
    return inCountingTurn(this.handle, (asked) => explainCampaign(asked, ctx, options));
  }

  private async activeCampaignIds(): Promise<number[]> {
    const rows = await this.handle.db.selectFrom('campaigns').select(['id', 'active']).orderBy('id').execute();
    return rows.filter((r) => toBool(r.active)).map((r) => r.id);
  }
}
