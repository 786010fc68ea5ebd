import { describe, expect, it } from 'vitest';
import { dropDanglingTies, isQuietMerge, mergeDocuments, mergeFields } from '../../../src/domain/merge';
import { connect, removeElements, updateMapMeta, updateStakeholder, updateTie } from '../../../src/domain/operations';
import { diffDocuments, isEmptyChangeSet } from '../../../src/domain/diff';
import { emptyRecord, hasEntry } from '../../../src/domain/records';
import { docOf, person, teamDoc, tie } from '../helpers/docs';

describe('mergeFields', () => {
  it('keeps our changed fields, takes theirs for the rest, and names fields both changed differently', () => {
    const base = { name: 'Tom', title: 'Rep', notes: '' };
    const ours = { name: 'Tom Jones', title: 'Rep', notes: 'ours' };
    const theirs = { name: 'Tom', title: 'Head of Sales', notes: 'theirs' };
    const { value, conflicts } = mergeFields(base, ours, theirs);
    expect(value).toEqual({ name: 'Tom Jones', title: 'Head of Sales', notes: 'ours' });
    expect(conflicts).toEqual(['notes']);
  });

  it('the same change on both sides is no conflict', () => {
    const base = { name: 'Tom' };
    expect(mergeFields(base, { name: 'Ann' }, { name: 'Ann' }).conflicts).toEqual([]);
  });
});

