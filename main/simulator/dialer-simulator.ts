// A dialer in a box: keeps a campaign's hopper filled, claims leads at a steady rate, "rings"
// each one for a realistic time and reports the result through the hopper service, exactly as
// a real dialer would. Time runs `speedup` times faster than the wall clock, through the
// injected clock, so a demo shows an hour of dialing in a minute.
import type { Status } from '../../shared/catalogue';
import type { ClaimedLead } from '../../shared/types/hopper';
import type { DbHandle } from '../db/open-database';
import type { Clock } from '../db/time';
import { seededRandom } from '../demo/random';
import { createServices } from '../services/create-services';
import { simulateCall, type SimulatedCall } from './call-outcomes';

export interface SimulateOptions {
  campaignId: number;
  /** Dial attempts per simulated minute. */
  ratePerMinute: number;
  /** How long to run, in wall-clock seconds. */
  durationSeconds: number;
  /** Simulated seconds per wall-clock second. */
  speedup: number;
  /** Simulated start time (default: now). */
  startAt?: Date;
  seed?: number;
  /** Called about twice a second with the running counts. */
  onTick?: (counts: SimulationCounts) => void;
  /** Checked every tick: stop early (Ctrl-C). */
  shouldStop?: () => boolean;
}

export interface SimulationCounts {
  campaign_id: number;
  sim_now: string;
  claimed: number;
  recorded: number;
  in_flight: number;
  queued: number;
  fills: number;
  leads_added: number;
  status_changes: number;
  requeued: number;
  compliance_incidents: number;
  errors: number;
  /** Ticks on which the dialer wanted a lead and the hopper had none it may call now. */
  starved_ticks: number;
  by_outcome: Partial<Record<Status, number>>;
}

export interface SimulationSummary extends SimulationCounts {
  started_at: string;
  ended_at: string;
  wall_seconds: number;
  last_error: string | null;
}

interface InFlight {
  lead: ClaimedLead;
  call: SimulatedCall;
  startedAt: number;
  endsAt: number;
  uuid: string;
}

const TICK_MS = 100;
const FILL_EVERY_SIM_MS = 60_000;

export async function runSimulation(handle: DbHandle, options: SimulateOptions): Promise<SimulationSummary> {
  const wallStart = Date.now();
  const simStart = (options.startAt ?? new Date()).getTime();
  const simNow = () => simStart + (Date.now() - wallStart) * options.speedup;
  const clock: Clock = () => new Date(simNow());
  const { hopper } = createServices(handle, clock);
  const rand = seededRandom(options.seed ?? 1);
  const runId = `${new Date(simStart).toISOString().replace(/\D/g, '').slice(0, 14)}-${Math.floor(rand() * 1e6).toString(36)}`;
  const counts: SimulationCounts = {
    campaign_id: options.campaignId,
    sim_now: new Date(simStart).toISOString(),
    claimed: 0,
    recorded: 0,
    in_flight: 0,
    queued: 0,
    fills: 0,
    leads_added: 0,
    status_changes: 0,
    requeued: 0,
    compliance_incidents: 0,
    errors: 0,
    starved_ticks: 0,
    by_outcome: {},
  };
  let lastError: string | null = null;
  const inFlight: InFlight[] = [];
  let nextFill = simStart;
  let starved = false;
  let seq = 0;

  const record = async (f: InFlight) => {
    try {
      const r = await hopper.recordDialAttempt({
        call_uuid: f.uuid,
        lead_id: f.lead.lead_id,
        campaign_id: f.lead.campaign_id,
        started_at: new Date(f.startedAt).toISOString(),
        ended_at: new Date(f.endsAt).toISOString(),
        duration_seconds: f.call.seconds,
        result: f.call.result,
        hangup_cause: f.call.hangup_cause,
        agent: f.call.talk_seconds > 0 ? 'sim-agent' : null,
      });
      counts.recorded += 1;
      counts.by_outcome[f.call.outcome] = (counts.by_outcome[f.call.outcome] ?? 0) + 1;
      if (r.status_changed) counts.status_changes += 1;
      if (r.requeued) counts.requeued += 1;
      counts.compliance_incidents += r.compliance_incidents;
    } catch (error) {
      counts.errors += 1;
      lastError = (error as Error).message;
    }
  };

  const deadline = wallStart + options.durationSeconds * 1000;
  let lastTick = 0;
  while (Date.now() < deadline && !options.shouldStop?.()) {
    const now = simNow();
    // Like a real dialer's hopper job: every simulated minute, and as soon as the dialer runs dry.
    if (now >= nextFill || starved) {
      const fill = await hopper.fill(options.campaignId);
      counts.fills += 1;
      counts.leads_added += fill.added;
      counts.queued = fill.queued_after;
      nextFill = now + FILL_EVERY_SIM_MS;
    }
    // Dials due so far at the steady rate, minus those already placed.
    const due = Math.floor(((now - simStart) / 60_000) * options.ratePerMinute) + 1 - counts.claimed;
    if (due > 0) {
      const claimed = await hopper.claim(options.campaignId, Math.min(due, 500));
      starved = claimed.length < due;
      if (starved) counts.starved_ticks += 1;
      for (const lead of claimed) {
        const call = simulateCall(rand);
        const startedAt = Date.parse(lead.claimed_at);
        inFlight.push({ lead, call, startedAt, endsAt: startedAt + call.seconds * 1000, uuid: `sim-${runId}-${++seq}` });
      }
      counts.claimed += claimed.length;
      counts.queued = Math.max(0, counts.queued - claimed.length);
    }
    const finished = inFlight.filter((f) => f.endsAt <= simNow());
    for (const f of finished) {
      inFlight.splice(inFlight.indexOf(f), 1);
      await record(f);
    }
    counts.in_flight = inFlight.length;
    counts.sim_now = new Date(simNow()).toISOString();
    if (Date.now() - lastTick >= 500) {
      lastTick = Date.now();
      options.onTick?.({ ...counts, by_outcome: { ...counts.by_outcome } });
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  // Hang up what is still ringing: its result is reported, so no lead is left `dialing`.
  for (const f of inFlight.splice(0)) await record(f);
  counts.in_flight = 0;
  const stats = await hopper.stats(options.campaignId);
  counts.queued = stats.queued;
  counts.sim_now = new Date(simNow()).toISOString();
  options.onTick?.({ ...counts });
  return {
    ...counts,
    started_at: new Date(simStart).toISOString(),
    ended_at: counts.sim_now,
    wall_seconds: Math.round((Date.now() - wallStart) / 100) / 10,
    last_error: lastError,
  };
}
