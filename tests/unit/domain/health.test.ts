import { describe, expect, it } from 'vitest';
import { fadingTies, healthByTie, healthWithMe, relationshipHealth, rhythm } from '../../../src/domain/health';
import { addDays, snooze } from '../../../src/domain/nurture';
import type { Interaction, Stakeholder } from '../../../src/domain/types';
import { mapOf, person, tie } from './helpers';

// Every expected value below was worked out by hand from the rule in src/domain/health.ts:
// C = cadence, D = days since the last contact, N = contact days in the last 3 x C days.
const TODAY = '2025-06-30';
const ago = (days: number) => addDays(TODAY, -days);
const log = (...daysAgo: number[]): Interaction[] => daysAgo.map((d, i) => ({ id: `i${i}`, date: ago(d), kind: 'meeting', note: '' }));
/** A person on a 30-day cadence of their own. */
const monthly = (interactions: Interaction[], fields: Partial<Stakeholder> = {}) => person('p', { cadenceDays: 30, interactions, ...fields });
const settings = mapOf([]).map.settings;
const health = (s: Stakeholder) => relationshipHealth(s, settings, TODAY);

describe('relationship health', () => {
  it('has no health without a logged contact, or with contacts only in the future', () => {
    expect(health(monthly([]))).toBeNull();
    expect(health(monthly([{ id: 'f', date: addDays(TODAY, 3), kind: 'meeting', note: '' }]))).toBeNull();
    expect(health(monthly([{ id: 'x', date: '2025-02-30', kind: 'meeting', note: '' }]))).toBeNull();
  });

  it('calls one recent contact fading: a one-off is not yet a rhythm', () => {
    const h = health(monthly(log(10)))!;
    expect(h).toMatchObject({ status: 'fading', daysSinceContact: 10, cadenceDays: 30, daysOverdue: 0, contactsInWindow: 1, windowDays: 90, usualGapDays: null });
    expect(h.reason).toBe('last spoke 10 days ago; 1 catch-up in the last 90 days; you aim for every 30 days');
  });

  it('is strong with two contacts in three cadences and the last within the cadence', () => {
    const h = health(monthly(log(40, 10)))!;
    expect(h.status).toBe('strong');
    expect(h.reason).toBe('last spoke 10 days ago; you aim for every 30 days');
  });

  it('recency boundaries: D = C strong, C + 1 fading, 2C fading, 2C + 1 at risk', () => {
    expect(health(monthly(log(50, 30)))!.status).toBe('strong');
    expect(health(monthly(log(50, 31)))!).toMatchObject({ status: 'fading', daysOverdue: 1, due: ago(1) });
    expect(health(monthly(log(70, 60)))!).toMatchObject({ status: 'fading', daysOverdue: 30 });
    expect(health(monthly(log(70, 61)))!).toMatchObject({ status: 'at-risk', daysOverdue: 31 });
  });

  it('frequency window boundary: a contact 89 days ago is inside the 90-day window, 90 days ago is outside', () => {
    expect(health(monthly(log(89, 10)))!).toMatchObject({ status: 'strong', contactsInWindow: 2 });
    expect(health(monthly(log(90, 10)))!).toMatchObject({ status: 'fading', contactsInWindow: 1 });
  });

  it('uses the level default when the person has no cadence of their own (Manager: 45 days)', () => {
    const manager = person('m', { seniority: 2, interactions: log(100, 46) });
    // C = 45, D = 46: overdue by one day; N in 135 days = 2.
    expect(health(manager)!).toMatchObject({ status: 'fading', cadenceDays: 45, daysOverdue: 1, windowDays: 135, contactsInWindow: 2 });
  });

  it('irregular meetings: the usual rhythm is the median gap, and recency still decides', () => {
    // Contact days 200, 170, 140, 110 and 63 days ago: gaps 30, 30, 30, 47, median 30 (monthly).
    const h = health(monthly(log(200, 170, 140, 110, 63)))!;
    expect(h).toMatchObject({ status: 'at-risk', daysSinceContact: 63, usualGapDays: 30, daysOverdue: 33 });
    expect(h.reason).toBe('last spoke 63 days ago; you usually meet monthly; you aim for every 30 days');
    // A burst, then one contact: gaps 1, 1, 80 (median 1); recent but only one contact in 90 days.
    const burst = health(monthly(log(100, 99, 98, 18)))!;
    expect(burst).toMatchObject({ status: 'fading', usualGapDays: 1, contactsInWindow: 1 });
    expect(burst.reason).toBe('last spoke 18 days ago; you usually meet daily; 1 catch-up in the last 90 days; you aim for every 30 days');
  });

  it('counts several entries on one day as one contact day', () => {
    const h = health(monthly(log(5, 5, 5)))!;
    expect(h).toMatchObject({ status: 'fading', contactsInWindow: 1, usualGapDays: null });
  });

  it('a snooze moves the reminder, not the health; the reason says when the follow-up is planned', () => {
    const doc = mapOf([person('me'), monthly(log(70, 45))], [tie('t', 'me', 'p', 'trust')], 'me');
    const before = healthWithMe(doc, 'p', TODAY)!;
    expect(before).toMatchObject({ status: 'fading', daysOverdue: 15, planned: null });
    const snoozed = snooze(doc, 'p', 7, TODAY);
    const after = healthWithMe(snoozed, 'p', TODAY)!;
    expect(after.status).toBe('fading');
    expect(after.planned).toBe(addDays(TODAY, 7));
    expect(after.reason).toBe('last spoke 45 days ago; you aim for every 30 days; follow-up planned for 2025-07-07');
    // A follow-up date that has passed is no plan any more.
    expect(health(monthly(log(70, 45), { nextFollowUp: ago(1) }))!.planned).toBeNull();
  });

  it('words gaps as people say them', () => {
    expect([rhythm(1), rhythm(7), rhythm(14), rhythm(31), rhythm(60), rhythm(90), rhythm(180), rhythm(365), rhythm(10)]).toEqual([
      'daily',
      'weekly',
      'every 2 weeks',
      'monthly',
      'every 2 months',
      'quarterly',
      'every 6 months',
      'yearly',
      'every 10 days',
    ]);
  });
});

