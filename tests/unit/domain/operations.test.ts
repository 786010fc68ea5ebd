import { describe, expect, it } from 'vitest';
import { createMapDocument, createStakeholder } from '../../../src/domain/factories';
import {
  addStakeholder,
  addStakeholderAt,
  addTiedStakeholderAt,
  connect,
  copySelection,
  moveStakeholders,
  pasteClip,
  removeElements,
  repairDocument,
  swapTieDirection,
  tieProblem,
  updateMapMeta,
  updateSettings,
  updateStakeholder,
  updateTie,
} from '../../../src/domain/operations';
import type { MapDocument } from '../../../src/domain/types';
import { docOf, person, teamDoc, tie } from '../helpers/docs';

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

describe('addStakeholder / addStakeholderAt', () => {
  it('adds a person where they were dropped, at the most junior level, numbered after the others', () => {
    const doc = docOf([person('a')]);
    const { doc: next, id } = addStakeholderAt(doc, { x: 120, y: -40 });
    expect(next.stakeholders[id]).toMatchObject({ id, name: 'Person 2', x: 120, y: -40, seniority: 3 });
    expect(Object.keys(next.stakeholders)).toHaveLength(2);
    expect(next.stakeholders.a).toBe(doc.stakeholders.a);
    expect(next.ties).toBe(doc.ties);
    expect(next.map).toBe(doc.map);
    expect(doc.stakeholders[id]).toBeUndefined();
  });

  it('takes given fields but never overrides the drop position', () => {
    const { doc, id } = addStakeholderAt(createMapDocument('m'), { x: 5, y: 6 }, { name: 'Priya', x: 999, seniority: 0 });
    expect(doc.stakeholders[id]).toMatchObject({ name: 'Priya', x: 5, y: 6, seniority: 0 });
  });

  it('uses the lowest level of a map with custom levels', () => {
    const base = createMapDocument('m');
    const doc = { ...base, map: { ...base.map, settings: { levels: ['Boss', 'Staff'], leadershipLevel: 0, cadenceDays: [30, 60] } } };
    const { doc: next, id } = addStakeholderAt(doc, { x: 0, y: 0 });
    expect(next.stakeholders[id].seniority).toBe(1);
  });

  it('addStakeholder inserts the given record as is', () => {
    const s = createStakeholder({ name: 'Tom' });
    const next = addStakeholder(createMapDocument('m'), s);
    expect(next.stakeholders[s.id]).toBe(s);
  });
});

describe('updateStakeholder', () => {
  it('changes the fields given and shares every other record', () => {
    const doc = teamDoc();
    const next = updateStakeholder(doc, 'tom', { title: 'Head of Sales', influence: 5 });
    expect(next.stakeholders.tom).toMatchObject({ name: 'tom', title: 'Head of Sales', influence: 5 });
    expect(doc.stakeholders.tom.title).toBe('');
    expect(next.stakeholders.priya).toBe(doc.stakeholders.priya);
    expect(next.ties).toBe(doc.ties);
    expect(next.map).toBe(doc.map);
  });

  it('returns the very same document when nothing changes', () => {
    const doc = teamDoc();
    expect(updateStakeholder(doc, 'tom', { name: 'tom' })).toBe(doc);
    expect(updateStakeholder(doc, 'tom', {})).toBe(doc);
    expect(updateStakeholder(doc, 'nobody', { name: 'x' })).toBe(doc);
  });
});

describe('moveStakeholders', () => {
  it('moves only the people whose position changed and keeps the other records', () => {
    const doc = teamDoc();
    const next = moveStakeholders(doc, { priya: { x: 50, y: 60 }, tom: { x: 200, y: 0 } });
    expect(next.stakeholders.priya).toMatchObject({ x: 50, y: 60, name: 'priya' });
    expect(next.stakeholders.tom).toBe(doc.stakeholders.tom);
    expect(next.stakeholders.ann).toBe(doc.stakeholders.ann);
    expect(next.ties).toBe(doc.ties);
    expect(next.map).toBe(doc.map);
  });

  it('returns the same document when nobody moved or the ids are unknown', () => {
    const doc = teamDoc();
    expect(moveStakeholders(doc, { tom: { x: 200, y: 0 } })).toBe(doc);
    expect(moveStakeholders(doc, { ghost: { x: 1, y: 1 } })).toBe(doc);
    expect(moveStakeholders(doc, {})).toBe(doc);
  });
});

