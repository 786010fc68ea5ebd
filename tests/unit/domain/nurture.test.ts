import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/domain/defaults';
import {
  addDays,
  cadenceHint,
  catchUpsDue,
  dueSentence,
  daysBetween,
  effectiveCadence,
  followUp,
  interactionProblem,
  isOverdue,
  isTracked,
  isValidDate,
  lastContact,
  logInteraction,
  nextDue,
  relationshipsToRepair,
  relativeDays,
  removeInteraction,
  snooze,
} from '../../../src/domain/nurture';
import type { Interaction } from '../../../src/domain/types';
import { mapOf, person, tie } from './helpers';

const settings = defaultSettings(); // levels Executive, Senior leader, Manager, IC; cadence 30, 30, 45, 60
const EXEC = 0;
const SENIOR = 1;
const MANAGER = 2;
const IC = 3;

function met(...dates: string[]): Interaction[] {
  return dates.map((date, i) => ({ id: `i${i}-${date}`, date, kind: 'coffee', note: '' }));
}

describe('calendar dates', () => {
  it('adds days across month and year boundaries', () => {
    expect(addDays('2024-01-31', 1)).toBe('2024-02-01');
    expect(addDays('2024-04-30', 1)).toBe('2024-05-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-03-31', 30)).toBe('2024-04-30');
  });

  it('knows leap years, including the century rules', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(daysBetween('2023-02-01', '2023-03-01')).toBe(28);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('is not shifted by daylight saving changes', () => {
    // Europe and the US change clocks in late March / early November; whole days still add up.
    expect(addDays('2024-03-30', 2)).toBe('2024-04-01');
    expect(addDays('2024-10-26', 10)).toBe('2024-11-05');
    expect(daysBetween('2024-03-01', '2024-04-01')).toBe(31);
  });

  it('validates dates strictly', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2024-13-01')).toBe(false);
    expect(isValidDate('2024-1-01')).toBe(false);
    expect(isValidDate('')).toBe(false);
    expect(() => addDays('yesterday', 1)).toThrow(RangeError);
  });
});

describe('last contact and cadence', () => {
  it('takes the latest logged date whatever the log order, ignoring bad dates', () => {
    expect(lastContact(person('a'))).toBeNull();
    expect(lastContact(person('a', { interactions: met('2024-03-01', '2024-05-20', '2024-04-02') }))).toBe('2024-05-20');
    expect(lastContact(person('a', { interactions: met('2024-03-01', '2024-99-99') }))).toBe('2024-03-01');
  });

  it("uses the person's own cadence, else the map default for their level", () => {
    expect(effectiveCadence(person('a', { seniority: SENIOR }), settings)).toBe(30);
    expect(effectiveCadence(person('a', { seniority: MANAGER }), settings)).toBe(45);
    expect(effectiveCadence(person('a', { seniority: IC }), settings)).toBe(60);
    expect(effectiveCadence(person('a', { seniority: IC, cadenceDays: 14 }), settings)).toBe(14);
    // A level beyond the list (before repair) uses the last level's default.
    expect(effectiveCadence(person('a', { seniority: 9 }), settings)).toBe(60);
  });
});

describe('next due date', () => {
  const today = '2024-03-15';

  it('is the last contact plus the cadence, across a leap day', () => {
    const manager = person('m', { seniority: MANAGER, interactions: met('2024-01-15') });
    expect(nextDue(manager, settings, today)).toBe('2024-02-29'); // 16 days of January + 29 of February = 45
    const ic = person('i', { seniority: IC, interactions: met('2023-12-31') });
    expect(nextDue(ic, settings, today)).toBe('2024-02-29');
    const nonLeap = person('n', { seniority: IC, interactions: met('2022-12-31') });
    expect(nextDue(nonLeap, settings, today)).toBe('2023-03-01');
    expect(followUp(manager, settings, today)?.basis).toBe('cadence');
  });

  it('lets an explicit next follow-up win, earlier or later than the cadence', () => {
    const base = { seniority: MANAGER, interactions: met('2024-03-01') }; // cadence says 2024-04-15
    expect(nextDue(person('a', { ...base, nextFollowUp: '2024-03-05' }), settings, today)).toBe('2024-03-05');
    expect(nextDue(person('a', { ...base, nextFollowUp: '2024-06-01' }), settings, today)).toBe('2024-06-01');
    expect(followUp(person('a', { ...base, nextFollowUp: '2024-06-01' }), settings, today)?.basis).toBe('explicit');
    // An explicit date with no contact at all also counts, even for someone otherwise untracked.
    expect(nextDue(person('a', { seniority: IC, nextFollowUp: '2024-03-20' }), settings, today)).toBe('2024-03-20');
  });

  it('ignores an explicit date that a later (or same-day) contact has already covered', () => {
    const p = person('a', { seniority: MANAGER, nextFollowUp: '2024-03-01', interactions: met('2024-03-01') });
    expect(nextDue(p, settings, today)).toBe('2024-04-15');
  });

  it('makes a never-contacted person due today only when tracked', () => {
    const ic = person('a', { seniority: IC });
    expect(nextDue(ic, settings, today)).toBeNull();
    expect(isTracked(ic, settings)).toBe(false);
    const leader = person('b', { seniority: SENIOR });
    expect(nextDue(leader, settings, today)).toBe(today);
    expect(followUp(leader, settings, today)?.basis).toBe('first-contact');
    expect(isTracked(leader, settings)).toBe(true);
    expect(nextDue(person('c', { seniority: EXEC }), settings, today)).toBe(today);
    expect(nextDue(person('d', { seniority: IC, cadenceDays: 20 }), settings, today)).toBe(today);
    expect(isOverdue(leader, settings, today)).toBe(false);
  });

  it('is overdue only strictly after the due date', () => {
    const p = person('a', { seniority: SENIOR, interactions: met('2024-02-14') }); // due 2024-03-15
    expect(isOverdue(p, settings, '2024-03-15')).toBe(false);
    expect(isOverdue(p, settings, '2024-03-16')).toBe(true);
    expect(isOverdue(person('x'), settings, '2030-01-01')).toBe(false);
  });
});

