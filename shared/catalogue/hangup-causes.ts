// Classifies a call whose `result` is NULL from its hangup cause (docs/domain.md "Status catalogue").
import type { Status } from './statuses';

// The usual Q.850 cause names (FreeSWITCH / Asterisk spelling) and their numbers. Exported, like
// the two class tables, for the SQL form of this rule (main/services/problems/problem-sql-words.ts).
export const Q850_NAMES: Readonly<Record<string, number>> = {
  UNALLOCATED_NUMBER: 1,
  NO_ROUTE_TRANSIT_NET: 2,
  NO_ROUTE_DESTINATION: 3,
  CHANNEL_UNACCEPTABLE: 6,
  CALL_AWARDED_DELIVERED: 7,
  NORMAL_CLEARING: 16,
  USER_BUSY: 17,
  NO_USER_RESPONSE: 18,
  NO_ANSWER: 19,
  SUBSCRIBER_ABSENT: 20,
  CALL_REJECTED: 21,
  NUMBER_CHANGED: 22,
  REDIRECTION_TO_NEW_DESTINATION: 23,
  EXCHANGE_ROUTING_ERROR: 25,
  DESTINATION_OUT_OF_ORDER: 27,
  INVALID_NUMBER_FORMAT: 28,
  FACILITY_REJECTED: 29,
  RESPONSE_TO_STATUS_ENQUIRY: 30,
  NORMAL_UNSPECIFIED: 31,
  NORMAL_CIRCUIT_CONGESTION: 34,
  NETWORK_OUT_OF_ORDER: 38,
  NORMAL_TEMPORARY_FAILURE: 41,
  SWITCH_CONGESTION: 42,
  ACCESS_INFO_DISCARDED: 43,
  REQUESTED_CHAN_UNAVAIL: 44,
  PRE_EMPTED: 45,
  FACILITY_NOT_SUBSCRIBED: 50,
  OUTGOING_CALL_BARRED: 52,
  INCOMING_CALL_BARRED: 54,
  BEARERCAPABILITY_NOTAUTH: 57,
  BEARERCAPABILITY_NOTAVAIL: 58,
  SERVICE_UNAVAILABLE: 63,
  BEARERCAPABILITY_NOTIMPL: 65,
  CHAN_NOT_IMPLEMENTED: 66,
  FACILITY_NOT_IMPLEMENTED: 69,
  SERVICE_NOT_IMPLEMENTED: 79,
  INVALID_CALL_REFERENCE: 81,
  INCOMPATIBLE_DESTINATION: 88,
  INVALID_MSG_UNSPECIFIED: 95,
  MANDATORY_IE_MISSING: 96,
  MESSAGE_TYPE_NONEXIST: 97,
  WRONG_MESSAGE: 98,
  IE_NONEXIST: 99,
  INVALID_IE_CONTENTS: 100,
  WRONG_CALL_STATE: 101,
  RECOVERY_ON_TIMER_EXPIRE: 102,
  MANDATORY_IE_LENGTH_ERROR: 103,
  PROTOCOL_ERROR: 111,
  INTERWORKING: 127,
};

export const SIP_CLASS: ReadonlyMap<number, Status> = new Map<number, Status>([
  [486, 'busy'],
  [600, 'busy'],
  [408, 'no_answer'],
  [480, 'no_answer'],
  [487, 'no_answer'],
  [503, 'congestion'],
  [404, 'invalid'],
  [410, 'invalid'],
  [484, 'invalid'],
  [604, 'invalid'],
]);

export const Q850_CLASS: ReadonlyMap<number, Status> = new Map<number, Status>([
  [17, 'busy'],
  [18, 'no_answer'],
  [19, 'no_answer'],
  [34, 'congestion'],
  [38, 'congestion'],
  [41, 'congestion'],
  [42, 'congestion'],
  [44, 'congestion'],
  [1, 'invalid'],
  [3, 'invalid'],
  [22, 'invalid'],
  [28, 'invalid'],
]);

export type HangupCause =
  | { kind: 'sip'; code: number }
  | { kind: 'q850'; code: number }
  | { kind: 'none' }
  | { kind: 'unrecognised'; raw: string };

/**
 * Reads a stored hangup cause. Accepts a bare number (up to 127 is Q.850, 400-699 SIP),
 * a number with a `SIP`/`Q850`/`Q.850` prefix, or a Q.850 cause name.
 */
export function parseHangupCause(raw: string | number | null | undefined): HangupCause {
  if (raw === null || raw === undefined) return { kind: 'none' };
  const text = String(raw).trim().toUpperCase();
  if (text === '') return { kind: 'none' };
  const prefixed = /^(SIP|Q\.?850)[\s:/_-]*(\d{1,3})$/.exec(text);
  if (prefixed) {
    const code = Number(prefixed[2]);
    return prefixed[1] === 'SIP' ? { kind: 'sip', code } : { kind: 'q850', code };
  }
  if (/^\d{1,3}$/.test(text)) {
    const code = Number(text);
    if (code <= 127) return { kind: 'q850', code };
    if (code >= 400 && code <= 699) return { kind: 'sip', code };
    return { kind: 'unrecognised', raw: text };
  }
  const named = Q850_NAMES[text];
  if (named !== undefined) return { kind: 'q850', code: named };
  return { kind: 'unrecognised', raw: text };
}

/** The status a hangup cause stands for. Anything unrecognised, or nothing at all, is `failed`. */
export function classifyHangupCause(raw: string | number | null | undefined): Status {
  const cause = parseHangupCause(raw);
  if (cause.kind === 'sip') return SIP_CLASS.get(cause.code) ?? 'failed';
  if (cause.kind === 'q850') return Q850_CLASS.get(cause.code) ?? 'failed';
  return 'failed';
}
