// The shapes of leads in the demo: healthy histories and every problem docs/domain.md describes.
import type { Status } from '../../shared/catalogue';

export type Profile =
  | 'fresh'
  | 'worked'
  | 'recycled'
  | 'reset'
  | 'dialed_left_new'
  | 'dialed_left_null'
  | 'unapplied_calls'
  | 'alias'
  | 'unknown_word'
  | 'null_fresh'
  | 'final_late_call';

/** A list that went through the original failure: dialed leads kept `new` or NULL. */
export const BROKEN_LIST_PROFILES: Record<Profile, number> = {
  fresh: 6,
  worked: 8,
  recycled: 1,
  reset: 1,
  dialed_left_new: 52,
  dialed_left_null: 18,
  unapplied_calls: 6,
  alias: 4,
  unknown_word: 1,
  null_fresh: 2,
  final_late_call: 1,
};

export const HEALTHY_LIST_PROFILES: Record<Profile, number> = {
  fresh: 28,
  worked: 52,
  recycled: 4,
  reset: 3,
  dialed_left_new: 3,
  dialed_left_null: 1,
  unapplied_calls: 3,
  alias: 3,
  unknown_word: 0.5,
  null_fresh: 1,
  final_late_call: 1.5,
};

/** What a dialer reports, as a call-center mix. */
export const OUTCOMES: Record<Status, number> = {
  new: 0,
  no_answer: 36,
  busy: 8,
  failed: 5,
  congestion: 2,
  voicemail: 15,
  dropped: 3,
  contacted: 6,
  callback: 3,
  sale: 1.5,
  not_interested: 4,
  wrong_number: 1,
  invalid: 1.5,
  dnc: 0.5,
};

/** How dialers spell some results. */
export const DIALER_SPELLINGS: Partial<Record<Status, string[]>> = {
  no_answer: ['NA', 'N', 'no answer'],
  busy: ['B', 'AB'],
  voicemail: ['AM', 'AA', 'machine'],
  dropped: ['DROP', 'PDROP'],
  contacted: ['A', 'HUMAN'],
  callback: ['CALLBK'],
  sale: ['SALE'],
  not_interested: ['NI'],
  invalid: ['DC', 'ADC'],
  dnc: ['DNC', 'DNCL'],
};

/** A NULL result with a hangup cause the classifier reads. */
export const HANGUP_CAUSES: Partial<Record<Status, string[]>> = {
  busy: ['486', 'USER_BUSY', '17'],
  no_answer: ['480', 'NO_ANSWER', '19', '487'],
  congestion: ['503', 'NORMAL_CIRCUIT_CONGESTION', '34'],
  invalid: ['404', 'UNALLOCATED_NUMBER', '1'],
  failed: ['500', '31', '603'],
};

export const UNKNOWN_WORDS = ['XFER', 'HANGUP', 'LIVE', 'PU', 'ERI', 'QUEUE'];
