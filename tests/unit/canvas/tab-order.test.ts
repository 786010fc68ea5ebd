import { describe, expect, it } from 'vitest';
import { readingOrder, tabOrder } from '../../../src/canvas/tab-order';
import { docOf, person, tie } from '../helpers/docs';

describe('tab order on the canvas', () => {
  it('reads people row by row, left to right, with slightly uneven rows kept together', () => {
    const order = readingOrder([
      { id: 'right', x: 400, y: 10 },
      { id: 'left', x: 0, y: 30 },
      { id: 'below', x: -50, y: 200 },
      { id: 'middle', x: 200, y: 0 },
    ]);
    expect(order).toEqual(['left', 'middle', 'right', 'below']);
  });

  it('visits every person before any tie, ties by their ends in reading order', () => {
    const doc = docOf(
      [person('a', { x: 0, y: 0 }), person('b', { x: 300, y: 0 }), person('c', { x: 0, y: 300 })],
      [tie('cb', 'c', 'b', 'influence'), tie('ab', 'a', 'b', 'trust')],
    );
    expect(tabOrder(doc)).toEqual([
      { kind: 'person', id: 'a' },
      { kind: 'person', id: 'b' },
      { kind: 'person', id: 'c' },
      { kind: 'tie', id: 'ab' },
      { kind: 'tie', id: 'cb' },
    ]);
    expect(tabOrder(doc, { ties: false }).map((i) => i.kind)).toEqual(['person', 'person', 'person']);
  });
});
