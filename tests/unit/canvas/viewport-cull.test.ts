import { describe, expect, it } from 'vitest';
import { createEdgeMapper, createNodeMapper } from '../../../src/canvas/flow-mapping';
import { cullToRegion, regionAround, regionFits } from '../../../src/canvas/viewport-cull';
import { createMapDocument, createTie } from '../../../src/domain/factories';
import { addStakeholderAt } from '../../../src/domain/operations';
import type { MapDocument } from '../../../src/domain/types';

/** A row of people 1,000 units apart (cards are 150 x 76), each tied to the next. */
function row(count: number): MapDocument {
  let doc = createMapDocument('Row');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = addStakeholderAt(doc, { x: i * 1000, y: 0 }, { name: `P${i}` });
    doc = r.doc;
    ids.push(r.id);
  }
  const ties = { ...doc.ties };
  for (let i = 1; i < count; i++) {
    const t = createTie(ids[i - 1], ids[i], 'influence');
    ties[t.id] = t;
  }
  return { ...doc, ties };
}

describe('zoomed in on a very large map, React Flow gets the region around the view', () => {
  const doc = row(10);
  const nodes = createNodeMapper()(doc, new Set(), null);
  const edges = createEdgeMapper()(doc, new Set());
  const name = (id: string) => doc.stakeholders[id].name;

  it('keeps the people in the region, their ties, and the far ends of those ties', () => {
    // Covers the cards of P3 and P4 only.
    const shown = cullToRegion(nodes, edges, { minX: 2900, minY: -100, maxX: 4100, maxY: 100 });
    expect(shown.nodes.map((n) => name(n.id))).toEqual(['P2', 'P3', 'P4', 'P5']);
    expect(shown.edges.map((e) => `${name(e.source)}-${name(e.target)}`)).toEqual(['P2-P3', 'P3-P4', 'P4-P5']);
  });

  it('an empty region hands over nothing', () => {
    const shown = cullToRegion(nodes, edges, { minX: 0, minY: 5000, maxX: 900, maxY: 6000 });
    expect(shown.nodes).toEqual([]);
    expect(shown.edges).toEqual([]);
  });

  it('the region is kept while the view pans inside it, and replaced when the view leaves it or zooms far out', () => {
    const view = { minX: 0, minY: 0, maxX: 1000, maxY: 500, zoom: 1 };
    const region = regionAround(view);
    expect(region).toEqual({ minX: -500, minY: -250, maxX: 1500, maxY: 750, zoom: 1 });
    expect(regionFits(region, { ...view, minX: 400, maxX: 1400 })).toBe(true);
    expect(regionFits(region, { ...view, minX: 600, maxX: 1600 })).toBe(false);
    // Zooming in keeps the view inside, but a region far bigger than the view is handed over again.
    expect(regionFits(region, { minX: 400, minY: 200, maxX: 500, maxY: 250, zoom: 10 })).toBe(false);
    expect(regionFits(null, view)).toBe(false);
  });
});