describe('mergeDocuments', () => {
  it('different fields of the same person: both kept', () => {
    const base = teamDoc();
    const local = updateStakeholder(base, 'tom', { title: 'Head of Sales' });
    const remote = updateStakeholder(base, 'tom', { notes: 'Met at the offsite' });
    const { doc, report } = mergeDocuments(base, local, remote);
    expect(doc.stakeholders.tom.title).toBe('Head of Sales');
    expect(doc.stakeholders.tom.notes).toBe('Met at the offsite');
    expect(doc.stakeholders.tom.name).toBe('tom');
    expect(isQuietMerge(report)).toBe(true);
  });

  it('the same field changed on both sides: local kept, reported as a conflict', () => {
    const base = teamDoc();
    const local = updateStakeholder(base, 'tom', { title: 'Ours' });
    const remote = updateStakeholder(base, 'tom', { title: 'Theirs', influence: 5 });
    const { doc, report } = mergeDocuments(base, local, remote);
    expect(doc.stakeholders.tom.title).toBe('Ours');
    expect(doc.stakeholders.tom.influence).toBe(5);
    expect(report.conflicts).toEqual([{ table: 'stakeholders', id: 'tom', field: 'title' }]);
  });

  it('records only one side touched keep that side\'s object (diffs stay pointer comparisons)', () => {
    const base = teamDoc();
    const local = updateStakeholder(base, 'tom', { title: 'Lead' });
    const remote = updateStakeholder(base, 'ann', { title: 'Director' });
    const { doc } = mergeDocuments(base, local, remote);
    expect(doc.stakeholders.tom).toBe(local.stakeholders.tom);
    expect(doc.stakeholders.ann).toBe(remote.stakeholders.ann);
    expect(doc.stakeholders.priya).toBe(base.stakeholders.priya);
    expect(doc.ties).toBe(local.ties);
  });

  it('remote unchanged: local is returned as it is', () => {
    const base = teamDoc();
    const local = updateStakeholder(base, 'tom', { title: 'Lead' });
    expect(mergeDocuments(base, local, base).doc).toBe(local);
  });

  it('local unchanged: the result holds exactly remote\'s changes', () => {
    const base = teamDoc();
    const remote = updateMapMeta(updateStakeholder(base, 'tom', { title: 'Lead' }), { name: 'Renamed' });
    const { doc } = mergeDocuments(base, base, remote);
    expect(isEmptyChangeSet(diffDocuments(remote, doc))).toBe(true);
  });

  it('deleted remotely, edited locally: it stays deleted, with its ties', () => {
    const base = teamDoc();
    const local = updateStakeholder(base, 'tom', { notes: 'Call back' });
    const remote = removeElements(base, ['tom']);
    const { doc, report } = mergeDocuments(base, local, remote);
    expect(hasEntry(doc.stakeholders, 'tom')).toBe(false);
    expect(Object.keys(doc.ties)).toEqual(['t3']);
    expect(report.deletedEdited).toEqual([{ table: 'stakeholders', id: 'tom', deletedBy: 'remote' }]);
  });

  it('deleted locally, edited remotely: it stays deleted', () => {
    const base = teamDoc();
    const local = removeElements(base, ['tom']);
    const remote = updateStakeholder(base, 'tom', { notes: 'Call back' });
    const { doc, report } = mergeDocuments(base, local, remote);
    expect(hasEntry(doc.stakeholders, 'tom')).toBe(false);
    expect(report.deletedEdited).toEqual([{ table: 'stakeholders', id: 'tom', deletedBy: 'local' }]);
  });

  it('a tie drawn locally to a person deleted remotely is dropped and reported', () => {
    const base = teamDoc();
    const drawn = connect(base, 'priya', 'ann', 'influence');
    if (!drawn.ok || !drawn.id) throw new Error('tie not drawn');
    const remote = removeElements(base, ['ann']);
    const { doc, report } = mergeDocuments(base, drawn.doc, remote);
    expect(hasEntry(doc.ties, drawn.id)).toBe(false);
    // t2 and t3 went with Ann on the remote side; only the local tie needed dropping here.
    expect(report.droppedTies).toEqual([drawn.id]);
    expect(Object.keys(doc.ties)).toEqual(['t1']);
  });

  it('a tie added remotely to a person deleted locally is dropped', () => {
    const base = teamDoc();
    const local = removeElements(base, ['priya']);
    const remote = updateTie(base, 't2', { strength: 1 });
    if (!remote.ok) throw new Error('not updated');
    const added = connect(remote.doc, 'priya', 'tom', 'trust');
    if (!added.ok || !added.id) throw new Error('tie not drawn');
    const { doc, report } = mergeDocuments(base, local, added.doc);
    expect(hasEntry(doc.ties, added.id)).toBe(false);
    expect(doc.ties.t2.strength).toBe(1);
    expect(report.droppedTies).toEqual([added.id]);
  });

  it('records added on both sides are all kept; map fields merge too', () => {
    const base = docOf([person('a')]);
    const local = { ...updateMapMeta(base, { name: 'Ours' }), stakeholders: { ...base.stakeholders, b: person('b') } };
    const remote = { ...base, map: { ...base.map, meId: 'a' }, stakeholders: { ...base.stakeholders, c: person('c') } };
    const { doc } = mergeDocuments(base, local, remote);
    expect(Object.keys(doc.stakeholders).sort()).toEqual(['a', 'b', 'c']);
    expect(doc.map.name).toBe('Ours');
    expect(doc.map.meId).toBe('a');
  });

  it('"Me" deleted locally while remote set it: Me is cleared', () => {
    const base = docOf([person('a'), person('b')]);
    const local = removeElements(base, ['a']);
    const remote = updateMapMeta(base, { meId: 'a' });
    const { doc, report } = mergeDocuments(base, local, remote);
    expect(doc.map.meId).toBeNull();
    expect(report.meCleared).toBe(true);
  });

  it('keeps ids naming Object.prototype members as ordinary records', () => {
    const base = docOf([person('__proto__'), person('constructor')], [tie('toString', '__proto__', 'constructor')]);
    const local = updateStakeholder(base, '__proto__', { title: 'Ours' });
    const remote = updateStakeholder(base, 'constructor', { title: 'Theirs' });
    const { doc } = mergeDocuments(base, local, remote);
    expect(Object.getPrototypeOf(doc.stakeholders)).toBeNull();
    expect(doc.stakeholders['__proto__'].title).toBe('Ours');
    expect(doc.stakeholders['constructor'].title).toBe('Theirs');
    expect(hasEntry(doc.ties, 'toString')).toBe(true);
  });
});

describe('dropDanglingTies', () => {
  it('returns the same document when every tie has both ends', () => {
    const doc = teamDoc();
    expect(dropDanglingTies(doc).doc).toBe(doc);
  });

  it('drops ties with a missing end', () => {
    const doc = teamDoc();
    const stakeholders = emptyRecord<(typeof doc.stakeholders)[string]>();
    stakeholders.priya = doc.stakeholders.priya;
    stakeholders.tom = doc.stakeholders.tom;
    const { doc: whole, dropped } = dropDanglingTies({ ...doc, stakeholders });
    expect(dropped.map((t) => t.id).sort()).toEqual(['t2', 't3']);
    expect(Object.keys(whole.ties)).toEqual(['t1']);
  });
});