describe('catch-ups due', () => {
  const today = '2024-03-15';
  const doc = mapOf(
    [
      person('me', { seniority: MANAGER, interactions: met('2020-01-01') }),
      person('Dana', { seniority: SENIOR, interactions: met('2024-01-28') }), // due 02-27, 17 overdue
      person('Omar', { seniority: SENIOR, interactions: met('2024-02-14') }), // due today
      person('Priya', { seniority: MANAGER, interactions: met('2024-01-01') }), // due 02-15, 29 overdue
      person('Tom', { seniority: IC, nextFollowUp: '2024-03-20' }), // due in 5
      person('Uma', { seniority: IC, nextFollowUp: '2024-03-23' }), // due in 8: not this week
      person('Vic', { seniority: IC }), // never contacted, untracked
      person('Wen', { seniority: EXEC }), // never contacted leader: due today
    ],
    [],
    'me',
  );

  it('lists overdue first (most overdue first), then due within 7 days (soonest first)', () => {
    const list = catchUpsDue(doc, today);
    expect(list.map((c) => c.id)).toEqual(['Priya', 'Dana', 'Omar', 'Wen', 'Tom']);
    expect(list.map((c) => c.status)).toEqual(['overdue', 'overdue', 'due-soon', 'due-soon', 'due-soon']);
    expect(list.map((c) => c.daysOverdue)).toEqual([29, 17, 0, 0, 0]);
    expect(list.map((c) => c.dueIn)).toEqual([0, 0, 0, 0, 5]);
  });

  it('never lists Me, and widens with withinDays', () => {
    expect(catchUpsDue(doc, today).some((c) => c.id === 'me')).toBe(false);
    expect(catchUpsDue(doc, today, undefined, { withinDays: 8 }).map((c) => c.id)).toContain('Uma');
  });

  it('says why in plain words, with extra context from a map or a callback', () => {
    const withMap = catchUpsDue(doc, today, { Dana: 'advises Omar (CFO)' });
    const dana = withMap.find((c) => c.id === 'Dana')!;
    expect(dana.why).toBe('last spoke 47 days ago; you aim for every 30 days; advises Omar (CFO)');
    expect(dana.daysSinceContact).toBe(47);
    expect(dana.lastContact).toBe('2024-01-28');
    const withFn = catchUpsDue(doc, today, (s) => (s.id === 'Tom' ? 'knows the budget owner' : null));
    expect(withFn.find((c) => c.id === 'Tom')!.why).toBe('follow-up planned for 2024-03-20; knows the budget owner');
    expect(withFn.find((c) => c.id === 'Wen')!.why).toBe('not contacted yet; a senior leader (Executive)');
  });

  it('is empty for an empty map and rejects a bad today', () => {
    expect(catchUpsDue(mapOf([]), today)).toEqual([]);
    expect(() => catchUpsDue(doc, '15/03/2024')).toThrow(RangeError);
  });
});

