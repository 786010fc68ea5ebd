import { describe, expect, it } from 'vitest';
import { exactPerson, exactPersonFields, exactTie, exactTieFields } from '../../../src/domain/exact-records';
import { createMapMeta, createStakeholder, createTie } from '../../../src/domain/factories';
import { TEXT_LIMITS } from '../../../src/domain/limits';
import { restoreDocument } from '../../../src/domain/restore';
import { StakeholderSchema, TieSchema } from '../../../src/domain/schemas';
import { StakeholderRecordType, TieRecordType } from '../../../src/domain/record-types';

/** A small deterministic generator, so a failure names a seed that shows it again. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ODD_VALUES: unknown[] = [
  undefined, null, '', ' ', 'x', 'champion', 'blocker', 'nobody', '2026-01-02', '2026-1-2', 0, -1, 1, 2, 3, 4, 5, 6, 50, 51, 3650, 3651, 1.5, NaN, Infinity, -Infinity,
  true, false, [], ['a'], ['', 'b'], [1], [{}], {}, { id: 'i' }, 'a'.repeat(TEXT_LIMITS.tag + 1), 'b'.repeat(TEXT_LIMITS.personName + 1), 'c'.repeat(TEXT_LIMITS.phone + 1),
  'd'.repeat(TEXT_LIMITS.tieKind + 1), '\ud83d\ude00', [{ date: '2026-01-01', from: 'neutral', to: 'champion' }], [{ id: 'c1', date: '2026-01-01', kind: 'coffee', note: '' }], ['x@y.z'],
];

const PERSON_FIELDS = [...Object.keys(StakeholderSchema.shape), 'v', 'mapId', 'rev', 'extra'];
const TIE_FIELDS = [...Object.keys(TieSchema.shape), 'v', 'mapId', 'rev', 'extra'];

/** A record with a few fields changed, removed or added at random. */
function altered(base: Record<string, unknown>, fields: readonly string[], next: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  const changes = Math.floor(next() * 3);
  for (let i = 0; i < changes; i++) {
    const field = fields[Math.floor(next() * fields.length)];
    if (next() < 0.25) delete out[field];
    else out[field] = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
  }
  return out;
}

/** What the schema returns, as data with every key (an own key set to undefined included) kept. */
const fields = (value: object) => Object.entries(value);

function basePerson(next: () => number): Record<string, unknown> {
  const person: Record<string, unknown> = { ...createStakeholder({ id: `p${Math.floor(next() * 1e6)}`, name: 'Ann Lee', title: 'CFO', x: 12.5, y: -40, seniority: 2 }), v: 1, mapId: 'm', rev: 3 };
  if (next() < 0.3) person.tags = ['finance', 'board'];
  if (next() < 0.3) person.targetStance = 'champion';
  if (next() < 0.3) person.phone = '+44 20 7946 0000';
  if (next() < 0.2) person.company = 'Acme';
  if (next() < 0.2) person.linkedinUrl = 'https://example.com/in/ann';
  if (next() < 0.2) person.cadenceDays = 30;
  if (next() < 0.2) person.nextFollowUp = '2026-12-24';
  return person;
}

function baseTie(next: () => number): Record<string, unknown> {
  const kinds = ['influences', 'trusts', 'reports-to', 'advises', 'my-own-kind'];
  return { ...createTie('a', 'b', kinds[Math.floor(next() * kinds.length)] as 'influences', { id: `t${Math.floor(next() * 1e6)}`, strength: 3, note: next() < 0.5 ? '' : 'met at the offsite' }), v: 1, mapId: 'm', rev: 1 };
}