describe('removeElements', () => {
  it("removes a person together with every tie they are on", () => {
    const doc = teamDoc();
    const next = removeElements(doc, ['tom']);
    expect(Object.keys(next.stakeholders).sort()).toEqual(['ann', 'priya']);
    expect(Object.keys(next.ties)).toEqual(['t3']);
    expect(next.ties.t3).toBe(doc.ties.t3);
    expect(Object.keys(doc.stakeholders)).toHaveLength(3);
  });

  it('removes a tie alone and leaves its people', () => {
    const doc = teamDoc();
    const next = removeElements(doc, [], ['t1']);
    expect(Object.keys(next.ties).sort()).toEqual(['t2', 't3']);
    expect(Object.keys(next.stakeholders)).toHaveLength(3);
  });

  it('clears "Me" when Me is removed, and only then', () => {
    const base = teamDoc();
    const doc = { ...base, map: { ...base.map, meId: 'priya' } };
    expect(removeElements(doc, ['priya']).map.meId).toBeNull();
    const other = removeElements(doc, ['tom']);
    expect(other.map.meId).toBe('priya');
    expect(other.map).toBe(doc.map);
  });

  it('returns the same document when there is nothing to remove', () => {
    const doc = teamDoc();
    expect(removeElements(doc, ['ghost'], ['no-tie'])).toBe(doc);
    expect(removeElements(doc, [])).toBe(doc);
  });
});

describe('tieProblem', () => {
  const doc = docOf([person('a'), person('b'), person('c')], [tie('ab', 'a', 'b', 'influence'), tie('trust-ab', 'a', 'b', 'trust', { mutual: true })]);

  it('refuses a tie from a person to themselves', () => {
    expect(tieProblem(doc, { source: 'a', target: 'a', kind: 'trust', mutual: true })).toMatch(/themselves/);
  });

  it('refuses a tie whose end is not on the map', () => {
    expect(tieProblem(doc, { source: 'a', target: 'zed', kind: 'influence', mutual: false })).toMatch(/Both ends/);
  });

  it('refuses an exact duplicate with a readable sentence', () => {
    expect(tieProblem(doc, { source: 'a', target: 'b', kind: 'influence', mutual: false })).toBe('There is already an influence tie between these two people.');
    expect(tieProblem(doc, { source: 'a', target: 'b', kind: 'trust', mutual: true })).toBe('There is already a trust tie between these two people.');
  });

  it('refuses the reverse of a mutual tie, and a mutual tie over an existing one-way one', () => {
    expect(tieProblem(doc, { source: 'b', target: 'a', kind: 'trust', mutual: true })).toMatch(/already a trust tie/);
    expect(tieProblem(doc, { source: 'b', target: 'a', kind: 'trust', mutual: false })).toMatch(/already a trust tie/);
    expect(tieProblem(doc, { source: 'b', target: 'a', kind: 'influence', mutual: true })).toMatch(/already an? influence tie/);
  });

  it('allows the reverse of a one-way tie, another kind between the same people, and other pairs', () => {
    expect(tieProblem(doc, { source: 'b', target: 'a', kind: 'influence', mutual: false })).toBeNull();
    expect(tieProblem(doc, { source: 'a', target: 'b', kind: 'reports-to', mutual: false })).toBeNull();
    expect(tieProblem(doc, { source: 'a', target: 'c', kind: 'influence', mutual: false })).toBeNull();
  });

  it('ignores the tie being edited', () => {
    expect(tieProblem(doc, { source: 'a', target: 'b', kind: 'influence', mutual: false }, 'ab')).toBeNull();
  });
});

