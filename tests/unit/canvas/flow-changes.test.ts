import type { EdgeChange, NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { hasPositions, reduceEdgeChanges, reduceNodeChanges } from '../../../src/canvas/flow-changes';

const select = (id: string, selected: boolean) => ({ type: 'select', id, selected }) as NodeChange;
const move = (id: string, x: number, y: number, dragging: boolean) => ({ type: 'position', id, position: { x, y }, dragging }) as NodeChange;

describe('reduceNodeChanges', () => {
  it('adds to and takes from the current selection, without changing it in place', () => {
    const current = new Set(['a', 'b']);
    const { selection } = reduceNodeChanges(current, [select('c', true), select('a', false)]);
    expect(selection && [...selection].sort()).toEqual(['b', 'c']);
    expect([...current]).toEqual(['a', 'b']);
  });

  it('no select change: the selection is untouched (null)', () => {
    expect(reduceNodeChanges(new Set(['a']), [move('a', 1, 2, true)]).selection).toBeNull();
    expect(reduceNodeChanges(new Set(['a']), [{ type: 'dimensions', id: 'a' } as NodeChange]).selection).toBeNull();
  });

  it('splits position changes into moving (dragging) and dropped (let go)', () => {
    const out = reduceNodeChanges(new Set(), [move('a', 1, 2, true), move('b', 3, 4, false), { type: 'position', id: 'c' } as NodeChange]);
    expect({ ...out.moving }).toEqual({ a: { x: 1, y: 2 } });
    expect({ ...out.dropped }).toEqual({ b: { x: 3, y: 4 } });
    expect(hasPositions(out.moving)).toBe(true);
  });

  it('views whose cards do not move ignore position changes but still select', () => {
    const out = reduceNodeChanges(new Set(), [move('a', 1, 2, false), select('a', true)], { movable: false });
    expect(hasPositions(out.dropped)).toBe(false);
    expect(hasPositions(out.moving)).toBe(false);
    expect(out.selection && [...out.selection]).toEqual(['a']);
  });

  it('keeps ids naming Object.prototype members as ordinary keys', () => {
    const out = reduceNodeChanges(new Set(), [move('__proto__', 5, 6, false), move('constructor', 1, 1, true)]);
    expect(Object.getPrototypeOf(out.dropped)).toBeNull();
    expect(out.dropped['__proto__']).toEqual({ x: 5, y: 6 });
    expect(out.moving['constructor']).toEqual({ x: 1, y: 1 });
  });
});

describe('reduceEdgeChanges', () => {
  it('selects and deselects ties; null when nothing is selected or deselected', () => {
    const sel = reduceEdgeChanges(new Set(['t1']), [{ type: 'select', id: 't2', selected: true } as EdgeChange, { type: 'select', id: 't1', selected: false } as EdgeChange]);
    expect(sel && [...sel]).toEqual(['t2']);
    expect(reduceEdgeChanges(new Set(['t1']), [{ type: 'remove', id: 't1' } as EdgeChange])).toBeNull();
  });
});

describe('hasPositions', () => {
  it('is false for an empty record', () => {
    expect(hasPositions(Object.create(null))).toBe(false);
  });
});
