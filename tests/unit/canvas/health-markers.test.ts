import { describe, expect, it } from 'vitest';
import { createEdgeMapper } from '../../../src/canvas/flow-mapping';
import { polylineMidpoint } from '../../../src/canvas/geometry';
import { computeOverlay } from '../../../src/canvas/overlay';
import { logInteraction } from '../../../src/domain/nurture';
import type { MapDocument } from '../../../src/domain/types';
import { docOf, person, tie } from '../helpers/docs';

const TODAY = '2025-06-30';

describe('relationship health on the canvas', () => {
  const base = docOf(
    [person('me', { name: 'Me' }), person('p', { name: 'Priya', cadenceDays: 30, interactions: [{ id: 'i', date: '2025-04-01', kind: 'coffee', note: '' }] }), person('t', { name: 'Tom' })],
    [tie('mp', 'me', 'p', 'trust'), tie('pt', 'p', 't', 'influence'), tie('mt', 'me', 't', 'influence')],
  );
  const doc: MapDocument = { ...base, map: { ...base.map, meId: 'me' } };
  const overlayOf = (d: MapDocument) => computeOverlay({ doc: d, analysis: null, lens: 'none', sizeBy: 'influence', colourBy: 'stance', paths: null, today: TODAY }).overlay;

  it('marks ties to Me with the person’s health and says it in the tie’s name; other ties and unlogged people get nothing', () => {
    // Priya: last spoke 90 days ago, every 30 days: at risk.
    const edges = createEdgeMapper()(doc, new Set(), overlayOf(doc));
    const byId = Object.fromEntries(edges.map((e) => [e.id, e]));
    expect(byId.mp.data!.health).toBe('at-risk');
    expect(byId.mp.ariaLabel).toMatch(/; relationship at risk$/);
    expect(byId.pt.data!.health).toBeUndefined();
    expect(byId.mt.data!.health).toBeUndefined();
  });

  it('a logged catch-up changes the marker', () => {
    const mapEdges = createEdgeMapper();
    mapEdges(doc, new Set(), overlayOf(doc));
    const logged = logInteraction(doc, 'p', { date: '2025-06-29', kind: 'meeting' });
    const edge = mapEdges(logged, new Set(), overlayOf(logged)).find((e) => e.id === 'mp')!;
    // Spoke yesterday, but 2025-04-01 is 90 days back, just outside the 90-day window: one contact day, fading.
    expect(edge.data!.health).toBe('fading');
  });
});

describe('polylineMidpoint', () => {
  it('finds the point halfway along an orthogonal connector', () => {
    expect(polylineMidpoint('M 0,0 L 0,10 L 30,10 L 30,20')).toEqual({ x: 15, y: 10 });
    expect(polylineMidpoint('M 5,5 L 5,5')).toEqual({ x: 5, y: 5 });
  });
});
