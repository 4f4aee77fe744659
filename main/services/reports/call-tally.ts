// Calls counted by outcome: each distinct stored (result, hangup cause) is classified once, as a
// call is applied (alias, then hangup cause), and its count added. The SQL groups; this adds up
// a few dozen groups, never one row per call.
import { classifyCallResult, isAnswered, type SavedAliases, type Status } from '../../../shared/catalogue';
import type { AbandonRate, OutcomeMix } from '../../../shared/types/reports';

export class CallTally {
  calls = 0;
  answered = 0;
  dropped = 0;
  private readonly mix = new Map<Status, number>();
  private readonly seen = new Map<string, Status>();

  constructor(private readonly saved?: SavedAliases) {}

  add(result: string | null, hangupCause: string | null, n: number): Status {
    const key = `${result ?? '\u0000'}\u0001${hangupCause ?? '\u0000'}`;
    let outcome = this.seen.get(key);
    if (outcome === undefined) {
      outcome = classifyCallResult(result, hangupCause, this.saved);
      this.seen.set(key, outcome);
    }
    this.calls += n;
    if (isAnswered(outcome)) this.answered += n;
    if (outcome === 'dropped') this.dropped += n;
    this.mix.set(outcome, (this.mix.get(outcome) ?? 0) + n);
    return outcome;
  }

  /** Most calls first (ties by name), so the JSON and the CSV read in the same order. */
  outcomes(): OutcomeMix {
    return Object.fromEntries([...this.mix].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
  }

  /** dropped ÷ (answered + dropped); null when there is neither. */
  abandonRate(): number | null {
    const base = this.answered + this.dropped;
    return base === 0 ? null : round(this.dropped / base);
  }

  /** Above 3% (the US telemarketing rule's limit), in whole numbers: exactly 3% is not flagged. */
  abandonFlag(): boolean {
    return this.dropped * 100 > 3 * (this.answered + this.dropped);
  }

  abandon(from: Date, to: Date): AbandonRate {
    return {
      abandon_rate_30d: this.abandonRate(),
      abandon_flag: this.abandonFlag(),
      abandon_30d: { dropped: this.dropped, answered: this.answered, from: from.toISOString(), to: to.toISOString() },
    };
  }
}

/** Six decimals: enough for a share, short in JSON. */
export const round = (x: number) => Math.round(x * 1e6) / 1e6;
