import { describe, expect, it } from 'vitest';
import { copyWithNewIds } from '../../../src/domain/copy';
import { pasteClip, copySelection } from '../../../src/domain/operations';
import { asNewMap } from '../../../src/io/map-file';
import { updateMapMeta } from '../../../src/domain/operations';
import { docOf, person, teamDoc, tie } from '../helpers/docs';

describe('copyWithNewIds', () => {
  it('gives every person, contact-log entry and tie a fresh id, and points ties at the copies', () => {
    const doc = teamDoc();
    const priya = { ...doc.stakeholders.priya, tags: ['board'], interactions: [{ id: 'i1', date: '2026-01-01', note: 'Lunch' }] } as typeof doc.stakeholders.priya;
    const copied = copyWithNewIds([priya, doc.stakeholders.tom], Object.values(doc.ties));
    expect(copied.stakeholders).toHaveLength(2);
    const [p, t] = copied.stakeholders;
    expect(p.id).not.toBe('priya');
    expect(copied.ids.get('priya')).toBe(p.id);
    expect(copied.ids.get('tom')).toBe(t.id);
    expect(p.interactions[0].id).not.toBe('i1');
    expect(p.interactions[0].note).toBe('Lunch');
    // Only the tie among copied people (t1: Priya -> Tom) comes along.
    expect(copied.ties).toHaveLength(1);
    expect(copied.ties[0]).toMatchObject({ source: p.id, target: t.id, kind: 'influence', strength: 3 });
    expect(copied.ties[0].id).not.toBe('t1');
  });

  it('copies are independent of the originals', () => {
    const original = person('a', { tags: ['x'] });
    const [copy] = copyWithNewIds([original], []).stakeholders;
    copy.tags.push('y');
    expect(original.tags).toEqual(['x']);
  });

  it('lets the caller adjust each copy, seeing the original', () => {
    const original = person('a', { x: 10 });
    const [copy] = copyWithNewIds([original], [], (c, o) => ({ ...c, x: o.x + 5 })).stakeholders;
    expect(copy.x).toBe(15);
    expect(copy.id).not.toBe('a');
  });
});

describe('both copiers use it', () => {
  it('pasteClip: new ids, shifted, ties among the pasted people only', () => {
    const doc = teamDoc();
    const { doc: next, ids } = pasteClip(doc, copySelection(doc, ['priya', 'tom']), { x: 40, y: 40 });
    expect(ids).toHaveLength(2);
    expect(Object.keys(next.stakeholders)).toHaveLength(5);
    expect(Object.keys(next.ties)).toHaveLength(4);
    const pasted = ids.map((id) => next.stakeholders[id]);
    expect(pasted.map((s) => s.name)).toEqual(['priya (copy)', 'tom (copy)']);
    expect(pasted[1].x).toBe(doc.stakeholders.tom.x + 40);
  });

  it('asNewMap with reIdRecords: every id new, Me follows its copy', () => {
    const doc = updateMapMeta(docOf([person('a'), person('b')], [tie('t', 'a', 'b')]), { meId: 'a' });
    const copy = asNewMap(doc, { reIdRecords: true });
    expect(copy.map.id).not.toBe(doc.map.id);
    const ids = Object.keys(copy.stakeholders);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain('a');
    expect(copy.map.meId && copy.stakeholders[copy.map.meId].name).toBe('a');
    const [t] = Object.values(copy.ties);
    expect(copy.stakeholders[t.source].name).toBe('a');
    expect(copy.stakeholders[t.target].name).toBe('b');
    expect(Object.getPrototypeOf(copy.stakeholders)).toBeNull();
  });
});
