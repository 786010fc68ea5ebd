import { describe, expect, it } from 'vitest';
import { easeInOutCubic, frameAt, movingOnly } from '../../../src/layout/animate';

describe('layout animation frames', () => {
  it('eases from 0 to 1', () => {
    expect(easeInOutCubic(0)).toBe(0);
    expect(easeInOutCubic(1)).toBe(1);
    expect(easeInOutCubic(0.5)).toBeCloseTo(0.5);
    expect(easeInOutCubic(2)).toBe(1);
  });

  it('interpolates only moving cards', () => {
    const from = { a: { x: 0, y: 0 }, b: { x: 10, y: 10 } };
    const to = movingOnly(from, { a: { x: 100, y: 0 }, b: { x: 10, y: 10 }, gone: { x: 1, y: 1 } });
    expect(Object.keys(to)).toEqual(['a']);
    expect(frameAt(from, to, 0).a).toEqual({ x: 0, y: 0 });
    expect(frameAt(from, to, 0.5).a.x).toBeCloseTo(50);
    expect(frameAt(from, to, 1).a).toEqual({ x: 100, y: 0 });
  });
});