describe('connect', () => {
  const people = () => docOf([person('a'), person('b')]);

  it.each([
    ['influence', false],
    ['trust', true],
    ['reports-to', false],
    ['tension', true],
  ] as const)('draws a %s tie with its default direction (mutual: %s) and strength 2', (kind, mutual) => {
    const doc = people();
    const result = ok(connect(doc, 'a', 'b', kind));
    expect(result.id).toBeDefined();
    expect(result.doc.ties[result.id!]).toMatchObject({ source: 'a', target: 'b', kind, mutual, strength: 2, note: '' });
    expect(result.doc.stakeholders).toBe(doc.stakeholders);
  });

  it('refuses self-ties and duplicates with a message, leaving the map alone', () => {
    const first = ok(connect(people(), 'a', 'b', 'influence'));
    expect(connect(first.doc, 'a', 'a', 'influence')).toEqual({ ok: false, error: 'A person cannot have a tie to themselves.' });
    expect(connect(first.doc, 'a', 'b', 'influence')).toMatchObject({ ok: false, error: expect.stringMatching(/already/) });
    const trust = ok(connect(first.doc, 'a', 'b', 'trust'));
    expect(connect(trust.doc, 'b', 'a', 'trust').ok).toBe(false);
  });

  it('takes extra fields', () => {
    const result = ok(connect(people(), 'a', 'b', 'influence', { strength: 3, note: 'weekly 1:1' }));
    expect(result.doc.ties[result.id!]).toMatchObject({ strength: 3, note: 'weekly 1:1' });
  });
});

describe('updateTie', () => {
  it('changes strength, note and direction', () => {
    const doc = teamDoc();
    const result = ok(updateTie(doc, 't1', { strength: 1, note: 'n' }));
    expect(result.doc.ties.t1).toMatchObject({ strength: 1, note: 'n', kind: 'influence' });
    expect(result.doc.ties.t2).toBe(doc.ties.t2);
    expect(ok(updateTie(doc, 't1', { mutual: true })).doc.ties.t1.mutual).toBe(true);
  });

  it('returns the same document for a no-op patch', () => {
    const doc = teamDoc();
    expect(ok(updateTie(doc, 't1', { strength: 3 })).doc).toBe(doc);
  });

  it('reports a tie that no longer exists', () => {
    expect(updateTie(teamDoc(), 'gone', { strength: 1 })).toEqual({ ok: false, error: 'That tie no longer exists.' });
  });

  it('keeps reports-to one-way and tension mutual whatever the patch says', () => {
    const doc = teamDoc();
    expect(ok(updateTie(doc, 't2', { mutual: true })).doc).toBe(doc);
    const tension = ok(updateTie(doc, 't1', { kind: 'tension', mutual: false })).doc.ties.t1;
    expect(tension).toMatchObject({ kind: 'tension', mutual: true });
    const reports = ok(updateTie(doc, 't3', { kind: 'reports-to' })).doc.ties.t3;
    expect(reports).toMatchObject({ kind: 'reports-to', mutual: false });
  });

  it('refuses an edit that would duplicate another tie or join a person to themselves', () => {
    const doc = docOf([person('a'), person('b')], [tie('x', 'a', 'b', 'influence'), tie('y', 'b', 'a', 'influence')]);
    expect(updateTie(doc, 'y', { mutual: true }).ok).toBe(false);
    expect(updateTie(doc, 'y', { target: 'b' }).ok).toBe(false);
  });
});

describe('swapTieDirection', () => {
  it('swaps the two ends of a one-way tie', () => {
    const doc = teamDoc();
    const result = ok(swapTieDirection(doc, 't1'));
    expect(result.doc.ties.t1).toMatchObject({ source: 'tom', target: 'priya', kind: 'influence', strength: 3 });
  });

  it('refuses a swap that would duplicate the reverse tie, and a missing tie', () => {
    const doc = docOf([person('a'), person('b')], [tie('x', 'a', 'b', 'influence'), tie('y', 'b', 'a', 'influence')]);
    expect(swapTieDirection(doc, 'x').ok).toBe(false);
    expect(swapTieDirection(doc, 'gone').ok).toBe(false);
  });
});

