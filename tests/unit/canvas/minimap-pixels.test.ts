import { describe, expect, it } from 'vitest';
import type { StakeholderFlowNode } from '../../../src/canvas/flow-mapping';
import { paintMarks } from '../../../src/canvas/lod/LodMiniMap';
import { lodPalette } from '../../../src/canvas/lod/draw';

/** A canvas context that only holds pixels (what paintMarks uses). */
function pixelContext(width: number, height: number) {
  let put: ImageData | null = null;
  const ctx = {
    canvas: { width, height } as HTMLCanvasElement,
    createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4), colorSpace: 'srgb' }) as ImageData,
    putImageData: (image: ImageData) => void (put = image),
  } as unknown as Pick<CanvasRenderingContext2D, 'canvas' | 'createImageData' | 'putImageData'>;
  const at = (x: number, y: number) => Array.from(put!.data.slice((y * width + x) * 4, (y * width + x) * 4 + 4));
  return { ctx, at };
}

const node = (id: string, x: number, y: number, stance: string) => ({ id, position: { x, y }, width: 150, height: 76, data: { person: { stance } } }) as unknown as StakeholderFlowNode;

describe('the minimap of a whole company, written as pixels', () => {
  it('colours the pixels each mark covers, later people over earlier ones, and leaves the rest clear', () => {
    const { ctx, at } = pixelContext(20, 10);
    const palette = lodPalette('light');
    const colours: Record<string, [number, number, number, number]> = { [palette.stance.champion]: [0, 128, 0, 255], [palette.stance.blocker]: [200, 0, 0, 255] };
    // One flow unit per 15 at dpr 1: a 150 x 76 card is 10 x 5.07 pixels.
    paintMarks(ctx, [node('a', 0, 0, 'champion'), node('b', 75, 0, 'blocker')], palette, { x: 0, y: 0, scale: 15 }, 1, (c) => colours[c]);
    expect(at(0, 0)).toEqual([0, 128, 0, 255]);
    expect(at(4, 4)).toEqual([0, 128, 0, 255]);
    // b starts at pixel 5 and is drawn after a: on top.
    expect(at(5, 0)).toEqual([200, 0, 0, 255]);
    expect(at(14, 4)).toEqual([200, 0, 0, 255]);
    expect(at(15, 0)).toEqual([0, 0, 0, 0]);
    // The 0.07 of a pixel row 5 gets is a faint line, as the canvas's anti-aliasing draws it.
    expect(at(0, 5)).toEqual([0, 128, 0, 17]);
    expect(at(0, 6)).toEqual([0, 0, 0, 0]);
  });

  it('a mark over part of a pixel blends with what is under it by the share it covers', () => {
    const { ctx, at } = pixelContext(4, 1);
    const palette = lodPalette('light');
    const colours: Record<string, [number, number, number, number]> = { [palette.stance.champion]: [0, 0, 200, 255], [palette.stance.blocker]: [200, 0, 0, 255] };
    // Both one pixel high and 1.5 wide: each covers half of pixel 1, the second drawn over the
    // first, leaving the seam the canvas's anti-aliasing leaves (red over blue, 3/4 opaque).
    paintMarks(ctx, [node('a', 0, 0, 'champion'), node('b', 150, 0, 'blocker')], palette, { x: 0, y: 0, scale: 100 }, 1, (c) => colours[c]);
    expect(at(0, 0)).toEqual([0, 0, 200, 255]);
    expect(at(1, 0)).toEqual([133, 0, 67, 192]);
    expect(at(2, 0)).toEqual([200, 0, 0, 255]);
  });

  it('a mark smaller than a pixel is drawn one CSS pixel wide, and marks outside the image are clipped', () => {
    const { ctx, at } = pixelContext(10, 10);
    const palette = lodPalette('light');
    // At dpr 2 a CSS pixel is two device pixels: from 0.06 to 2.06 each way.
    paintMarks(ctx, [node('tiny', 30, 30, 'champion'), node('out', 5000, 5000, 'champion')], palette, { x: 0, y: 0, scale: 1000 }, 2, () => [1, 2, 3, 255]);
    expect(at(1, 1)).toEqual([1, 2, 3, 255]);
    expect(at(0, 0)[3]).toBe(225);
    expect(at(3, 0)).toEqual([0, 0, 0, 0]);
    expect(at(9, 9)).toEqual([0, 0, 0, 0]);
  });
});