describe('logging a catch-up', () => {
  const today = '2024-03-15';
  const doc = mapOf([
    person('a', { seniority: SENIOR, interactions: met('2024-01-01'), nextFollowUp: '2024-03-10' }),
    person('b'),
  ]);

  it('appends to the log in date order and shares untouched records', () => {
    const next = logInteraction(doc, 'a', { id: 'new', date: '2024-03-15', kind: 'meeting', note: 'budget' });
    expect(next).not.toBe(doc);
    expect(next.stakeholders.b).toBe(doc.stakeholders.b);
    expect(next.ties).toBe(doc.ties);
    expect(next.map).toBe(doc.map);
    expect(next.stakeholders.a.interactions.map((i) => i.id)).toEqual(['i0-2024-01-01', 'new']);
    expect(lastContact(next.stakeholders.a)).toBe('2024-03-15');
    // The planned follow-up happened: cleared, and the cadence takes over.
    expect(next.stakeholders.a.nextFollowUp).toBeNull();
    expect(nextDue(next.stakeholders.a, settings, today)).toBe('2024-04-14');
    expect(isOverdue(next.stakeholders.a, settings, today)).toBe(false);
    expect(doc.stakeholders.a.interactions).toHaveLength(1); // input untouched
  });

  it('keeps an explicit date when back-filling an older contact, and sorts it in', () => {
    const next = logInteraction(doc, 'a', { id: 'old', date: '2023-12-01', kind: 'coffee' });
    expect(next.stakeholders.a.interactions.map((i) => i.id)).toEqual(['old', 'i0-2024-01-01']);
    expect(next.stakeholders.a.nextFollowUp).toBe('2024-03-10');
    expect(next.stakeholders.a.interactions[0].note).toBe('');
    const forced = logInteraction(doc, 'a', { date: '2023-12-01', kind: 'coffee' }, { clearNextFollowUp: true });
    expect(forced.stakeholders.a.nextFollowUp).toBeNull();
    expect(forced.stakeholders.a.interactions[0].id).toMatch(/.+/);
  });

  it('returns the same document for an unknown person or an invalid entry', () => {
    expect(logInteraction(doc, 'nobody', { date: '2024-03-15', kind: 'coffee' })).toBe(doc);
    expect(logInteraction(doc, 'a', { date: '2024-02-30', kind: 'coffee' })).toBe(doc);
    expect(interactionProblem({ date: '2024-02-30', kind: 'coffee' })).toMatch(/date/);
    expect(interactionProblem({ date: '2024-02-29', kind: 'lunch' as never })).toMatch(/kind/);
    expect(interactionProblem({ date: '2024-02-29', kind: 'event' })).toBeNull();
  });

  it('removes an interaction', () => {
    const next = removeInteraction(doc, 'a', 'i0-2024-01-01');
    expect(next.stakeholders.a.interactions).toEqual([]);
    expect(removeInteraction(doc, 'a', 'missing')).toBe(doc);
  });
});

describe('snooze', () => {
  const doc = mapOf([person('a', { seniority: SENIOR, interactions: met('2024-01-01') }), person('b')]);

  it('moves the next follow-up to today + days, across month ends and leap days', () => {
    const next = snooze(doc, 'a', 7, '2024-02-25');
    expect(next.stakeholders.a.nextFollowUp).toBe('2024-03-03');
    expect(next.stakeholders.b).toBe(doc.stakeholders.b);
    expect(snooze(doc, 'a', 1, '2024-02-28').stakeholders.a.nextFollowUp).toBe('2024-02-29');
    expect(snooze(doc, 'a', 1, '2023-02-28').stakeholders.a.nextFollowUp).toBe('2023-03-01');
  });

  it('takes an overdue person off the list until the new date', () => {
    const today = '2024-03-15';
    expect(isOverdue(doc.stakeholders.a, settings, today)).toBe(true);
    const next = snooze(doc, 'a', 10, today);
    expect(isOverdue(next.stakeholders.a, settings, today)).toBe(false);
    expect(catchUpsDue(next, today)).toEqual([]);
    expect(catchUpsDue(next, '2024-03-25').map((c) => [c.id, c.dueIn])).toEqual([['a', 0]]);
    expect(catchUpsDue(next, '2024-03-26').map((c) => [c.id, c.daysOverdue])).toEqual([['a', 1]]);
  });

  it('rounds days, snoozes at least one day, and ignores unknown people', () => {
    expect(snooze(doc, 'a', 0, '2024-03-15').stakeholders.a.nextFollowUp).toBe('2024-03-16');
    expect(snooze(doc, 'a', 2.6, '2024-03-15').stakeholders.a.nextFollowUp).toBe('2024-03-18');
    expect(snooze(doc, 'nobody', 3, '2024-03-15')).toBe(doc);
    const once = snooze(doc, 'a', 3, '2024-03-15');
    expect(snooze(once, 'a', 3, '2024-03-15')).toBe(once);
  });
});

