// What bench/run.ts asks one child process to measure (bench/child.ts): apart from both, so that
// the child and the operations it runs (dial-throughput.ts) import it without importing each other.
import type { BenchProfile } from './args';
import type { BaseRef } from './databases';

export interface ChildJob {
  op: string;
  base: BaseRef;
  leads: number;
  quick: boolean;
  slot: string;
  /** Which operations list the op is in (uniform when absent). */
  profile?: BenchProfile;
}
