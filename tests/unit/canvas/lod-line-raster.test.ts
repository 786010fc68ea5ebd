/**
 * Zoomed out on a whole company the level-of-detail layer rasterises its ties in typed arrays
 * (lod/line-raster.ts) instead of stroking them: the picture must be the one stroking one path
 * per look gives (lines where they are, the look's colour and opacity, overlaps within a look not
 * adding up, dashes, later looks on top), or the speed would be bought with a wrong map.
 */
import { describe, expect, it } from 'vitest';
import { LineRaster, parseHexColour } from '../../../src/canvas/lod/line-raster';

const alphaAt = (r: LineRaster, x: number, y: number) => r.rgba[(y * r.width + x) * 4 + 3];
const rgbAt = (r: LineRaster, x: number, y: number) => [...r.rgba.slice((y * r.width + x) * 4, (y * r.width + x) * 4 + 3)];

describe('line raster', () => {
  it('draws a horizontal line on the pixel row it runs through, in the colour and opacity given', () => {
    const r = new LineRaster(20, 10);
    r.line(2, 4.5, 18, 4.5, 1, null);
    r.commit(255, 0, 0, 0.5);
    for (let x = 2; x < 18; x++) {
      expect(alphaAt(r, x, 4)).toBe(128);
      expect(rgbAt(r, x, 4)).toEqual([255, 0, 0]);
      expect(alphaAt(r, x, 3)).toBe(0);
      expect(alphaAt(r, x, 5)).toBe(0);
    }
    // Butt ends: nothing before the start or after the end.
    expect(alphaAt(r, 1, 4)).toBe(0);
    expect(alphaAt(r, 18, 4)).toBe(0);
  });

  it('anti-aliases a line between two rows and keeps steep lines as thin as shallow ones', () => {
    const r = new LineRaster(20, 20);
    r.line(0, 5, 20, 5, 1, null);
    r.line(10, 0, 10, 20, 1, null);
    r.commit(0, 0, 255, 1);
    // Halfway between rows 4 and 5: half coverage on each.
    expect(alphaAt(r, 3, 4)).toBe(128);
    expect(alphaAt(r, 3, 5)).toBe(128);
    expect(alphaAt(r, 9, 15)).toBe(128);
    expect(alphaAt(r, 10, 15)).toBe(128);
    expect(alphaAt(r, 12, 15)).toBe(0);
  });

  it('puts down as much colour along a diagonal as a stroke of that width (its area)', () => {
    const r = new LineRaster(40, 40);
    r.line(0, 0, 40, 40, 1, null);
    r.commit(0, 0, 0, 1);
    let ink = 0;
    for (let y = 0; y < 40; y++) ink += alphaAt(r, 20, y) / 255;
    expect(ink).toBeCloseTo(Math.SQRT2, 1);
  });

  it('does not add up lines of one look that overlap (one path), but does across looks', () => {
    const once = new LineRaster(10, 4);
    once.line(0, 1.5, 10, 1.5, 1, null);
    once.commit(0, 0, 0, 0.5);
    const twice = new LineRaster(10, 4);
    twice.line(0, 1.5, 10, 1.5, 1, null);
    twice.line(0, 1.5, 10, 1.5, 1, null);
    twice.commit(0, 0, 0, 0.5);
    expect([...twice.rgba]).toEqual([...once.rgba]);
    // A second look over the first: source-over, 1 - (1 - 0.5)^2 = 0.75.
    once.line(0, 1.5, 10, 1.5, 1, null);
    once.commit(255, 255, 255, 0.5);
    expect(Math.abs(alphaAt(once, 5, 1) - 191)).toBeLessThanOrEqual(1);
    // Half of the white over half-transparent black: (255 * 0.5) / 0.75 = 170.
    for (const c of rgbAt(once, 5, 1)) expect(Math.abs(c - 170)).toBeLessThanOrEqual(1);
  });

  it('leaves the gaps of a dash pattern, from each line\'s start, in either direction', () => {
    for (const [from, to] of [[0, 30], [30, 0]]) {
      const r = new LineRaster(30, 3);
      r.line(from, 1.5, to, 1.5, 1, [6, 4]);
      r.commit(0, 0, 0, 1);
      const on = Array.from({ length: 30 }, (_, x) => (alphaAt(r, from === 0 ? x : 29 - x, 1) > 0 ? 1 : 0)).join('');
      expect(on).toBe('111111000011111100001111110000');
    }
  });

  it('draws a line below one pixel wide fainter, and clips lines that run off the image', () => {
    const r = new LineRaster(10, 10);
    r.line(-1000, 2.5, 1000, 2.5, 0.8, null);
    r.line(5.5, -5000, 5.5, 5000, 1, null);
    r.line(-50, -50, -10, -20, 1, null);
    r.commit(0, 0, 0, 1);
    expect(alphaAt(r, 0, 2)).toBe(204);
    expect(alphaAt(r, 9, 2)).toBe(204);
    expect(alphaAt(r, 5, 0)).toBe(255);
    expect(alphaAt(r, 5, 9)).toBe(255);
    expect(alphaAt(r, 0, 0)).toBe(0);
  });

  it('reads the palette\'s hex colours and refuses anything else', () => {
    expect(parseHexColour('#4338ca')).toEqual([0x43, 0x38, 0xca]);
    expect(parseHexColour('#fff')).toEqual([255, 255, 255]);
    expect(parseHexColour('var(--tie)')).toBeNull();
  });
});