describe('relationships to repair', () => {
  it('lists tension ties with the next step and the last attempt', () => {
    const doc = mapOf(
      [
        person('me', { name: 'Me', interactions: met('2024-03-01') }),
        person('tom', { name: 'Tom', interactions: met('2024-01-10', '2024-02-02') }),
        person('ann', { name: 'Ann', interactions: met('2024-02-20') }),
        person('bo', { name: 'Bo', interactions: met('2024-01-05') }),
        person('cy', { name: 'Cy' }),
      ],
      [
        tie('t1', 'me', 'tom', 'tension', { note: '  Ask about his launch  ' }),
        tie('t2', 'ann', 'bo', 'tension'),
        tie('t3', 'cy', 'me', 'tension', { note: 'Coffee after the offsite' }),
        tie('t4', 'me', 'ann', 'trust'),
      ],
      'me',
    );
    const list = relationshipsToRepair(doc);
    expect(list.map((r) => r.tieId)).toEqual(['t3', 't1', 't2']);
    const [cy, tom, annBo] = list;
    expect(cy).toMatchObject({ other: 'cy', involvesMe: true, lastAttempt: null, nextStep: 'Coffee after the offsite' });
    // Me's own log is not the attempt: the latest interaction with Tom is.
    expect(tom).toMatchObject({ other: 'tom', involvesMe: true, lastAttempt: '2024-02-02', nextStep: 'Ask about his launch' });
    expect(tom.sentence).toBe('Me and Tom have a strained relationship (moderate)');
    // Without Me on the tie: the later of both people's last contacts.
    expect(annBo).toMatchObject({ involvesMe: false, lastAttempt: '2024-02-20', nextStep: '' });
  });

  it('works without a Me', () => {
    const doc = mapOf([person('a'), person('b', { interactions: met('2024-01-01') })], [tie('t', 'a', 'b', 'tension')]);
    expect(relationshipsToRepair(doc)).toMatchObject([{ tieId: 't', involvesMe: false, lastAttempt: '2024-01-01' }]);
    expect(relationshipsToRepair(mapOf([]))).toEqual([]);
  });
});

describe('the Relationship section words agree with the effective cadence', () => {
  it('issue 10: an untracked Manager never reads "No catch-up planned: set a cadence" beside "every 45 days"', () => {
    const s = person('m', { seniority: MANAGER });
    expect(followUp(s, settings, '2025-03-01')).toBeNull();
    expect(cadenceHint(s, settings)).toBe('Empty: every 45 days, the default for Manager.');
    const due = dueSentence(s, settings, '2025-03-01');
    expect(due).toEqual({ text: 'No catch-up logged yet: log the first one and the next falls due 45 days later, or pick a next follow-up date.', overdue: false });
    expect(due.text).not.toMatch(/set a cadence/);
  });

  it('an own cadence is the number both lines use', () => {
    const s = person('m', { seniority: MANAGER, cadenceDays: 14, interactions: met('2025-02-20') });
    expect(cadenceHint(s, settings)).toBe('Every 14 days.');
    expect(dueSentence(s, settings, '2025-03-01')).toEqual({ text: 'Next catch-up due in 5 days (2025-03-06).', overdue: false });
  });

  it('overdue, due today, tomorrow, and a senior leader never contacted', () => {
    const ic = person('i', { seniority: IC, interactions: met('2025-01-01') });
    expect(dueSentence(ic, settings, '2025-03-05')).toEqual({ text: 'Catch-up overdue by 3 days (due 2025-03-02).', overdue: true });
    expect(dueSentence(ic, settings, '2025-03-03').text).toBe('Catch-up overdue by 1 day (due 2025-03-02).');
    expect(dueSentence(ic, settings, '2025-03-02').text).toBe('Next catch-up due today (2025-03-02).');
    expect(dueSentence(ic, settings, '2025-03-01').text).toBe('Next catch-up due tomorrow (2025-03-02).');
    expect(dueSentence(person('e', { seniority: EXEC }), settings, '2025-03-01').text).toBe('Next catch-up due today (2025-03-01).');
    expect(relativeDays(-1_200)).toBe('1,200 days ago');
  });
});

describe('overdue, for someone never met', () => {
  it('is never overdue without a contact or a date, leader or not; a follow-up date in the past is', () => {
    const settings = defaultSettings();
    const leader = person('lead', { seniority: 0 });
    expect(isOverdue(leader, settings, '2024-03-15')).toBe(false);
    expect(isOverdue({ ...leader, cadenceDays: 7 }, settings, '2024-03-15')).toBe(false);
    expect(isOverdue({ ...leader, nextFollowUp: '2024-03-01' }, settings, '2024-03-15')).toBe(true);
  });
});
