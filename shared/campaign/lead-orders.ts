// Lead orders (domain.md "Campaign settings and per-status recycle rules"): which eligible lead
// the hopper takes first, after dropped leads and due callbacks. Shared by the hopper, the CLI and
// the Campaign screen.

export const LEAD_ORDERS = ['default', 'down', 'up', 'down_count', 'up_count', 'down_last_call', 'up_last_call', 'random'] as const;
export type LeadOrder = (typeof LEAD_ORDERS)[number];

export const LEAD_ORDER_MEANING: Readonly<Record<LeadOrder, string>> = {
  default: 'never dialed, then longest since last dial',
  down: 'lowest id first (the order the list was loaded)',
  up: 'highest id first',
  down_count: 'fewest dial attempts first',
  up_count: 'most dial attempts first',
  down_last_call: 'never dialed first, then oldest last dial (same as default)',
  up_last_call: 'most recent last dial first, never dialed last',
  random: 'uniformly random, drawn anew each fill',
};

export function isLeadOrder(value: unknown): value is LeadOrder {
  return typeof value === 'string' && (LEAD_ORDERS as readonly string[]).includes(value);
}

/** A stored order the program does not know (a newer writer) is read as `default`. */
export function leadOrderOf(stored: string | null | undefined): LeadOrder {
  return isLeadOrder(stored) ? stored : 'default';
}

/** `new_every`: 0 is off; 2–6 put a `new` lead at every Nth place of a fill. */
export const NEW_EVERY_VALUES = [0, 2, 3, 4, 5, 6] as const;

/** Limits of a recycle rule (domain.md). */
export const RECYCLE_RULE_LIMITS = { delayMinutes: { min: 0, max: 43_200 }, maxAttempts: { min: 1, max: 100 } } as const;
