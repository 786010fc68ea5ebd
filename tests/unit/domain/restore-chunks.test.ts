import { describe, expect, it } from 'vitest';
import { generateOrganisation } from '../../../src/analysis/generate';
import { restoreDocument, restoreDocumentInChunks } from '../../../src/domain/restore';

describe('restoring a large document in chunks', () => {
  it('gives the same document and report as restoring it at once, pausing between chunks', async () => {
    const doc = generateOrganisation(2500, 3);
    const people: unknown[] = Object.values(doc.stakeholders);
    // A damaged record and a duplicate, so the report has lines from more than one chunk.
    people.splice(10, 0, { id: 42 });
    people.push({ ...doc.stakeholders[Object.keys(doc.stakeholders)[0]] });
    const raw = { map: doc.map, stakeholders: people, ties: Object.values(doc.ties) };
    const whole = restoreDocument(raw, { source: 'indexeddb', mapId: doc.map.id });
    let pauses = 0;
    const chunked = await restoreDocumentInChunks(raw, { source: 'indexeddb', mapId: doc.map.id }, async () => void pauses++, 1000);
    expect(chunked).toEqual(whole);
    expect(whole.ok && Object.keys(whole.doc.stakeholders)).toHaveLength(2500);
    expect(whole.ok && whole.problems.length).toBe(2);
    // One pause per 1,000 records inside each list, and one after each list.
    const within = (n: number) => Math.floor((n - 1) / 1000);
    expect(pauses).toBe(within(people.length) + 1 + within(raw.ties.length) + 1);
    expect(pauses).toBeGreaterThanOrEqual(6);
  });
});