describe('copySelection and pasteClip', () => {
  const doc = () =>
    docOf(
      [person('a', { x: 10, y: 20, tags: ['x'], interactions: [{ id: 'i1', date: '2024-01-02', kind: 'coffee', note: '' }] }), person('b'), person('c')],
      [tie('ab', 'a', 'b'), tie('bc', 'b', 'c', 'trust', { mutual: true }), tie('ca', 'c', 'a')],
    );

  it('copies the chosen people and only the ties among them', () => {
    const clip = copySelection(doc(), ['a', 'b', 'ghost']);
    expect(clip.stakeholders.map((s) => s.id).sort()).toEqual(['a', 'b']);
    expect(clip.ties.map((t) => t.id)).toEqual(['ab']);
  });

  it('pastes with fresh ids, shifted, with internal ties re-pointed at the copies', () => {
    const source = doc();
    const clip = copySelection(source, ['a', 'b']);
    const { doc: next, ids } = pasteClip(source, clip, { x: 40, y: 40 });
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(['a', 'b', 'c']).not.toContain(id);
    expect(Object.keys(next.stakeholders)).toHaveLength(5);
    const copyOfA = Object.values(next.stakeholders).find((s) => ids.includes(s.id) && s.name === 'a (copy)')!;
    const copyOfB = Object.values(next.stakeholders).find((s) => ids.includes(s.id) && s.name === 'b (copy)')!;
    expect(copyOfA).toMatchObject({ x: 50, y: 60, tags: ['x'] });
    expect(copyOfA.tags).not.toBe(source.stakeholders.a.tags);
    expect(copyOfA.interactions).toHaveLength(1);
    expect(copyOfA.interactions[0].id).not.toBe('i1');
    const newTies = Object.values(next.ties).filter((t) => !(t.id in source.ties));
    expect(newTies).toHaveLength(1);
    expect(newTies[0]).toMatchObject({ source: copyOfA.id, target: copyOfB.id, kind: 'influence' });
    expect(newTies[0].id).not.toBe('ab');
    // The originals are untouched.
    expect(next.stakeholders.a).toBe(source.stakeholders.a);
    expect(next.ties.ab).toBe(source.ties.ab);
  });

  it('pasting twice gives two independent copies', () => {
    const source = doc();
    const clip = copySelection(source, ['a', 'b']);
    const once = pasteClip(source, clip, { x: 40, y: 40 });
    const twice = pasteClip(once.doc, clip, { x: 80, y: 80 });
    expect(new Set([...once.ids, ...twice.ids]).size).toBe(4);
    expect(Object.keys(twice.doc.ties)).toHaveLength(5);
  });

  it('names a copy whose name is taken "(copy)", then "(copy 2)"; a free name stays', () => {
    const source = docOf([person('Tom Becker', { name: 'Tom Becker' }), person('Priya', { name: 'Priya Shah' })]);
    const clip = copySelection(source, ['Tom Becker']);
    const once = pasteClip(source, clip, { x: 40, y: 40 });
    expect(once.doc.stakeholders[once.ids[0]].name).toBe('Tom Becker (copy)');
    const twice = pasteClip(once.doc, clip, { x: 80, y: 80 });
    expect(twice.doc.stakeholders[twice.ids[0]].name).toBe('Tom Becker (copy 2)');
    const elsewhere = pasteClip(createMapDocument('other'), clip, { x: 0, y: 0 });
    expect(elsewhere.doc.stakeholders[elsewhere.ids[0]].name).toBe('Tom Becker');
  });

  it('clamps pasted levels into a map with fewer levels', () => {
    const target = createMapDocument('small');
    const small: MapDocument = { ...target, map: { ...target.map, settings: { levels: ['One', 'Two'], leadershipLevel: 0, cadenceDays: [30, 30] } } };
    const { doc: next, ids } = pasteClip(small, { stakeholders: [person('a', { seniority: 3 })], ties: [] }, { x: 0, y: 0 });
    expect(next.stakeholders[ids[0]].seniority).toBe(1);
  });

  it('an empty clip changes nothing', () => {
    const source = doc();
    expect(pasteClip(source, { stakeholders: [], ties: [] }, { x: 1, y: 1 })).toEqual({ doc: source, ids: [] });
  });
});