describe('ties to Me', () => {
  const doc = mapOf(
    [
      person('me'),
      monthly(log(200, 170, 140, 110, 63), { id: 'ann', name: 'Ann' }),
      monthly(log(40, 10), { id: 'bo', name: 'Bo' }),
      monthly(log(35), { id: 'cy', name: 'Cy' }),
      monthly(log(20), { id: 'di', name: 'Di' }),
      monthly([], { id: 'ed', name: 'Ed' }),
      monthly(log(400), { id: 'far', name: 'Far' }),
    ],
    [tie('t1', 'me', 'ann', 'trust'), tie('t2', 'bo', 'me', 'influence'), tie('t3', 'me', 'cy', 'influence'), tie('t3b', 'cy', 'me', 'trust'), tie('t4', 'me', 'di', 'trust'), tie('t5', 'me', 'ed', 'trust'), tie('t6', 'ann', 'bo', 'trust')],
    'me',
  );

  it('gives every tie to Me its person’s health; ties between others and unlogged people get none', () => {
    const byTie = healthByTie(doc, TODAY);
    expect(Object.fromEntries(byTie)).toEqual({ t1: 'at-risk', t2: 'strong', t3: 'fading', t3b: 'fading', t4: 'fading' });
    expect(healthWithMe(doc, 'far', TODAY)).toBeNull();
  });

  it('lists fading ties at risk first, then the longest silence first', () => {
    expect(fadingTies(doc, TODAY).map((f) => [f.name, f.status, f.daysSinceContact])).toEqual([
      ['Ann', 'at-risk', 63],
      ['Cy', 'fading', 35],
      ['Di', 'fading', 20],
    ]);
  });

  it('has nothing to say without a Me', () => {
    const noMe = { ...doc, map: { ...doc.map, meId: null } };
    expect(healthByTie(noMe, TODAY).size).toBe(0);
    expect(fadingTies(noMe, TODAY)).toEqual([]);
  });
});
