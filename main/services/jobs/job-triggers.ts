// What wakes the scheduler up. In the app and `run-jobs`, node-schedule fires every few seconds
// (on whole seconds, so a tick at 10:05:00 is seen at 10:05:00); the scheduler then asks the
// settings and the clock which job ticks are due. Tests use a manual trigger and call
// `tick(now)` themselves, so no test waits for real minutes.
import schedule from 'node-schedule';

export interface JobTrigger {
  /** Starts calling `onTick`; returns the function that stops it. */
  start(onTick: () => void): () => void;
}

export function nodeScheduleTrigger(everySeconds = 5): JobTrigger {
  const step = Math.min(30, Math.max(1, Math.floor(everySeconds)));
  return {
    start(onTick) {
      const job = schedule.scheduleJob(`*/${step} * * * * *`, () => onTick());
      return () => job?.cancel();
    },
  };
}

/** Never fires by itself: the caller drives the scheduler with `tick(now)`. */
export const manualTrigger: JobTrigger = { start: () => () => undefined };