describe('updateMapMeta', () => {
  it('renames, and returns the same document when the name is unchanged', () => {
    const doc = teamDoc('Old');
    expect(updateMapMeta(doc, { name: 'New' }).map.name).toBe('New');
    expect(updateMapMeta(doc, { name: 'Old' })).toBe(doc);
    expect(updateMapMeta(doc, { meId: 'tom' }).map.meId).toBe('tom');
  });
});

describe('updateSettings', () => {
  it('replaces the settings and clamps people whose level no longer exists', () => {
    const doc = docOf([person('exec', { seniority: 0 }), person('ic', { seniority: 3 }), person('mgr', { seniority: 2 })]);
    const settings = { levels: ['Leadership', 'Everyone else'], leadershipLevel: 0, cadenceDays: [30, 60] };
    const next = updateSettings(doc, settings);
    expect(next.map.settings).toEqual(settings);
    expect(next.stakeholders.ic.seniority).toBe(1);
    expect(next.stakeholders.mgr.seniority).toBe(1);
    expect(next.stakeholders.exec).toBe(doc.stakeholders.exec);
  });

  it('adding a level moves nobody', () => {
    const doc = docOf([person('a', { seniority: 3 })]);
    const next = updateSettings(doc, { ...doc.map.settings, levels: [...doc.map.settings.levels, 'Intern'], cadenceDays: [30, 30, 45, 60, 60] });
    expect(next.stakeholders).toBe(doc.stakeholders);
    expect(next.map.settings.levels).toHaveLength(5);
  });
});

describe('repairDocument', () => {
  it('returns a consistent document untouched, with no repairs', () => {
    const doc = teamDoc();
    expect(repairDocument(doc)).toEqual({ doc, repairs: [], kinds: [] });
    expect(repairDocument(doc).doc).toBe(doc);
  });

  it('drops dangling and self ties, clamps levels and clears a dangling Me, one line each', () => {
    const base = docOf(
      [person('a', { seniority: 9 }), person('b')],
      [tie('ok', 'a', 'b'), tie('dangling', 'a', 'ghost'), tie('self', 'b', 'b', 'trust')],
    );
    const doc = { ...base, map: { ...base.map, meId: 'ghost' } };
    const { doc: fixed, repairs } = repairDocument(doc);
    expect(Object.keys(fixed.ties)).toEqual(['ok']);
    expect(fixed.stakeholders.a.seniority).toBe(3);
    expect(fixed.stakeholders.b).toBe(doc.stakeholders.b);
    expect(fixed.map.meId).toBeNull();
    expect(repairs).toHaveLength(4);
    expect(repairs.join('\n')).toMatch(/dangling/);
    expect(repairs.join('\n')).toMatch(/self.*themselves/);
    expect(repairs.join('\n')).toMatch(/"a" had an unknown seniority level; set to Individual contributor/);
    expect(repairs.join('\n')).toMatch(/"Me" pointed to a person who is not on the map/);
  });
});

describe('addTiedStakeholderAt', () => {
  it('adds a person where the tie was let go, tied from the start person with the kind\'s usual direction', () => {
    const doc = docOf([person('a')]);
    const result = addTiedStakeholderAt(doc, 'a', { x: 300, y: 120 }, 'trust');
    if (!result.ok) throw new Error(result.error);
    expect(result.doc.stakeholders[result.id]).toMatchObject({ x: 300, y: 120, name: 'Person 2' });
    expect(result.doc.ties[result.tieId]).toMatchObject({ source: 'a', target: result.id, kind: 'trust', mutual: true });
    expect(addTiedStakeholderAt(doc, 'a', { x: 0, y: 0 }, 'reports-to').ok && addTiedStakeholderAt(doc, 'a', { x: 0, y: 0 }, 'influence').ok).toBe(true);
  });

  it('refuses a start person who is gone, changing nothing', () => {
    expect(addTiedStakeholderAt(docOf([person('a')]), 'ghost', { x: 0, y: 0 }, 'influence')).toEqual({ ok: false, error: 'The person the tie starts from is no longer on the map.' });
  });
});
