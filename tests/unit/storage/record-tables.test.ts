import { describe, expect, it } from 'vitest';
import { emptyChangeSet } from '../../../src/domain/diff';
import { updateStakeholder } from '../../../src/domain/operations';
import { StakeholderRecordType, TieRecordType } from '../../../src/domain/record-types';
import { RECORD_TABLES, STAKEHOLDER_TABLE, TIE_TABLE } from '../../../src/storage/record-tables';
import { revKey, type SaveResult } from '../../../src/storage/repository';
import { teamDoc } from '../helpers/docs';
import { freshDb, freshRepo } from '../helpers/storage';

const emptyResult = (): SaveResult => ({ written: 0, revs: new Map(), adopted: { map: null, stakeholders: [], ties: [] }, goneStakeholders: [], goneTies: [] });

// The repository reads, seals, merges and writes people and ties through these descriptors only,
// so a descriptor pointing at the other table's field would mix people and ties up silently.
describe('record table descriptors', () => {
  it('each names its own Dexie table, record type and revision key; people come first', () => {
    const db = freshDb();
    expect(RECORD_TABLES.map((t) => t.name)).toEqual(['stakeholders', 'ties']);
    expect(STAKEHOLDER_TABLE.rows(db)).toBe(db.stakeholders);
    expect(TIE_TABLE.rows(db)).toBe(db.ties);
    expect(STAKEHOLDER_TABLE.type).toBe(StakeholderRecordType);
    expect(TIE_TABLE.type).toBe(TieRecordType);
    expect(STAKEHOLDER_TABLE.revKey('x')).toBe(revKey.stakeholder('x'));
    expect(TIE_TABLE.revKey('x')).toBe(revKey.tie('x'));
    expect(new Set([revKey.map('x'), STAKEHOLDER_TABLE.revKey('x'), TIE_TABLE.revKey('x')]).size).toBe(3);
    db.close();
  });

  it('each finds its own records in a document, a change set and a save result', () => {
    const doc = teamDoc();
    expect(STAKEHOLDER_TABLE.inDoc(doc)).toBe(doc.stakeholders);
    expect(TIE_TABLE.inDoc(doc)).toBe(doc.ties);
    const changes = { ...emptyChangeSet(), upsertStakeholders: [doc.stakeholders.tom], deleteStakeholders: ['ann'], upsertTies: [doc.ties.t1], deleteTies: ['t2'] };
    expect(STAKEHOLDER_TABLE.upserts(changes)).toEqual([doc.stakeholders.tom]);
    expect(STAKEHOLDER_TABLE.deletes(changes)).toEqual(['ann']);
    expect(TIE_TABLE.upserts(changes)).toEqual([doc.ties.t1]);
    expect(TIE_TABLE.deletes(changes)).toEqual(['t2']);
    const result = emptyResult();
    STAKEHOLDER_TABLE.adopted(result).push(doc.stakeholders.tom);
    STAKEHOLDER_TABLE.gone(result).push('ann');
    TIE_TABLE.adopted(result).push(doc.ties.t1);
    TIE_TABLE.gone(result).push('t2');
    expect(result.adopted.stakeholders).toEqual([doc.stakeholders.tom]);
    expect(result.goneStakeholders).toEqual(['ann']);
    expect(result.adopted.ties).toEqual([doc.ties.t1]);
    expect(result.goneTies).toEqual(['t2']);
  });

  it('a locked map keeps only id, map id, revision and the seal in the clear, in every table; a backup entry carries each table under its key', async () => {
    const repo = freshRepo();
    const doc = teamDoc('Secret');
    await repo.createMap(doc);
    await repo.lockMap(doc.map.id, 'correct horse battery staple');
    const file = await repo.exportSealed(doc.map.id);
    for (const table of RECORD_TABLES) {
      const rows = await table.rows(repo.db).where('mapId').equals(doc.map.id).toArray();
      expect(rows).toHaveLength(Object.keys(table.inDoc(doc)).length);
      for (const row of rows) expect(Object.keys(row).sort()).toEqual(['id', 'mapId', 'rev', 'sealed']);
      expect(file[table.sealedKey].map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
    }
    // Stored again from the backup entry: each table gets its own rows back, and it opens.
    const copy = await repo.restoreSealed(file);
    for (const table of RECORD_TABLES) expect(await table.rows(repo.db).where('mapId').equals(copy).count()).toBe(Object.keys(table.inDoc(doc)).length);
    await repo.unlockMap(copy, 'correct horse battery staple');
    const loaded = await repo.loadMap(copy);
    expect(Object.keys(loaded!.doc.stakeholders).sort()).toEqual(Object.keys((await repo.loadMap(doc.map.id))!.doc.stakeholders).sort());
    repo.db.close();
  });

  it('a save reports what another tab changed per table: adopted people and ties, and a person deleted elsewhere stays gone', async () => {
    const repo = freshRepo();
    const doc = teamDoc();
    const revs = await repo.createMap(doc);
    // Another tab renames Tom and deletes Ann.
    const other = await repo.loadMap(doc.map.id);
    const theirs = updateStakeholder(other!.doc, 'tom', { name: 'Thomas' });
    await repo.saveChanges(doc.map.id, { ...emptyChangeSet(), upsertStakeholders: [theirs.stakeholders.tom], deleteStakeholders: ['ann'], deleteTies: ['t2', 't3'] }, { doc: other!.doc, revs: other!.revs });
    // This tab, from the old base, edits Tom's title and Ann's notes.
    const ours = updateStakeholder(updateStakeholder(doc, 'tom', { title: 'Lead' }), 'ann', { notes: 'x' });
    const result = await repo.saveChanges(doc.map.id, { ...emptyChangeSet(), upsertStakeholders: [ours.stakeholders.tom, ours.stakeholders.ann] }, { doc, revs });
    expect(result.adopted.stakeholders.map((s) => [s.name, s.title])).toEqual([['Thomas', 'Lead']]);
    expect(result.goneStakeholders).toEqual(['ann']);
    expect(result.adopted.ties).toEqual([]);
    expect(result.written).toBe(1);
    repo.db.close();
  });
});
