import { describe, expect, it } from 'vitest';
import { createEdgeMapper } from '../../../src/canvas/flow-mapping';
import { updateStakeholder } from '../../../src/domain/operations';
import { docOf, person, tie } from '../helpers/docs';

describe('ties for screen readers', () => {
  const doc = docOf([person('p', { name: 'Priya Shah' }), person('t', { name: 'Tom Becker' })], [tie('pt', 'p', 't', 'influence', { strength: 3 })]);

  it("a tie's accessible name is its sentence, and it leaves Tab to the canvas's own order", () => {
    const [edge] = createEdgeMapper()(doc, new Set());
    expect(edge.ariaLabel).toBe('Priya Shah influences Tom Becker (strong)');
    expect(edge.domAttributes).toEqual({ tabIndex: -1 });
  });

  it('renaming a person renames their ties; anything else about them keeps the same edge objects', () => {
    const mapEdges = createEdgeMapper();
    const first = mapEdges(doc, new Set());
    const retitled = updateStakeholder(doc, 'p', { title: 'CFO' });
    expect(mapEdges(retitled, new Set())).toBe(first);
    const renamed = updateStakeholder(retitled, 'p', { name: 'Priya Raman' });
    expect(mapEdges(renamed, new Set())[0].ariaLabel).toBe('Priya Raman influences Tom Becker (strong)');
  });
});

describe('a drop keeps the edges without a pass over the ties', () => {
  const doc = docOf([person('p', { name: 'Priya Shah' }), person('t', { name: 'Tom Becker' }), person('s', { name: 'Sam Ode' })], [tie('pt', 'p', 't', 'influence', { strength: 3 }), tie('ts', 't', 's', 'trust')]);
  const none = new Set<string>();

  it('a move, with the overlay recomputed into new but equal objects, gives the same list', () => {
    const mapEdges = createEdgeMapper();
    const first = mapEdges(doc, none, { faded: new Set(['s']), health: new Map([['pt', 'strong' as const]]) });
    const moved = updateStakeholder(doc, 't', { x: 400, y: 80 });
    expect(mapEdges(moved, none, { faded: new Set(['s']), health: new Map([['pt', 'strong' as const]]) })).toBe(first);
  });

  it('what the overlay says about ties, the selection, a removed person and a rename still reach the edges', () => {
    const mapEdges = createEdgeMapper();
    mapEdges(doc, none, {});
    const moved = updateStakeholder(doc, 't', { x: 400, y: 80 });
    expect(mapEdges(moved, none, { faded: new Set(['s']) }).find((e) => e.id === 'ts')!.data!.faded).toBe(true);
    expect(mapEdges(moved, none, { faded: new Set(['s']), health: new Map([['pt', 'fading' as const]]) }).find((e) => e.id === 'pt')!.data!.health).toBe('fading');
    expect(mapEdges(moved, new Set(['pt']), {}).find((e) => e.id === 'pt')!.selected).toBe(true);
    expect(mapEdges(moved, none, { hidden: new Set(['s']) }).map((e) => e.id)).toEqual(['pt']);
    const stakeholders = Object.assign(Object.create(null), moved.stakeholders) as typeof moved.stakeholders;
    delete stakeholders.s;
    expect(mapEdges({ ...moved, stakeholders }, none, {}).find((e) => e.id === 'ts')!.data!.ends).toEqual(['Tom Becker', undefined]);
    const renamed = updateStakeholder(moved, 't', { name: 'Tomas Becker' });
    expect(mapEdges(renamed, none, {})[0].ariaLabel).toBe('Priya Shah influences Tomas Becker (strong)');
  });
});
