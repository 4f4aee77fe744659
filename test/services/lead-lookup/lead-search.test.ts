import { beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../main/db/open-database';
import { fixedClock } from '../../../main/db/time';
import { createServices } from '../../../main/services/create-services';
import { searchLeads } from '../../../main/services/lead-lookup/lead-search';
import { planSearch } from '../../../main/services/lead-lookup/search-query';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeList } from '../../support/fixtures';

const clock = fixedClock(new Date('2026-11-24T15:00:00.000Z'));

async function person(h: DbHandle, list: number, phone: string, first: string | null, last: string | null): Promise<number> {
  const row = await h.db.insertInto('leads').values({ list_id: list, phone, first_name: first, last_name: last }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

describe('reading a search', () => {
  it.each([
    ['#12', { id: 12, searched: ['id'] }],
    ['id:7', { id: 7, searched: ['id'] }],
    ['12', { id: 12, phoneSuffix: null, searched: ['id'] }],
    ['4567', { id: 4567, phoneSuffix: '4567', searched: ['id', 'phone'] }],
    ['+1 (212) 555-0101', { id: null, phoneSuffix: '12125550101', searched: ['phone'] }],
    ['555.0101', { id: null, phoneSuffix: '5550101', searched: ['phone'] }],
  ])('%j', (text, expected) => {
    expect(planSearch(text)).toMatchObject(expected);
  });

  it('names: one word is a prefix of either name; two words are one exact and a prefix of the other', () => {
    expect(planSearch('smi').names).toEqual([
      { kind: 'prefix', column: 'first_name', prefix: 'smi' },
      { kind: 'prefix', column: 'last_name', prefix: 'smi' },
    ]);
    expect(planSearch('  Smith,  Jo ').names).toEqual([
      { kind: 'pair', exactColumn: 'first_name', exact: 'Smith', prefixColumn: 'last_name', prefix: 'Jo' },
      { kind: 'pair', exactColumn: 'last_name', exact: 'Smith', prefixColumn: 'first_name', prefix: 'Jo' },
    ]);
  });

  it.each([[''], ['   '], ['+1-2'], ['x'], ['#99999999999'], ['a'.repeat(201)]])('refuses %j with a clear message', (text) => {
    expect(() => planSearch(text)).toThrow(/lead id|phone|name|at most|not a lead id/);
  });
});

describeEachDialect('lead search', ({ h }) => {
  let list: number;
  let other: number;
  beforeEach(async () => {
    const campaign = await makeCampaign(h, 'Solar');
    list = await makeList(h, campaign, 'Main');
    other = await makeList(h, await makeCampaign(h, 'Winback'), 'Former');
  });
  const search = (q: string, o?: { limit?: number; beforeId?: number | null }) => createServices(h, clock).leads.search(q, o);
  const ids = async (q: string) => (await search(q)).leads.map((l) => l.id);

  it('by id, with its list, campaign, status and attempts', async () => {
    const a = await person(h, list, '+1 212 555 0101', 'Ann', 'Lee');
    await person(h, other, '+1 305 555 0102', 'Bob', 'Ray');
    const r = await search(`#${a}`);
    expect(r.leads).toEqual([
      expect.objectContaining({ id: a, list_id: list, list_name: 'Main', campaign_name: 'Solar', status: 'new', dial_attempts: 0, matched: ['id'] }),
    ]);
    expect(await ids('#999')).toEqual([]);
  });

  it('by phone in any spelling, and by a suffix of at least 4 digits', async () => {
    const a = await person(h, list, '+1 (212) 555-0101', 'Ann', 'Lee');
    const b = await person(h, other, '212.555.0101', 'Bob', 'Ray');
    const c = await person(h, list, '+44 20 7946 0958', 'Cy', 'Oh');
    expect(await ids('+12125550101')).toEqual([a]);
    expect(await ids('(212) 555 0101')).toEqual([b, a]);
    expect(await ids('555-0101')).toEqual([b, a]);
    expect(await ids('0101')).toEqual([b, a]);
    expect(await ids('0958')).toEqual([c]);
    expect(await ids('7946 0958')).toEqual([c]);
    expect(await ids('1234')).toEqual([]);
    // A phone key filled by the console (SQLite) after a dialer wrote the lead: found too.
    const d = await person(h, list, '0044 20 7946 0958', null, null);
    expect(await ids('0958')).toEqual([d, c]);
  });

  it('digits that are also an id match both, each says how', async () => {
    const leads: number[] = [];
    for (let i = 0; i < 3; i++) leads.push(await person(h, list, `+1 212 555 010${i}`, 'N', 'N'));
    const r = await search(String(leads[1]).padStart(4, '0'));
    // "0002" reads as the phone suffix 0002 and the id 2 (the digits as a number).
    expect(r.searched).toEqual(['id', 'phone']);
    const phoneOnly = await search('0101');
    expect(phoneOnly.leads.map((l) => l.matched)).toEqual([['phone']]);
  });

  it('by name prefix, case ignored, first or last, and "first last" / "last, first"', async () => {
    const smith = await person(h, list, '+1 212 555 0001', 'John', 'Smith');
    const smithers = await person(h, list, '+1 212 555 0002', 'Waylon', 'SMITHERS');
    const johnson = await person(h, other, '+1 212 555 0003', 'Mary', 'Johnson');
    await person(h, list, '+1 212 555 0004', null, null);
    expect(await ids('smi')).toEqual([smithers, smith]);
    expect(await ids('SMITH')).toEqual([smithers, smith]);
    expect(await ids('smithers')).toEqual([smithers]);
    expect(await ids('jo')).toEqual([johnson, smith]);
    expect(await ids('john smi')).toEqual([smith]);
    expect(await ids('Smith, Jo')).toEqual([smith]);
    expect(await ids('mary jo')).toEqual([johnson]);
    expect(await ids('zz')).toEqual([]);
    expect((await search('smi')).leads[0].matched).toEqual(['name']);
  });

  // Each read of lead-search.ts: the index's candidates sorted by the database (at most the walk's
  // span of them), a walk of the newest leads (more), and the index after all (a walk that finds
  // less than a page). The real span is 20,000; a span of 100 takes the same paths at this size.
  it.each([
    ['the index', undefined],
    ['a walk of the newest leads', 100],
  ])('pages newest first, whether few or many leads match (%s)', async (_how, walkSpan) => {
    const search = (q: string, o?: { limit?: number; beforeId?: number | null }) => searchLeads(h.db, h.dialect, q, o, walkSpan);
    // 2,100 leads named "Maria", every other one "Garcia".
    const rows = Array.from({ length: 2100 }, (_, i) => ({ list_id: list, phone: `+1 415 55${String(i).padStart(5, '0')}`, first_name: 'Maria', last_name: i % 2 === 0 ? 'Garcia' : 'Gomez' }));
    for (let i = 0; i < rows.length; i += 500) await h.db.insertInto('leads').values(rows.slice(i, i + 500)).execute();
    const all = (await h.db.selectFrom('leads').select('id').orderBy('id', 'desc').execute()).map((r) => r.id);
    for (const q of ['maria', 'gar', 'maria g']) {
      const expected = all.filter((_, k) => q === 'gar' ? (all.length - 1 - k) % 2 === 0 : true);
      const seen: number[] = [];
      let before: number | null = null;
      for (let page = 0; page < 3; page++) {
        const r = await search(q, { limit: 50, beforeId: before });
        seen.push(...r.leads.map((l) => l.id));
        before = r.next_before_id;
      }
      expect(seen, q).toEqual(expected.slice(0, 150));
    }
    // A suffix shared by many phones (the last 4 digits of 2,100 numbers 0-2099: "0000".."2099").
    const few = await search('55-00001', { limit: 5 });
    expect(few.leads.map((l) => l.phone)).toEqual(['+1 415 5500001']);
    const last = await search('maria', { limit: 200, beforeId: all[all.length - 150] });
    expect(last.leads.map((l) => l.id)).toEqual(all.slice(all.length - 149));
    expect(last.next_before_id).toBeNull();
  });

  it('a name pair is read along its more selective name; matches older than every walked lead are still found', async () => {
    // As the bench's "Lead 12": every first name is the same, few last names start with 12, and
    // all of those are older than the newest leads the walk reads.
    const rows = Array.from({ length: 400 }, (_, i) => ({ list_id: list, phone: `+1 415 56${String(i).padStart(5, '0')}`, first_name: 'Lead', last_name: `${i < 150 ? '12' : '5'}${String(i).padStart(3, '0')}` }));
    for (let i = 0; i < rows.length; i += 200) await h.db.insertInto('leads').values(rows.slice(i, i + 200)).execute();
    const twelves = (await h.db.selectFrom('leads').select('id').where('last_name', 'like', '12%').orderBy('id', 'desc').execute()).map((r) => r.id);
    expect(twelves).toHaveLength(150);
    for (const walkSpan of [undefined, 100]) {
      const r = await searchLeads(h.db, h.dialect, 'Lead 12', { limit: 20 }, walkSpan);
      expect(r.leads.map((l) => l.id)).toEqual(twelves.slice(0, 20));
      expect(r.next_before_id).toBe(twelves[19]);
    }
  });

  it('refuses a limit out of range', async () => {
    await expect(search('smith', { limit: 0 })).rejects.toThrow(/between 1 and 200/);
    await expect(search('smith', { limit: 201 })).rejects.toThrow(/between 1 and 200/);
  });
});
