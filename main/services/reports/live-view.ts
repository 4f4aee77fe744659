// The live campaign view's cache, one per open database in the main process: however many
// windows watch, each campaign's figures are read from the database at most once per 5 seconds
// (the fast tier), its leads counted at most once a minute or after a job run (the slow tier),
// and its problem leads at most every 10 minutes, in the background (docs/reports.md).
// Time comes from the injected clock, so the rule is tested without waiting.
import type { SavedAliases } from '../../../shared/catalogue';
import type { LiveCampaignFigures, LiveView } from '../../../shared/types/reports';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/query/phone-keys';
import type { Clock } from '../../db/time';
import { loadSavedAliases } from '../status-words/saved-aliases';
import { countListProblems, fastFigures, liveCampaigns, problemFigures, slowFigures, type FastFigures, type LiveCampaign, type ProblemFigures, type SlowFigures } from './live-figures';
import { runsDry } from './runs-dry';

export interface LiveViewOptions {
  /** Least time between two reads of a campaign's figures (ms, default 5,000). */
  fastMs?: number;
  /** Least time between two counts of a campaign's leads, unless a job ran (ms, default 60,000). */
  slowMs?: number;
  /** Least time between two problem counts, unless a sync or reconcile ran (ms, default 600,000). */
  problemsMs?: number;
  /** False: never count problem leads (they stay null), for a caller that only wants the other figures. */
  problems?: boolean;
  /**
   * A list's problem leads. The services pass the recycling screen's kept counts (ProblemCounts):
   * one count of a list serves both, and a visit of a list the live view is counting joins that
   * count instead of queueing a second one behind it on the long-work thread. Default: a count.
   */
  countProblems?: (listId: number) => Promise<number>;
}

/** What made figures out of date: calls applied or leads changed (any job), or problem leads fixed or made. */
export type LiveChange = 'leads' | 'problems';

interface Entry {
  campaign: LiveCampaign;
  fast?: FastFigures;
  fastAt: number;
  slow?: SlowFigures;
  slowAt: number;
  slowDue: boolean;
  problems?: ProblemFigures;
  problemsAt: number;
  problemsDue: boolean;
  figures?: LiveCampaignFigures;
}

export class LiveViewCache {
  /** Database reads per campaign and tier: what the once-per-5-seconds rule is tested on. */
  readonly reads = new Map<number, { fast: number; slow: number; problems: number }>();
  private readonly fastMs: number;
  private readonly slowMs: number;
  private readonly problemsMs: number;
  private readonly countsProblems: boolean;
  private readonly countProblems: (listId: number) => Promise<number>;
  private entries = new Map<number, Entry>();
  private campaignsAt = -Infinity;
  private queue: Promise<unknown> = Promise.resolve();
  private problemsRunning: Promise<void> | null = null;
  /** Campaigns whose figures changed since the last `refresh()` answered (a background problem count). */
  private pending = new Set<number>();

  constructor(
    private readonly handle: DbHandle,
    private readonly clock: Clock,
    options: LiveViewOptions = {},
  ) {
    this.fastMs = options.fastMs ?? 5_000;
    this.slowMs = options.slowMs ?? 60_000;
    this.problemsMs = options.problemsMs ?? 600_000;
    this.countsProblems = options.problems ?? true;
    this.countProblems = options.countProblems ?? ((listId) => countListProblems(handle, clock, listId));
  }

  /** Every campaign's figures, reading only what is due. */
  async view(): Promise<LiveView> {
    // What changed stays pending for the push (refresh), which the other windows hear.
    await this.enqueue(false);
    return { generated_at: this.clock().toISOString(), campaigns: [...this.entries.values()].flatMap((e) => (e.figures ? [e.figures] : [])) };
  }

  /**
   * Reads what is due and answers the campaigns whose figures changed since the last answer.
   * Calls queue behind each other, so two windows asking at once cause one read.
   */
  refresh(): Promise<LiveCampaignFigures[]> {
    return this.enqueue(true);
  }

  private enqueue(answerChanges: boolean): Promise<LiveCampaignFigures[]> {
    const run = this.queue.catch(() => undefined).then(() => this.refreshNow(answerChanges));
    this.queue = run;
    return run;
  }

  /** After a job run or a dial result: the next allowed read counts leads (and problems) again. */
  markChanged(change: LiveChange): void {
    for (const e of this.entries.values()) {
      e.slowDue = true;
      if (change === 'problems') e.problemsDue = true;
    }
  }

  /** When the next read of some campaign is allowed (ms since the epoch), for a caller that waits for it. */
  nextReadAt(): number {
    let next = this.campaignsAt + this.fastMs;
    for (const e of this.entries.values()) next = Math.min(next, e.fastAt + this.fastMs);
    return next;
  }

