import { describe, expect, it } from 'vitest';
import {
  callMayChangeStatus,
  categoryOfStored,
  classifyCallResult,
  classifyHangupCause,
  normaliseStatus,
  readStatus,
  recycleRuleOf,
  STATUSES,
} from '../../shared/catalogue';
import { normalisePhone } from '../../shared/domain/phone';

describe('status catalogue', () => {
  it.each([
    ['NA', 'no_answer'], [' na ', 'no_answer'], ['N', 'no_answer'], ['no answer', 'no_answer'], ['No-Answer', 'no_answer'],
    ['noanswer', 'no_answer'], ['B', 'busy'], ['AB', 'busy'], ['DROP', 'dropped'], ['PDROP', 'dropped'], ['CONG', 'congestion'],
    ['AA', 'voicemail'], ['AM', 'voicemail'], ['AL', 'voicemail'], ['machine', 'voicemail'], ['answered', 'contacted'],
    ['A', 'contacted'], ['HUMAN', 'contacted'], ['CALLBK', 'callback'], ['CBHOLD', 'callback'], ['SALE', 'sale'],
    ['NI', 'not_interested'], ['WN', 'wrong_number'], ['WRONG', 'wrong_number'], ['DC', 'invalid'], ['ADC', 'invalid'],
    ['DISCONNECTED', 'invalid'], ['DNC', 'dnc'], ['DNCL', 'dnc'], ['NEW', 'new'], ['FAIL', 'failed'], ['ERROR', 'failed'],
  ])('alias %j → %s', (alias, status) => {
    expect(readStatus(alias)).toEqual({ form: 'alias', status });
  });

  it('reads catalogue words, blanks and unknown words', () => {
    for (const s of STATUSES) expect(readStatus(s)).toEqual({ form: 'catalogue', status: s });
    expect(readStatus(null).form).toBe('blank');
    expect(readStatus('').form).toBe('blank');
    expect(readStatus('   ').form).toBe('blank');
    expect(readStatus('XFER')).toEqual({ form: 'unknown', status: null });
    expect(readStatus('Sale')).toEqual({ form: 'alias', status: 'sale' });
    expect(normaliseStatus(' B ')).toBe('busy');
  });

  it('gives exact catalogue words their category and everything else problematic', () => {
    expect(categoryOfStored('no_answer')).toBe('recyclable');
    expect(categoryOfStored('dropped')).toBe('recyclable');
    expect(categoryOfStored('new')).toBe('fresh');
    expect(categoryOfStored('callback')).toBe('worked');
    expect(categoryOfStored('dnc')).toBe('final');
    expect(categoryOfStored('NA')).toBe('problematic');
    expect(categoryOfStored(null)).toBe('problematic');
    expect(categoryOfStored('XFER')).toBe('problematic');
  });

  it.each([
    ['486', 'busy'], ['600', 'busy'], ['17', 'busy'], ['USER_BUSY', 'busy'], ['SIP 486', 'busy'],
    ['408', 'no_answer'], ['480', 'no_answer'], ['487', 'no_answer'], ['18', 'no_answer'], ['19', 'no_answer'], ['NO_ANSWER', 'no_answer'], ['NO_USER_RESPONSE', 'no_answer'],
    ['503', 'congestion'], ['34', 'congestion'], ['38', 'congestion'], ['41', 'congestion'], ['42', 'congestion'], ['44', 'congestion'], ['NORMAL_CIRCUIT_CONGESTION', 'congestion'],
    ['404', 'invalid'], ['410', 'invalid'], ['484', 'invalid'], ['604', 'invalid'], ['1', 'invalid'], ['3', 'invalid'], ['22', 'invalid'], ['28', 'invalid'], ['UNALLOCATED_NUMBER', 'invalid'],
    ['500', 'failed'], ['403', 'failed'], ['699', 'failed'], ['16', 'failed'], ['127', 'failed'], ['NORMAL_CLEARING', 'failed'],
    [null, 'failed'], ['', 'failed'], ['gibberish', 'failed'], ['200', 'failed'], ['9999', 'failed'],
  ])('hangup cause %j → %s', (cause, status) => {
    expect(classifyHangupCause(cause)).toBe(status);
  });

  it('classifies call results: alias first, hangup cause for NULL, unknown and new', () => {
    expect(classifyCallResult('NA', '486')).toBe('no_answer');
    expect(classifyCallResult(null, '486')).toBe('busy');
    expect(classifyCallResult('XFER', '503')).toBe('congestion');
    expect(classifyCallResult('new', null)).toBe('failed');
    expect(classifyCallResult(null, null)).toBe('failed');
  });

  it('protects final statuses: only dnc may follow, dnc never changes', () => {
    expect(callMayChangeStatus('no_answer', 'sale')).toBe(true);
    expect(callMayChangeStatus(null, 'busy')).toBe(true);
    expect(callMayChangeStatus('sale', 'no_answer')).toBe(false);
    expect(callMayChangeStatus('sale', 'dnc')).toBe(true);
    expect(callMayChangeStatus('dnc', 'sale')).toBe(false);
    expect(callMayChangeStatus('dnc', 'dnc')).toBe(false);
    // A recycle: dnc (any spelling) never moves, other finals need an override, the rest moves.
    expect(recycleRuleOf('dnc')).toBe('never');
    expect(recycleRuleOf('DNCL')).toBe('never');
    expect(recycleRuleOf('sale')).toBe('needs_override');
    expect(recycleRuleOf(' SALE ')).toBe('needs_override');
    expect(recycleRuleOf('no_answer')).toBe('allowed');
    expect(recycleRuleOf(null)).toBe('allowed');
  });

  it('normalises phones to digits with a leading +', () => {
    expect(normalisePhone('+1 (212) 555-0134')).toBe('+12125550134');
    expect(normalisePhone(' 212.555.0134 ')).toBe('2125550134');
    expect(normalisePhone('')).toBe('');
  });
});
