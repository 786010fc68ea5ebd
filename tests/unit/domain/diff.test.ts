import { describe, expect, it } from 'vitest';
import { changeCount, diffDocuments, emptyChangeSet, isEmptyChangeSet, mergeRecord } from '../../../src/domain/diff';
import { addStakeholderAt, moveStakeholders, removeElements, updateMapMeta, updateStakeholder } from '../../../src/domain/operations';
import { teamDoc } from '../helpers/docs';

describe('diffDocuments', () => {
  it('finds nothing between a document and itself', () => {
    const doc = teamDoc();
    const changes = diffDocuments(doc, doc);
    expect(changes).toEqual(emptyChangeSet());
    expect(isEmptyChangeSet(changes)).toBe(true);
    expect(changeCount(changes)).toBe(0);
  });

  it('a move is one upserted person', () => {
    const doc = teamDoc();
    const next = moveStakeholders(doc, { tom: { x: 1, y: 2 } });
    const changes = diffDocuments(doc, next);
    expect(changes.upsertStakeholders).toEqual([next.stakeholders.tom]);
    expect(changeCount(changes)).toBe(1);
    expect(changes.map).toBeNull();
  });

  it('an added person is upserted; a deleted person and their ties are deleted', () => {
    const doc = teamDoc();
    const added = addStakeholderAt(doc, { x: 0, y: 0 });
    expect(diffDocuments(doc, added.doc).upsertStakeholders.map((s) => s.id)).toEqual([added.id]);
    const removed = diffDocuments(doc, removeElements(doc, ['tom']));
    expect(removed.deleteStakeholders).toEqual(['tom']);
    expect(removed.deleteTies.sort()).toEqual(['t1', 't2']);
    expect(removed.upsertTies).toEqual([]);
    expect(changeCount(removed)).toBe(3);
  });

  it('a renamed map is the map record only', () => {
    const doc = teamDoc();
    const next = updateMapMeta(doc, { name: 'Renamed' });
    const changes = diffDocuments(doc, next);
    expect(changes.map).toBe(next.map);
    expect(changeCount(changes)).toBe(1);
  });

  it('compares by reference: an edit counts even if reverted to equal content', () => {
    const doc = teamDoc();
    const edited = updateStakeholder(updateStakeholder(doc, 'tom', { name: 'x' }), 'tom', { name: 'tom' });
    expect(diffDocuments(doc, edited).upsertStakeholders).toHaveLength(1);
  });
});

describe('mergeRecord', () => {
  const base = { id: 'p', name: 'Tom', title: 'Rep', influence: 3, tags: ['a'] };

  it('keeps our edits on the fields we changed and theirs elsewhere', () => {
    const ours = { ...base, name: 'Tom Jones' };
    const theirs = { ...base, title: 'Head of Sales' };
    expect(mergeRecord(base, ours, theirs)).toEqual({ ...base, name: 'Tom Jones', title: 'Head of Sales' });
  });

  it('our value wins on a field both changed', () => {
    expect(mergeRecord(base, { ...base, influence: 5 }, { ...base, influence: 1 }).influence).toBe(5);
  });

  it('treats an equal array as unchanged even when it is a new array', () => {
    const ours = { ...base, tags: ['a'] };
    const theirs = { ...base, tags: ['a', 'b'] };
    expect(mergeRecord(base, ours, theirs).tags).toEqual(['a', 'b']);
    expect(mergeRecord(base, { ...base, tags: ['c'] }, theirs).tags).toEqual(['c']);
  });
});
