import { describe, expect, it } from 'vitest';
import { createEdgeMapper, createNodeMapper } from '../../../src/canvas/flow-mapping';
import { createSceneSplitter } from '../../../src/canvas/lod/scene';
import { createMapDocument, createStakeholder, createTie } from '../../../src/domain/factories';
import { updateTie } from '../../../src/domain/operations';
import { valuesOf, withEntry } from '../../../src/domain/records';
import type { MapDocument } from '../../../src/domain/types';

/** A map with `ties` ties between a few people (several parallel ties, so lanes matter). */
function mapWith(ties: number): MapDocument {
  const doc = createMapDocument('Slices');
  for (const id of ['a', 'b', 'c', 'd']) doc.stakeholders[id] = createStakeholder({ id, name: id.toUpperCase() });
  const ends = [['a', 'b'], ['b', 'c'], ['c', 'd'], ['a', 'b']] as const;
  for (let i = 0; i < ties; i++) {
    const [from, to] = ends[i % ends.length];
    doc.ties[`t${i}`] = createTie(from, to, 'influences', { id: `t${i}` });
  }
  return doc;
}

const none = new Set<string>();
const noPause = () => Promise.resolve();

describe('the edge mapper in slices (an opening whole company)', () => {
  it('maps every tie as one call would, and a call with the same arguments then returns those edges at once', async () => {
    const doc = mapWith(45_000);
    const sliced = createEdgeMapper();
    let pauses = 0;
    await sliced.prepare(doc, none, {}, async () => void pauses++, () => false);
    // 45,000 ties in slices of 5,000, twice (the lanes, then the edges): eight turns each time.
    expect(pauses).toBe(16);
    const edges = sliced(doc, none, {});
    expect(sliced(doc, none, {})).toBe(edges);
    expect(edges).toEqual(createEdgeMapper()(doc, none, {}));
  });

  it('an abandoned mapping leaves the mapper as it was: the next call maps everything', async () => {
    const before = mapWith(10);
    const doc = mapWith(45_000);
    const mapper = createEdgeMapper();
    const old = mapper(before, none, {});
    let turns = 0;
    await mapper.prepare(doc, none, {}, noPause, () => ++turns >= 1);
    const edges = mapper(doc, none, {});
    expect(edges).not.toBe(old);
    expect(edges).toHaveLength(45_000);
    expect(edges).toEqual(createEdgeMapper()(doc, none, {}));
  });

  it('a selection made while the slices run wins over them', async () => {
    const doc = mapWith(45_000);
    const mapper = createEdgeMapper();
    const selected = new Set(['t7']);
    await mapper.prepare(doc, none, {}, async () => void mapper(doc, selected, {}), () => false);
    const edges = mapper(doc, selected, {});
    expect(edges.find((e) => e.id === 't7')!.selected).toBe(true);
    expect(edges.filter((e) => e.selected)).toHaveLength(1);
  });
});

describe('the edge mapper after an edit of a few ties (a strength, a kind, a note)', () => {
  it('gives what a fresh mapper gives, reusing the edge of every tie the edit left alone', () => {
    // 400 influence ties, no two between the same people, and a trust tie beside the first.
    const start = createMapDocument('Edits');
    for (let i = 0; i < 40; i++) start.stakeholders[`p${i}`] = createStakeholder({ id: `p${i}`, name: `P${i}` });
    for (let k = 0; k < 400; k++) start.ties[`t${k}`] = createTie(`p${k % 40}`, `p${(k % 40 + 1 + Math.floor(k / 40)) % 40}`, 'influence', { id: `t${k}` });
    start.ties.tw = createTie('p0', 'p1', 'trust', { id: 'tw' });
    valuesOf(start.ties);
    const hidden = { hidden: new Set(['p3']) };
    for (const overlay of [{}, hidden]) {
      const mapper = createEdgeMapper();
      const before = mapper(start, none, overlay);
      const edited = updateTie(start, 't5', { strength: 3 });
      expect(edited.ok).toBe(true);
      let doc = (edited as { doc: MapDocument }).doc;
      const kindChanged = updateTie(doc, 't9', { kind: 'trust' });
      doc = (kindChanged as { doc: MapDocument }).doc;
      const after = mapper(doc, none, overlay);
      expect(after).toEqual(createEdgeMapper()(doc, none, overlay));
      const changed = after.filter((edge, i) => edge !== before[i]).map((e) => e.id);
      expect(changed).toEqual(['t5', 't9']);
      // A renamed person renames the sentences of their ties: those edges are new.
      const renamed = { ...doc, stakeholders: withEntry(doc.stakeholders, 'p1', { ...doc.stakeholders.p1, name: 'Bea' }) };
      const again = mapper(renamed, none, overlay);
      expect(again).toEqual(createEdgeMapper()(renamed, none, overlay));
      expect(again.find((e) => e.id === 't0')!.ariaLabel).toMatch(/Bea/);
    }
  });
});

describe('the level-of-detail scene of a whole company, built in slices', () => {
  it('is the scene a split would build, and the split then takes it as it is', async () => {
    const doc = mapWith(60_000);
    const nodes = createNodeMapper()(doc, none, null, {});
    const edges = createEdgeMapper()(doc, none, {});
    const splitter = createSceneSplitter();
    let pauses = 0;
    await splitter.prepare(nodes, edges, async () => void pauses++, () => false);
    // 60,000 ties in slices of 25,000: the page gets turns between.
    expect(pauses).toBeGreaterThanOrEqual(2);
    const split = splitter(nodes, edges, null);
    expect(split.base).toEqual(createSceneSplitter()(nodes, edges, null).base);
    expect(splitter(nodes, edges, null).base).toBe(split.base);
  });

  it('a stopped build leaves nothing half made: the split builds the whole scene itself', async () => {
    const doc = mapWith(60_000);
    const nodes = createNodeMapper()(doc, none, null, {});
    const edges = createEdgeMapper()(doc, none, {});
    const splitter = createSceneSplitter();
    await splitter.prepare(nodes, edges, noPause, () => true);
    expect(splitter(nodes, edges, null).base.tieCount).toBe(60_000);
  });
});

describe('the node mapper in slices (an opening whole company)', () => {
  function people(count: number): MapDocument {
    const doc = createMapDocument('People');
    for (let i = 0; i < count; i++) doc.stakeholders[`p${i}`] = createStakeholder({ id: `p${i}`, name: `Person ${i}`, x: i, y: i });
    return doc;
  }

  it('maps everyone as one call would, and a call with the same arguments then returns those nodes at once', async () => {
    const doc = people(25_000);
    const mapper = createNodeMapper();
    const overlay = {};
    let pauses = 0;
    await mapper.prepare(doc, none, null, overlay, async () => void pauses++, () => false);
    expect(pauses).toBe(2);
    const nodes = mapper(doc, none, null, overlay);
    expect(mapper(doc, none, null, overlay)).toBe(nodes);
    expect(nodes).toEqual(createNodeMapper()(doc, none, null, overlay));
  });

  it('an abandoned mapping gives nothing stale: the next call maps the new selection', async () => {
    const doc = people(25_000);
    const mapper = createNodeMapper();
    const overlay = {};
    await mapper.prepare(doc, none, null, overlay, noPause, () => true);
    const selected = new Set(['p3']);
    const nodes = mapper(doc, selected, null, overlay);
    expect(nodes).toHaveLength(25_000);
    expect(nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['p3']);
  });
});