describe('exact records: the schema would return them unchanged', () => {
  it('accepts what the app writes and returns exactly what the schema does, fields in the same order', () => {
    const next = random(1);
    for (let i = 0; i < 200; i++) {
      const person = basePerson(next);
      const fast = exactPerson(person);
      expect(fast).not.toBeNull();
      expect(fields(fast!)).toEqual(fields(StakeholderSchema.parse(person)));
      const tie = baseTie(next);
      const fastTie = exactTie(tie);
      expect(fastTie).not.toBeNull();
      expect(fields(fastTie!)).toEqual(fields(TieSchema.parse(tie)));
    }
  });

  it('on thousands of altered records, whatever it accepts the schema returns alike', () => {
    for (let seed = 1; seed <= 4000; seed++) {
      const next = random(seed);
      const person = altered(basePerson(next), PERSON_FIELDS, next);
      const fast = exactPerson(person);
      if (fast) {
        const parsed = StakeholderSchema.safeParse(person);
        expect(parsed.success, `seed ${seed}`).toBe(true);
        expect(fields(fast), `seed ${seed}`).toEqual(fields(parsed.data!));
      }
      const tie = altered(baseTie(next), TIE_FIELDS, next);
      const fastTie = exactTie(tie);
      if (fastTie) {
        const parsed = TieSchema.safeParse(tie);
        expect(parsed.success, `seed ${seed}`).toBe(true);
        expect(fields(fastTie), `seed ${seed}`).toEqual(fields(parsed.data!));
      }
    }
  });

  it('leaves to the full path every record the schema would change, cut or report', () => {
    const person = basePerson(random(2));
    for (const odd of [
      { name: 'x'.repeat(TEXT_LIMITS.personName + 1) },
      { tags: ['ok', ''] },
      { tags: ['t'.repeat(TEXT_LIMITS.tag + 1)] },
      { seniority: 51 },
      { influence: 2.5 },
      { stance: 'fan' },
      { targetStance: undefined },
      { stanceHistory: [] },
      { otherEmails: ['b@c.d'] },
      { interactions: [{ id: 'c', date: '2026-01-01', kind: 'coffee', note: '' }] },
      { x: Number.NaN },
      { cadenceDays: 0 },
      { nextFollowUp: 'soon' },
      { phone: 7 },
    ]) {
      expect(exactPerson({ ...person, ...odd }), JSON.stringify(odd)).toBeNull();
    }
    const withoutNotes: Record<string, unknown> = { ...person };
    delete withoutNotes.notes;
    expect(exactPerson(withoutNotes)).toBeNull();
    const tie = baseTie(random(3));
    for (const odd of [{ strength: 4 }, { mutual: 'yes' }, { kind: '' }, { kind: 'k'.repeat(TEXT_LIMITS.tieKind + 1) }, { source: '' }, { note: null }]) {
      expect(exactTie({ ...tie, ...odd }), JSON.stringify(odd)).toBeNull();
    }
  });

  it('knows every field the schemas have: a field added to a schema must be added here too', () => {
    const person = basePerson(random(4));
    Object.assign(person, { targetStance: 'supporter', phone: '1', company: 'c', linkedinUrl: 'u' });
    const known = new Set(Object.keys(exactPerson(person)!));
    // Histories, further e-mails and contact logs always take the full path.
    for (const field of Object.keys(StakeholderSchema.shape)) if (!['stanceHistory', 'otherEmails'].includes(field)) expect(known, field).toContain(field);
    expect(Object.keys(exactTie(baseTie(random(5)))!)).toEqual(Object.keys(TieSchema.shape));
  });

  it('restoreDocument gives the same document and the same report with it as without it', () => {
    const next = random(6);
    const people = Array.from({ length: 400 }, (_, i) => altered({ ...basePerson(next), id: `p${i}` }, PERSON_FIELDS.filter((f) => f !== 'id'), next));
    const ties = Array.from({ length: 800 }, (_, i) => altered({ ...baseTie(next), id: `t${i}`, source: `p${i % 400}`, target: `p${(i * 7 + 1) % 400}` }, TIE_FIELDS.filter((f) => !['id', 'source', 'target'].includes(f)), next));
    const map = createMapMeta('Fuzz', 1);
    const raw = () => ({ map: structuredClone(map), stakeholders: structuredClone(people), ties: structuredClone(ties) });
    const withExact = restoreDocument(raw(), { source: 'indexeddb' });
    const saved = [StakeholderRecordType.exact, TieRecordType.exact] as const;
    let withoutExact;
    try {
      delete StakeholderRecordType.exact;
      delete TieRecordType.exact;
      withoutExact = restoreDocument(raw(), { source: 'indexeddb' });
    } finally {
      [StakeholderRecordType.exact, TieRecordType.exact] = saved;
    }
    expect(withExact.ok && withoutExact.ok).toBe(true);
    if (!withExact.ok || !withoutExact.ok) return;
    expect(withExact.problems).toEqual(withoutExact.problems);
    // Compared as text: key order too, and a failure is one line rather than two documents.
    const differs = Object.keys(withoutExact.doc.stakeholders).filter((id) => JSON.stringify(withExact.doc.stakeholders[id]) !== JSON.stringify(withoutExact.doc.stakeholders[id]));
    expect(differs).toEqual([]);
    expect(JSON.stringify(withExact.doc) === JSON.stringify(withoutExact.doc)).toBe(true);
    // Some records took each path, or the comparison would prove nothing.
    expect(people.filter((p) => exactPerson(p)).length).toBeGreaterThan(50);
    expect(people.filter((p) => !exactPerson(p)).length).toBeGreaterThan(50);
    expect(withExact.problems.length).toBeGreaterThan(0);
  });

  it('exactPersonFields and exactTieFields accept the fields exact returns, in its order, and nothing else', () => {
    const person = basePerson(random(7));
    Object.assign(person, { targetStance: 'supporter', phone: '1', company: 'c', linkedinUrl: 'u' });
    const full = Object.keys(exactPerson(person)!);
    expect(exactPersonFields(full)).toBe(true);
    // Optional fields may be absent; required ones may not; order and extras matter.
    expect(exactPersonFields(full.filter((f) => !['phone', 'targetStance'].includes(f)))).toBe(true);
    expect(exactPersonFields(full.filter((f) => f !== 'name'))).toBe(false);
    expect(exactPersonFields([...full, 'extra'])).toBe(false);
    expect(exactPersonFields([...full, 'v'])).toBe(false);
    expect(exactPersonFields([full[1], full[0], ...full.slice(2)])).toBe(false);
    const tie = Object.keys(exactTie(baseTie(random(8)))!);
    expect(exactTieFields(tie)).toBe(true);
    expect(exactTieFields([...tie, 'mapId'])).toBe(false);
    expect(exactTieFields(tie.slice(1))).toBe(false);
  });

  it('restoreDocument keeps fresh records (a pack opened) as they are, and gives the same document and report as when it copies them', () => {
    const next = random(9);
    // As storage/packs.ts opens them: the row's own fields put aside, the version too when current.
    const fresh = (record: Record<string, unknown>) => {
      const { mapId: _m, rev: _r, ...rest } = record;
      if (rest.v === 1) delete rest.v;
      return rest;
    };
    const rowFields = new Set(['v', 'mapId', 'rev']);
    const people = Array.from({ length: 400 }, (_, i) => altered({ ...basePerson(next), id: `p${i}` }, PERSON_FIELDS.filter((f) => f !== 'id' && f !== 'extra'), next))
      .filter((p) => exactPersonFields(Object.keys(p).filter((f) => !rowFields.has(f))));
    // Ties between people who are kept, so that most of them stay in the document.
    const ids = people.filter((p) => exactPerson(p)).map((p) => p.id);
    const ties = Array.from({ length: 800 }, (_, i) => altered({ ...baseTie(next), id: `t${i}`, source: ids[i % ids.length], target: ids[(i * 7 + 1) % ids.length] }, TIE_FIELDS.filter((f) => !['id', 'source', 'target', 'extra'].includes(f)), next))
      .filter((t) => exactTieFields(Object.keys(t).filter((f) => !rowFields.has(f))));
    const map = createMapMeta('Fuzz', 1);
    const copied = restoreDocument({ map: structuredClone(map), stakeholders: structuredClone(people), ties: structuredClone(ties) }, { source: 'indexeddb' });
    const freshPeople = people.map(fresh);
    const freshTies = ties.map(fresh);
    const kept = restoreDocument({ map: structuredClone(map), stakeholders: freshPeople, ties: freshTies }, { source: 'indexeddb', fresh: { stakeholders: true, ties: true } });
    expect(copied.ok && kept.ok).toBe(true);
    if (!copied.ok || !kept.ok) return;
    expect(kept.problems).toEqual(copied.problems);
    expect(JSON.stringify(kept.doc) === JSON.stringify(copied.doc)).toBe(true);
    // Exact ones are the very objects given; the rest took the full path (cut, reported, or dropped).
    const keptAsIs = freshPeople.filter((p) => (kept.doc.stakeholders[p.id as string] as unknown) === p);
    expect(keptAsIs.length).toBeGreaterThan(50);
    expect(freshTies.filter((t) => (kept.doc.ties[t.id as string] as unknown) === t).length).toBeGreaterThan(100);
    expect(freshPeople.length - keptAsIs.length).toBeGreaterThan(20);
    expect(kept.problems.length).toBeGreaterThan(0);
  });
});
