// What a simulated dial looks like: an outcome from the demo's call-center mix, spelled the way
// dialers spell it (aliases, bare hangup causes), with a realistic ring and talk time.
import type { Status } from '../../shared/catalogue';
import { DIALER_SPELLINGS, HANGUP_CAUSES, OUTCOMES } from '../demo/demo-profiles';
import { pick, weighted } from '../demo/random';

export interface SimulatedCall {
  outcome: Status;
  result: string | null;
  hangup_cause: string | null;
  /** Seconds from dial to hang-up, in simulated time. */
  seconds: number;
  /** Seconds of conversation (0 when nobody talked). */
  talk_seconds: number;
}

/** [ring min, ring max, talk min, talk max] in seconds. */
const TIMING: Record<Status, [number, number, number, number]> = {
  new: [1, 2, 0, 0],
  no_answer: [25, 40, 0, 0],
  busy: [2, 6, 0, 0],
  failed: [1, 3, 0, 0],
  congestion: [1, 3, 0, 0],
  voicemail: [10, 20, 15, 40],
  dropped: [5, 15, 2, 5],
  contacted: [5, 15, 60, 300],
  callback: [5, 15, 60, 180],
  sale: [5, 15, 300, 900],
  not_interested: [5, 15, 20, 90],
  wrong_number: [5, 15, 10, 30],
  invalid: [1, 4, 0, 0],
  dnc: [5, 15, 10, 40],
};

export function simulateCall(rand: () => number): SimulatedCall {
  const outcome = weighted(rand, OUTCOMES);
  const [r0, r1, t0, t1] = TIMING[outcome];
  const ring = r0 + rand() * (r1 - r0);
  const talk = t0 + rand() * (t1 - t0);
  let result: string | null = outcome;
  let hangup_cause: string | null = null;
  const r = rand();
  const causes = HANGUP_CAUSES[outcome];
  const spellings = DIALER_SPELLINGS[outcome];
  if (causes && r < 0.15) {
    result = null;
    hangup_cause = pick(rand, causes);
  } else if (spellings && r < 0.3) {
    result = pick(rand, spellings);
  }
  return { outcome, result, hangup_cause, seconds: Math.round(ring + talk), talk_seconds: Math.round(talk) };
}
