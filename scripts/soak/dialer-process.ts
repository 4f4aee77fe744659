// The simulated dialer: places `callsPerSecond` dial attempts a second over the active campaigns
// (claims from the hopper), "rings" each for 0.3–6 s, and reports each result through
// hopper.recordDialAttempt, the service the dialer path (`record-call`, the simulator) uses. It
// fills a campaign's hopper itself when a claim comes back short, as a dialer's own hopper job
// would. It checks that no lead is handed to it again while it still holds it from an earlier
// claim (a lead queued twice), and reports every error a call met.
import type { ClaimedLead } from '../../shared/types/hopper';
import { openDatabase } from '../../main/db/open-database';
import { toBool } from '../../main/db/schema';
import { seededRandom } from '../../main/demo/random';
import { createServices } from '../../main/services/create-services';
import { simulateCall } from '../../main/simulator/call-outcomes';
import { Latencies } from './latency';
import { childConfig, offsetClock, type DialerMessage, type DialerSummary, type ParentMessage } from './protocol';

const TICK_MS = 100;
const MAX_KEPT_ERRORS = 50;

const config = childConfig();
const clock = offsetClock(config.clockOffsetMs);
const send = (message: DialerMessage) => process.send!(message);

async function main(): Promise<void> {
  const handle = await openDatabase({ kind: 'postgres', url: config.databaseUrl }, { poolSize: 8 });
  const { hopper } = createServices(handle, clock);
  const campaigns = (await handle.db.selectFrom('campaigns').select(['id', 'active']).orderBy('id').execute()).filter((c) => toBool(c.active)).map((c) => c.id);
  const rand = seededRandom(config.index + 1);
  const latency = new Latencies();
  const summary: DialerSummary = { dialing_seconds: 0, claimed: 0, recorded: 0, fills: 0, starved_ticks: 0, double_claims: [], errors: [], latency: {}, status_changes: 0, requeued: 0 };
  let errorCount = 0;
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
    const t0 = performance.now();
    try {
      return await work();
    } catch (error) {
      errorCount += 1;
      if (summary.errors.length < MAX_KEPT_ERRORS) summary.errors.push({ call: name, message: String((error as Error)?.message ?? error).split('\n')[0] });
      return undefined;
    } finally {
      latency.add(name, performance.now() - t0);
    }
  };

  // Leads claimed whose result has not been sent yet, and the timers that will send it.
  const held = new Map<number, { timer: NodeJS.Timeout; now: () => void }>();
  const recording = new Set<Promise<void>>();
  let seq = 0;
  const hangUp = (lead: ClaimedLead) => {
    const call = simulateCall(rand);
    const uuid = `soak-${config.index}-${++seq}`;
    const result = async () => {
      held.delete(lead.lead_id);
      const r = await timed('recordDialAttempt', () =>
        hopper.recordDialAttempt({
          call_uuid: uuid,
          lead_id: lead.lead_id,
          campaign_id: lead.campaign_id,
          started_at: lead.claimed_at,
          ended_at: clock().toISOString(),
          duration_seconds: call.seconds,
          result: call.result,
          hangup_cause: call.hangup_cause,
          agent: call.talk_seconds > 0 ? 'soak-agent' : null,
        }),
      );
      if (r) {
        summary.recorded += 1;
        if (r.status_changed) summary.status_changes += 1;
        if (r.requeued) summary.requeued += 1;
      }
    };
    const run = () => {
      const p = result();
      recording.add(p);
      void p.finally(() => recording.delete(p));
    };
    const ringMs = 300 + (Math.min(call.seconds, 60) / 60) * 5700;
    held.set(lead.lead_id, { timer: setTimeout(run, ringMs), now: run });
  };

  let stopping = false;
  const startedAt = Date.now();
  const perCampaign = (config.callsPerSecond ?? 50) / Math.max(1, campaigns.length);
  const placed = new Map<number, number>(campaigns.map((c) => [c, 0]));
  const lastFill = new Map<number, number>();

  const tick = async () => {
    for (const campaignId of campaigns) {
      // Calls due at the steady rate since the start; a slot the hopper could not serve is lost,
      // not made up later in a burst.
      const slots = Math.floor(((Date.now() - startedAt) / 1000) * perCampaign);
      const due = slots - placed.get(campaignId)!;
      if (due <= 0) continue;
      placed.set(campaignId, slots);
      const leads = (await timed('claim', () => hopper.claim(campaignId, Math.min(due, 500)))) ?? [];
      for (const lead of leads) {
        if (held.has(lead.lead_id)) summary.double_claims.push({ lead_id: lead.lead_id, at: clock().toISOString() });
        else hangUp(lead);
      }
      summary.claimed += leads.length;
      if (leads.length < due) {
        summary.starved_ticks += 1;
        if (Date.now() - (lastFill.get(campaignId) ?? 0) > 2000) {
          lastFill.set(campaignId, Date.now());
          summary.fills += 1;
          await timed('fill', () => hopper.fill(campaignId));
        }
      }
    }
  };

  const loop = (async () => {
    while (!stopping) {
      const t0 = Date.now();
      await tick();
      await new Promise((r) => setTimeout(r, Math.max(0, TICK_MS - (Date.now() - t0))));
    }
  })();

  process.on('message', (message: ParentMessage) => {
    if (message.type !== 'stop') return;
    stopping = true;
    void (async () => {
      await loop;
      summary.dialing_seconds = Math.round((Date.now() - startedAt) / 100) / 10;
      // Hang up every call still ringing: its result is reported, so no lead is left `dialing`.
      for (const h of [...held.values()]) {
        clearTimeout(h.timer);
        h.now();
      }
      while (recording.size > 0) await Promise.allSettled([...recording]);
      await handle.close();
      summary.latency = latency.summary();
      if (errorCount > summary.errors.length) summary.errors.push({ call: 'more', message: `${errorCount - summary.errors.length} more errors` });
      send({ type: 'stopped', summary });
      process.disconnect();
    })();
  });
  send({ type: 'ready' });
}

main().catch((error) => {
  process.stderr.write(`soak dialer failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
