// The one check of a campaign change, field by field (domain.md, second part): used by the
// service before it writes anything and by the Campaign screen for inline messages. Pure: takes
// what a caller sent, returns the clean patch or every problem with the field it belongs to.
import { FINAL_STATUSES, isStatus, type Status } from '../catalogue/statuses';
import type { CampaignPatch, FieldProblem } from '../types/campaign';
import { LEAD_ORDERS, NEW_EVERY_VALUES, RECYCLE_RULE_LIMITS, isLeadOrder } from './lead-orders';

export const SETTING_LIMITS = {
  retry_delay_minutes: { min: 0, max: 43_200 },
  dropped_retry_delay_minutes: { min: 0, max: 43_200 },
  max_dial_attempts: { min: 1, max: 100 },
  hopper_target: { min: 0, max: 10_000 },
  agent_callback_minutes: { min: 0, max: 43_200 },
} as const;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
// A typo is echoed so the supervisor sees it; anything else (quotes, SQL, markup) is only
// described: an error message must never carry pasted code back to the screen or the log.
const shown = (v: unknown) => {
  if (typeof v !== 'string') return String(v);
  if (/^[\p{L}\p{N} _.:/+-]*$/u.test(v)) return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return `a text of ${v.length} characters that is not one`;
};

export function isValidTimezoneName(name: string): boolean {
  if (name.trim() === '' || name !== name.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function wholeIn(value: unknown, { min, max }: { min: number; max: number }, unit: string): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return `must be a whole number of ${unit} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got ${shown(value)})`;
  }
  return null;
}

export interface Checked {
  patch: CampaignPatch;
  problems: FieldProblem[];
}

/** Checks every field present in `input`; an unknown field is a problem too. */
export function checkCampaignPatch(input: Record<string, unknown>): Checked {
  const patch: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue;
    switch (field) {
      case 'name': {
        const name = typeof value === 'string' ? value.trim() : '';
        if (name === '' || name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) bad(field, `must be 1 to 100 characters, no control characters (got ${shown(value)})`);
        else patch.name = name;
        break;
      }
      case 'active':
        if (typeof value !== 'boolean') bad(field, `must be true or false (got ${shown(value)})`);
        else patch.active = value;
        break;
      case 'retry_delay_minutes':
      case 'dropped_retry_delay_minutes':
      case 'max_dial_attempts':
      case 'hopper_target':
      case 'agent_callback_minutes': {
        const unit = field === 'max_dial_attempts' ? 'attempts' : field === 'hopper_target' ? 'leads' : 'minutes';
        const problem = wholeIn(value, SETTING_LIMITS[field], unit);
        if (problem) bad(field, problem);
        else patch[field] = value;
        break;
      }
      case 'recyclable_statuses': {
        const words = Array.isArray(value) ? value.map((w) => (typeof w === 'string' ? w.trim() : w)) : null;
        if (!words) {
          bad(field, 'must be a list of statuses');
          break;
        }
        const unknown = words.filter((w) => !isStatus(w));
        const finals = words.filter((w) => isStatus(w) && FINAL_STATUSES.includes(w as Status));
        if (unknown.length > 0) bad(field, `${unknown.map(shown).join(', ')} ${unknown.length === 1 ? 'is not a status' : 'are not statuses'} of the catalogue`);
        else if (finals.length > 0) bad(field, `a final status is never recycled (${finals.join(', ')})`);
        else patch.recyclable_statuses = [...new Set(words as string[])];
        break;
      }
      case 'call_window_start':
      case 'call_window_end':
        if (typeof value !== 'string' || !HH_MM.test(value)) bad(field, `must be a time HH:MM, 00:00 to 23:59 (got ${shown(value)})`);
        else patch[field] = value;
        break;
      case 'timezone':
        if (typeof value !== 'string' || !isValidTimezoneName(value)) bad(field, `must be an IANA timezone such as America/New_York (got ${shown(value)})`);
        else patch.timezone = value;
        break;
      case 'lead_order':
        if (!isLeadOrder(value)) bad(field, `must be one of ${LEAD_ORDERS.join(', ')} (got ${shown(value)})`);
        else patch.lead_order = value;
        break;
      case 'new_every':
        if (!(NEW_EVERY_VALUES as readonly unknown[]).includes(value)) bad(field, `must be 0 (off) or a whole number from 2 to 6 (got ${shown(value)})`);
        else patch.new_every = value as number;
        break;
      default:
        bad(field, 'is not a campaign setting');
    }
  }
  return { patch: patch as CampaignPatch, problems };
}

/** The window as a whole: its start before its end, once both ends are known to be times. */
export function checkWindow(start: string, end: string): FieldProblem | null {
  if (!HH_MM.test(start) || !HH_MM.test(end)) return null;
  return minutesOf(start) < minutesOf(end) ? null : { field: 'call_window_start', message: `the call window must start before it ends (${start}–${end})` };
}

export function checkRecycleRule(input: { status: unknown; delay_minutes: unknown; max_attempts: unknown }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isStatus(input.status)) problems.push({ field: 'status', message: `must be a status of the catalogue (got ${shown(input.status)})` });
  else if (FINAL_STATUSES.includes(input.status) || input.status === 'new') problems.push({ field: 'status', message: `${input.status} is never recycled: a rule for it would do nothing` });
  const delay = wholeIn(input.delay_minutes, RECYCLE_RULE_LIMITS.delayMinutes, 'minutes');
  if (delay) problems.push({ field: 'delay_minutes', message: delay });
  const max = wholeIn(input.max_attempts, RECYCLE_RULE_LIMITS.maxAttempts, 'attempts');
  if (max) problems.push({ field: 'max_attempts', message: max });
  return problems;
}

/** One message for an error: every problem, each naming its field. */
export function problemsText(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('; ');
}
