// Push events from main to whoever listens (the Electron window, browser-mode event streams).
import type { PushEvent, PushEvents } from '../../shared/ipc/contract';

export type PushListener = <E extends PushEvent>(event: E, payload: PushEvents[E]) => void;

export class PushEventBus {
  private readonly listeners = new Set<PushListener>();

  /** How many listen (windows, event streams): nothing is pushed, or read for pushing, when none does. */
  get size(): number {
    return this.listeners.size;
  }

  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends PushEvent>(event: E, payload: PushEvents[E]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, payload);
      } catch {
        // A closed window or stream must not stop the others from hearing the event.
      }
    }
  }
}
