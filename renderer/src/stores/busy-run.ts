// One action of a screen at a time: `busy` while it runs, its error shown (never swallowed).
import type { AppStore } from './app-store';

export function busyRunner(app: AppStore, set: (partial: { busy: boolean }) => void) {
  return async (context: string, fn: () => Promise<void>): Promise<void> => {
    set({ busy: true });
    try {
      await fn();
    } catch (err) {
      app.getState().reportError(context, err);
    } finally {
      set({ busy: false });
    }
  };
}
