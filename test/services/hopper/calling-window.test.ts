import { describe, expect, it } from 'vitest';
import { insideWindow, isOpen, localMinutes, nextOpening, parseWindow } from '../../../main/services/hopper/calling-window';

const NINE_TO_NINE = parseWindow('09:00', '21:00')!;
const NY = 'America/New_York';

describe('calling window (pure, no database)', () => {
  it('parses HH:MM and refuses nonsense', () => {
    expect(parseWindow('09:00', '21:00')).toEqual({ start: 540, end: 1260 });
    expect(parseWindow('22:00', '24:00')).toEqual({ start: 1320, end: 1440 });
    expect(parseWindow('9am', '21:00')).toBeNull();
    expect(parseWindow('25:00', '21:00')).toBeNull();
  });

  it('is [start, end): open at the start minute, closed at the end minute; overnight windows wrap', () => {
    expect(insideWindow(NINE_TO_NINE, 540)).toBe(true);
    expect(insideWindow(NINE_TO_NINE, 1259)).toBe(true);
    expect(insideWindow(NINE_TO_NINE, 1260)).toBe(false);
    const night = parseWindow('22:00', '02:00')!;
    expect(insideWindow(night, 23 * 60)).toBe(true);
    expect(insideWindow(night, 60)).toBe(true);
    expect(insideWindow(night, 12 * 60)).toBe(false);
    expect(insideWindow(parseWindow('10:00', '10:00')!, 600)).toBe(false);
  });

  it('an invalid timezone is never open and never opens', () => {
    expect(localMinutes('Mars/Olympus_Mons', new Date())).toBeNull();
    expect(isOpen('Mars/Olympus_Mons', NINE_TO_NINE, new Date('2026-11-24T15:00:00Z'))).toBe(false);
    expect(nextOpening('Mars/Olympus_Mons', NINE_TO_NINE, new Date('2026-11-24T15:00:00Z'))).toBeNull();
    expect(isOpen('', NINE_TO_NINE, new Date('2026-11-24T15:00:00Z'))).toBe(false);
  });

  it('follows New York across the November DST change (2026-11-01, UTC-4 → UTC-5)', () => {
    // Saturday 09:30 EDT is open; Sunday 13:30Z is 08:30 EST, closed, although it was 09:30 the day before.
    expect(isOpen(NY, NINE_TO_NINE, new Date('2026-10-31T13:30:00Z'))).toBe(true);
    expect(isOpen(NY, NINE_TO_NINE, new Date('2026-11-01T13:30:00Z'))).toBe(false);
    expect(isOpen(NY, NINE_TO_NINE, new Date('2026-11-01T14:00:00Z'))).toBe(true);
    // From 01:30 EDT (the first of the two 01:30s) the window opens at 09:00 EST.
    expect(nextOpening(NY, NINE_TO_NINE, new Date('2026-11-01T05:30:00Z'))?.toISOString()).toBe('2026-11-01T14:00:00.000Z');
    // The end of the window moves too: 20:59 EST is 01:59Z on Nov 2.
    expect(isOpen(NY, NINE_TO_NINE, new Date('2026-11-02T01:59:00Z'))).toBe(true);
    expect(isOpen(NY, NINE_TO_NINE, new Date('2026-11-02T02:00:00Z'))).toBe(false);
  });

  it('follows New York across the March DST change (2026-03-08, UTC-5 → UTC-4)', () => {
    expect(isOpen(NY, NINE_TO_NINE, new Date('2026-03-07T13:30:00Z'))).toBe(false); // 08:30 EST
    expect(isOpen(NY, NINE_TO_NINE, new Date('2026-03-08T13:30:00Z'))).toBe(true); // 09:30 EDT
    expect(isOpen(NY, NINE_TO_NINE, new Date('2026-03-08T12:59:00Z'))).toBe(false); // 08:59 EDT
    expect(nextOpening(NY, NINE_TO_NINE, new Date('2026-03-08T05:00:00Z'))?.toISOString()).toBe('2026-03-08T13:00:00.000Z');
    // A window that starts inside the skipped hour opens at the first minute after it.
    const early = parseWindow('02:30', '21:00')!;
    expect(nextOpening(NY, early, new Date('2026-03-08T06:00:00Z'))?.toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });
});
