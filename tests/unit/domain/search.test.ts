import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/domain/defaults';
import { applyFilters, describeFilters, filterOptions, hasActiveFilters, normalizeText, NO_FILTERS, searchPeople } from '../../../src/domain/search';
import { mapOf, person, tie } from './helpers';

const doc = mapOf(
  [
    person('jose', { name: 'José Álvarez', title: 'Head of Finance', department: 'Finance', seniority: 1, stance: 'champion', tags: ['budget', 'Mentor'] }),
    person('ana', { name: 'Ana López', title: 'Engineering Manager', department: 'Engineering', seniority: 2, stance: 'sceptic', tags: ['platform'] }),
    person('anabel', { name: 'Anabel Smith', title: 'Designer', department: 'Design', seniority: 3, stance: 'supporter', tags: [] }),
    person('lopez', { name: 'Sam Reed', title: 'Analyst', department: 'Lopez team', seniority: 3, stance: 'blocker', tags: ['mentor'] }),
    person('gretel', { name: 'Gretel Straße', title: 'CFO', department: 'finance ', seniority: 0, stance: 'neutral', tags: [] }),
  ],
  [
    tie('t1', 'ana', 'jose', 'influence'),
    tie('t2', 'jose', 'gretel', 'reports-to'),
    tie('t3', 'ana', 'anabel', 'trust'),
    tie('t4', 'lopez', 'jose', 'tension'),
  ],
);

describe('search', () => {
  it('ignores case and accents', () => {
    expect(normalizeText('  JOSÉ  Álvarez ')).toBe('jose alvarez');
    expect(normalizeText('STRASSE')).toBe(normalizeText('Straße'));
    expect(searchPeople(doc, 'jose').map((h) => h.id)).toEqual(['jose']);
    expect(searchPeople(doc, 'ALVAREZ').map((h) => h.id)).toEqual(['jose']);
    expect(searchPeople(doc, 'strasse').map((h) => h.id)).toEqual(['gretel']);
  });

  it('ranks name matches above other fields, and prefixes above inner matches', () => {
    const hits = searchPeople(doc, 'ana');
    // "Ana López" (whole word), "Anabel" (prefix), then "Analyst" title (word prefix); "Álvarez"... does not contain "ana".
    expect(hits.map((h) => h.id)).toEqual(['ana', 'anabel', 'lopez']);
    expect(hits[2]).toMatchObject({ field: 'title', matched: 'Analyst' });
  });

  it('needs every word to match somewhere, and rewards the whole phrase', () => {
    // Sam Reed matches too (Analyst, Lopez team), but the whole phrase in a name ranks first.
    const both = searchPeople(doc, 'ana lopez');
    expect(both.map((h) => h.id)).toEqual(['ana', 'lopez']);
    expect(both[0].score).toBeGreaterThan(both[1].score);
    expect(searchPeople(doc, 'ana design').map((h) => h.id)).toEqual(['anabel']);
    expect(searchPeople(doc, 'lopez').map((h) => h.id)).toEqual(['ana', 'lopez']);
    expect(searchPeople(doc, 'finance head').map((h) => h.id)).toEqual(['jose']);
  });

  it('finds titles, departments and tags', () => {
    expect(searchPeople(doc, 'cfo')).toMatchObject([{ id: 'gretel', field: 'title', matched: 'CFO' }]);
    expect(searchPeople(doc, 'design').map((h) => h.id)).toEqual(['anabel']);
    const mentors = searchPeople(doc, 'mentor');
    expect(mentors.map((h) => h.id).sort()).toEqual(['jose', 'lopez']);
    expect(mentors[0].field).toBe('tag');
    expect(searchPeople(doc, 'finance').map((h) => h.id).sort()).toEqual(['gretel', 'jose']);
  });

  it('returns nothing for an empty query or no match, and honours a limit', () => {
    expect(searchPeople(doc, '   ')).toEqual([]);
    expect(searchPeople(doc, 'zebra')).toEqual([]);
    expect(searchPeople(doc, 'a', 2)).toHaveLength(2);
  });
});

describe('filters', () => {
  const sorted = (s: Set<string>) => [...s].sort();

  it('lets everything through when no filter is set', () => {
    const r = applyFilters(doc, NO_FILTERS);
    expect(r.active).toBe(false);
    expect(r.people.size).toBe(5);
    expect(r.ties.size).toBe(4);
    expect(hasActiveFilters({ departments: [], tags: [] })).toBe(false);
  });

  it('filters people by department (any spelling), seniority, stance and tag', () => {
    expect(sorted(applyFilters(doc, { departments: ['FINANCE'] }).people)).toEqual(['gretel', 'jose']);
    expect(sorted(applyFilters(doc, { seniority: [0, 1] }).people)).toEqual(['gretel', 'jose']);
    expect(sorted(applyFilters(doc, { stances: ['sceptic', 'blocker'] }).people)).toEqual(['ana', 'lopez']);
    expect(sorted(applyFilters(doc, { tags: ['mentor'] }).people)).toEqual(['jose', 'lopez']);
  });

  it('ORs values within a category and ANDs the categories', () => {
    const r = applyFilters(doc, { departments: ['Finance', 'Engineering'], stances: ['champion', 'sceptic', 'neutral'], seniority: [1, 2] });
    expect(sorted(r.people)).toEqual(['ana', 'jose']);
    expect(sorted(r.ties)).toEqual(['t1']);
  });

  it('keeps a tie only when its kind passes and both people pass', () => {
    expect(sorted(applyFilters(doc, { departments: ['finance'] }).ties)).toEqual(['t2']);
    const byKind = applyFilters(doc, { tieKinds: ['trust', 'tension'] });
    expect(sorted(byKind.ties)).toEqual(['t3', 't4']);
    expect(byKind.people.size).toBe(5); // the tie-kind filter never hides people
    expect(byKind.active).toBe(true);
  });

  it('describes the active filters in a short line', () => {
    expect(describeFilters({})).toBe('No filters');
    expect(
      describeFilters(
        { departments: ['Finance', 'Sales'], seniority: [1, 0], stances: ['blocker'], tags: ['mentor'], tieKinds: ['reports-to', 'trust'] },
        defaultSettings(),
      ),
    ).toBe('Department: Finance or Sales · Seniority: Executive or Senior leader · Stance: Blocker · Tag: mentor · Ties: Reports to or Trust');
    expect(describeFilters({ seniority: [2], departments: ['A', 'B', 'C'] })).toBe('Department: A, B or C · Seniority: Level 3');
  });

  it('lists the departments and tags there are to filter by', () => {
    expect(filterOptions(doc)).toEqual({
      departments: ['Design', 'Engineering', 'Finance', 'Lopez team'],
      tags: ['budget', 'Mentor', 'platform'],
    });
  });
});
