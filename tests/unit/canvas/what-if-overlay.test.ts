import { describe, expect, it } from 'vitest';
import type { WhatIfResult } from '../../../src/analysis/what-if';
import { withWhatIf } from '../../../src/canvas/what-if-overlay';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../../src/domain/factories';

const doc = documentFrom(
  createMapMeta('m', 0),
  ['me', 'x', 'y', 'z'].map((id) => createStakeholder({ id, name: id })),
  [createTie('me', 'x', 'trust', { id: 't1' }), createTie('x', 'y', 'trust', { id: 't2' }), createTie('x', 'z', 'influence', { id: 't3' }), createTie('me', 'z', 'trust', { id: 't4' })],
);
const result = { removedIds: ['x'], brokenPathTieIds: ['t1', 't2'] } as WhatIfResult;

describe('withWhatIf', () => {
  it('crosses out the people who leave, draws the broken routes and fades their other ties', () => {
    const o = withWhatIf({ faded: new Set(['z']) }, doc, ['x'], result);
    expect([...o.removed!]).toEqual(['x']);
    expect([...o.broken!].sort()).toEqual(['t1', 't2']);
    expect([...o.fadedTies!]).toEqual(['t3']);
    // The lens' fading stays; the zoomed-out layer sees the same marks as faded / highlighted.
    expect([...o.faded!].sort()).toEqual(['x', 'z']);
    expect([...o.highlightedTies!].sort()).toEqual(['t1', 't2']);
  });

  it('draws no routes from a result for another set of people, and nothing when closed', () => {
    const o = withWhatIf({}, doc, ['x', 'y'], result);
    expect(o.broken!.size).toBe(0);
    const base = {};
    expect(withWhatIf(base, doc, [], result)).toBe(base);
  });
});