  /** The background problem count in flight, if any (tests and shutdown wait for it). */
  async settled(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.problemsRunning;
  }

  private async refreshNow(answerChanges: boolean): Promise<LiveCampaignFigures[]> {
    const now = this.clock();
    const t = now.getTime();
    if (t - this.campaignsAt >= this.fastMs) await this.readCampaigns(t);
    const due = [...this.entries.values()].filter((e) => t - e.fastAt >= this.fastMs);
    if (due.length > 0) {
      const { db, dialect } = this.handle;
      if (!this.handle.target.readOnly) await ensurePhoneKeys(db, dialect);
      const saved = await loadSavedAliases(db, dialect);
      for (const e of due) await this.readCampaign(e, now, saved);
    }
    this.startProblemCounts(t);
    if (!answerChanges) return [];
    const changed = [...this.pending].flatMap((id) => this.entries.get(id)?.figures ?? []);
    this.pending.clear();
    return changed;
  }

  private async readCampaigns(t: number): Promise<void> {
    const campaigns = await liveCampaigns(this.handle.db);
    this.campaignsAt = t;
    const next = new Map<number, Entry>();
    for (const c of campaigns) {
      // The same entry object: a background problem count holds it and writes into it.
      const old = this.entries.get(c.id);
      if (old) old.campaign = c;
      next.set(c.id, old ?? { campaign: c, fastAt: -Infinity, slowAt: -Infinity, slowDue: true, problemsAt: -Infinity, problemsDue: true });
    }
    this.entries = next;
  }

  private async readCampaign(e: Entry, now: Date, saved: SavedAliases): Promise<void> {
    const t = now.getTime();
    const reads = this.readsOf(e.campaign.id);
    e.fastAt = t;
    reads.fast += 1;
    e.fast = await fastFigures(this.handle.db, e.campaign, now, saved);
    if (e.slowDue || t - e.slowAt >= this.slowMs) {
      e.slowAt = t;
      e.slowDue = false;
      reads.slow += 1;
      e.slow = await slowFigures(this.handle, e.campaign, now, saved);
    }
    this.compose(e);
  }

  /** Problem counts of the campaigns that are due, one campaign after another, in the background. */
  private startProblemCounts(t: number): void {
    if (this.problemsRunning || !this.countsProblems) return;
    const due = [...this.entries.values()].filter((e) => e.problemsDue || t - e.problemsAt >= this.problemsMs);
    if (due.length === 0) return;
    for (const e of due) {
      e.problemsAt = t;
      e.problemsDue = false;
    }
    this.problemsRunning = (async () => {
      for (const e of due) {
        this.readsOf(e.campaign.id).problems += 1;
        try {
          e.problems = await problemFigures(this.countProblems, this.clock, e.campaign);
        } catch {
          // A lost connection: counted again when next due; the other figures say the database is gone.
          e.problemsDue = true;
        }
        this.compose(e);
      }
    })().finally(() => (this.problemsRunning = null));
  }

  private compose(e: Entry): void {
    if (!e.fast || !e.slow) return;
    const c = e.campaign;
    const figures: LiveCampaignFigures = {
      campaign_id: c.id,
      campaign_name: c.name,
      active: c.active,
      ...e.fast,
      eligible_now: e.slow.eligible_now,
      abandon_rate_30d: e.slow.abandon_rate_30d,
      abandon_flag: e.slow.abandon_flag,
      ...pick(runsDry(new Date(Date.parse(e.fast.refreshed_at)), e.slow.leads_left_today, e.fast.dials_60m)),
      slow_as_of: e.slow.slow_as_of,
      problem_leads: e.problems?.problem_leads ?? null,
      problem_list_id: e.problems?.problem_list_id ?? null,
      problems_as_of: e.problems?.problems_as_of ?? null,
    };
    if (!e.figures || !sameFigures(e.figures, figures)) this.pending.add(c.id);
    e.figures = figures;
  }

  private readsOf(id: number) {
    let r = this.reads.get(id);
    if (!r) this.reads.set(id, (r = { fast: 0, slow: 0, problems: 0 }));
    return r;
  }
}

function pick(r: ReturnType<typeof runsDry>) {
  return { runs_dry_at: r.runs_dry_at, runs_dry_note: r.runs_dry_note, leads_left_today: r.leads_left_today };
}

/** Equal apart from when they were read: nothing to push. */
function sameFigures(a: LiveCampaignFigures, b: LiveCampaignFigures): boolean {
  const strip = (f: LiveCampaignFigures) => JSON.stringify({ ...f, refreshed_at: null, slow_as_of: null, problems_as_of: null, runs_dry_at: null });
  return strip(a) === strip(b) && (a.runs_dry_at === null) === (b.runs_dry_at === null);
}
