import { describe, expect, it } from 'vitest';
import { createEdgeMapper, createNodeMapper } from '../../../src/canvas/flow-mapping';
import { computeOverlay } from '../../../src/canvas/overlay';
import { buildScene } from '../../../src/canvas/lod/scene';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../../src/domain/factories';

// boss <- a <- b (reporting lines); c influences b; c is in Sales, the rest in Ops.
const doc = documentFrom(
  createMapMeta('m', 0),
  [
    createStakeholder({ id: 'boss', name: 'boss', department: 'Ops' }),
    createStakeholder({ id: 'a', name: 'a', department: 'Ops' }),
    createStakeholder({ id: 'b', name: 'b', department: 'Ops' }),
    createStakeholder({ id: 'c', name: 'c', department: 'Sales' }),
  ],
  [createTie('a', 'boss', 'reports-to', { id: 't1' }), createTie('b', 'a', 'reports-to', { id: 't2' }), createTie('c', 'b', 'influence', { id: 't3' })],
);
const base = { doc, analysis: null, lens: 'none', sizeBy: 'influence', colourBy: 'stance', paths: null } as const;
const none = new Set<string>();

describe('collapsed teams on the canvas', () => {
  it('leaves the hidden people and their ties out of React Flow and the level-of-detail scene', () => {
    const { overlay } = computeOverlay({ ...base, collapsed: new Set(['boss']) });
    const nodes = createNodeMapper()(doc, none, null, overlay);
    const edges = createEdgeMapper()(doc, none, overlay);
    expect(nodes.map((n) => n.id)).toEqual(['boss', 'c']);
    expect(nodes[0].data.hiddenCount).toBe(2);
    expect(nodes[1].data.hiddenCount).toBeUndefined();
    // c's tie to b goes with b.
    expect(edges).toEqual([]);
    const scene = buildScene(nodes, edges);
    expect(scene.count).toBe(2);
  });

  it('plays with filters: collapsed people are hidden, the rest are faded by the filter as before', () => {
    const { overlay } = computeOverlay({ ...base, collapsed: new Set(['a']), filters: { departments: ['Sales'] } });
    const nodes = createNodeMapper()(doc, none, null, overlay);
    expect(nodes.map((n) => [n.id, n.data.faded, n.data.hiddenCount ?? 0])).toEqual([
      ['boss', true, 0],
      ['a', true, 1],
      ['c', false, 0],
    ]);
  });

  it('draws everyone again once expanded (the node cache does not keep a stale count)', () => {
    const mapNodes = createNodeMapper();
    const mapEdges = createEdgeMapper();
    const collapsed = computeOverlay({ ...base, collapsed: new Set(['boss']) }).overlay;
    mapNodes(doc, none, null, collapsed);
    mapEdges(doc, none, collapsed);
    const open = computeOverlay({ ...base, collapsed: new Set() }).overlay;
    const nodes = mapNodes(doc, none, null, open);
    expect(nodes.map((n) => n.id)).toEqual(['boss', 'a', 'b', 'c']);
    expect(nodes[0].data.hiddenCount).toBeUndefined();
    expect(mapEdges(doc, none, open).map((e) => e.id)).toEqual(['t1', 't2', 't3']);
  });
});
