// Answers that arrive after the supervisor moved on (another list, another campaign, another
// choice) must not overwrite what is on screen: every request carries the generation it was made
// in, and only answers of the latest generation are applied.
export interface Latest {
  /** Start a new generation: answers still on their way are dropped when they arrive. */
  restart(): void;
  /** Run `fetch`; apply its answer, or throw its failure, only when no restart happened meanwhile. */
  run<T>(fetch: () => Promise<T>, apply: (value: T) => void): Promise<void>;
}

export function latestOnly(): Latest {
  let generation = 0;
  return {
    restart() {
      generation += 1;
    },
    async run(fetch, apply) {
      const mine = generation;
      let value;
      try {
        value = await fetch();
      } catch (err) {
        // A failure for something no longer shown is as stale as its answer.
        if (mine === generation) throw err;
        return;
      }
      if (mine === generation) apply(value);
    },
  };
}

export interface KeyedLoaderOptions<K, T> {
  /** What is loaded, for error messages: "the list" gives "Loading the list", "Refreshing the list". */
  what: string;
  /** The key the store shows now (null before the first load). */
  key(): K | null;
  /** A new key: store it, clear what belonged to the old one, and say loading. */
  start(key: K): void;
  fetch(key: K): Promise<T>;
  apply(value: T): void;
  setLoading(loading: boolean): void;
  report(context: string, err: unknown): void;
}

/** `load(key)` and `refresh()` for a store that shows one thing at a time (a list, a campaign). */
export function keyedLoader<K, T>(o: KeyedLoaderOptions<K, T>) {
  const latest = latestOnly();
  const fetchFor = (key: K) => latest.run(() => o.fetch(key), o.apply);
  return {
    async load(key: K): Promise<void> {
      latest.restart();
      o.start(key);
      try {
        await fetchFor(key);
      } catch (err) {
        o.report(`Loading ${o.what}`, err);
      } finally {
        if (o.key() === key) o.setLoading(false);
      }
    },
    async refresh(): Promise<void> {
      const key = o.key();
      if (key === null) return;
      try {
        await fetchFor(key);
      } catch (err) {
        o.report(`Refreshing ${o.what}`, err);
      }
    },
  };
}
