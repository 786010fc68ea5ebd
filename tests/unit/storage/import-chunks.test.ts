/**
 * A large import crosses to the write worker in chunks and its revisions are made a chunk at a
 * time (issue 15: each was one long task on the page at 50,000 people); the result must be what
 * one message and one pass give.
 */
import { describe, expect, it } from 'vitest';
import { generateOrganisation } from '../../../src/analysis/generate';
import type { MapDocument } from '../../../src/domain/types';
import { initialRevisions, initialRevisionsInChunks } from '../../../src/storage/repository';
import { writeApi } from '../../../src/storage/write-api';

describe('large imports in chunks', () => {
  const doc = generateOrganisation(3000, 7);

  it('the write worker stores the records held in chunks together with the map sent last', async () => {
    const written: MapDocument[] = [];
    const api = writeApi(async (_db, d) => void written.push(d));
    const people = Object.values(doc.stakeholders);
    const ties = Object.values(doc.ties);
    for (let at = 0; at < Math.max(people.length, ties.length); at += 1000) api.hold({ stakeholders: people.slice(at, at + 1000), ties: ties.slice(at, at + 1000) });
    await api.write({ dbName: 'x', doc: { ...doc, stakeholders: Object.create(null), ties: Object.create(null) } });
    expect(Object.keys(written[0].stakeholders).sort()).toEqual(Object.keys(doc.stakeholders).sort());
    expect(Object.keys(written[0].ties).sort()).toEqual(Object.keys(doc.ties).sort());
    expect(written[0].map).toEqual(doc.map);
    // Held records are for one write only: the next map is written as sent.
    await api.write({ dbName: 'x', doc });
    expect(written[1]).toBe(doc);
  });

  it('revisions made in chunks are those made in one pass', async () => {
    expect(await initialRevisionsInChunks(doc)).toEqual(initialRevisions(doc));
  });
});
