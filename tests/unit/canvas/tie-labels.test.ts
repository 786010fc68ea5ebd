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
