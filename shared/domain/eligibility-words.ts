// One lead's eligibility in plain words, for the Lead screen and `lead show` alike.
import type { ExclusionRule } from '../types/hopper';
import type { LeadEligibility } from '../types/leads';

/** Why one lead is not dialed now, as a supervisor would say it. */
export const LEAD_RULE_WORDS: Readonly<Record<ExclusionRule, string>> = {
  campaign_inactive: 'its campaign is turned off',
  list_inactive: 'its list is turned off',
  final_status: 'its status is final: it is never dialed again',
  problem_status: 'its status is blank or a word the catalogue does not know (fix it, or map the word)',
  not_recyclable_status: 'its status is not one this campaign dials',
  attempt_cap: 'it has reached the maximum number of dial attempts',
  retry_delay: 'it was dialed too recently: the retry delay has not passed',
  recycle_rule_cap: 'it has reached the maximum its status allows (the campaign\'s recycle rule)',
  recycle_rule_delay: 'it was dialed too recently for its status (the campaign\'s recycle rule delay)',
  dnc_phone: 'its phone is on the do-not-call list',
  outside_calling_hours: 'it is outside calling hours where the lead is',
  already_queued: 'it is already in the hopper, waiting for the dialer',
};

/** One sentence: eligible, or the first reason and when (or whether) that passes by itself. */
export function eligibilitySentence(e: LeadEligibility, when: (iso: string) => string = (iso) => iso): string {
  if (e.eligible) return 'Eligible now: the next hopper fill may queue it.';
  const why = `Not eligible now: ${LEAD_RULE_WORDS[e.rule!]}.`;
  // A final status is never among the dialable ones: saying so again adds nothing.
  const others = e.all_rules.slice(1).filter((r) => !(r === 'not_recyclable_status' && e.rule === 'final_status')).map((r) => LEAD_RULE_WORDS[r]);
  const also = others.length > 0 ? ` Also: ${others.join('; ')}.` : '';
  if (e.rule === 'already_queued') return `${why}${also}`;
  const next = e.next_eligible_at !== null ? ` It becomes eligible by itself at ${when(e.next_eligible_at)}.` : ' It will not become eligible by itself.';
  return `${why}${also}${next}`;
}
