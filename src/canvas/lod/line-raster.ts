/**
 * Level of detail, many thin lines at once. Zoomed out on a whole company (50,000 people, 250,000
 * ties) the lines are hundreds of pixels long and cross the whole image: Skia's anti-aliased path
 * stroking took the raster worker 6-10 s for them. This draws the same picture in plain typed-array
 * loops, one pass per pixel a line covers (about a second for those 90 million pixels).
 *
 * Same rules as stroking one path per look (draw.ts): within a look, overlapping lines do not add
 * up (a pixel's coverage is the largest any of its lines gives it, as a path's filled union), and
 * each look is laid over the image before it at the look's colour and opacity (source-over).
 * Lines are anti-aliased along their minor axis, butt-ended, dashed from each line's start.
 * Pure: no DOM; the result is a non-premultiplied RGBA buffer ready for ImageData.
 */

/** `#rgb` or `#rrggbb` as [r, g, b], or null for anything else (the caller then strokes instead). */
export function parseHexColour(colour: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
}

export class LineRaster {
  /** The image so far, non-premultiplied RGBA, row-major. */
  readonly rgba: Uint8ClampedArray<ArrayBuffer>;
  /** Coverage of the look being drawn (0-255), and the pixels it has touched. */
  private readonly mask: Uint8Array;
  private touched: Int32Array;
  private touchedCount = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rgba = new Uint8ClampedArray(width * height * 4);
    this.mask = new Uint8Array(width * height);
    this.touched = new Int32Array(Math.min(width * height, 1 << 16));
  }

  /**
   * Adds a line of the current look, in pixels. `lineWidth` in pixels (under 1: a fainter hairline,
   * as Skia draws it); `dash`: on/off lengths in pixels, or null for solid.
   */
  line(x0: number, y0: number, x1: number, y1: number, lineWidth: number, dash: readonly number[] | null): void {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const steep = Math.abs(dy) > Math.abs(dx);
    // Walk the major axis one pixel centre at a time; u: major, v: minor.
    const u0 = steep ? y0 : x0;
    const v0 = steep ? x0 : y0;
    const du = steep ? dy : dx;
    const dv = steep ? dx : dy;
    if (du === 0) return;
    const uSize = steep ? this.height : this.width;
    const vSize = steep ? this.width : this.height;
    const slope = dv / du;
    const length = Math.hypot(dx, dy);
    // Along-line distance per major-axis pixel (for dashes), from the line's own start.
    const perU = length / Math.abs(du);
    // The line's extent across the minor axis: its width measured square to the line, so a
    // diagonal line puts as much colour down as a stroked one (a thinner line is fainter).
    const half = (lineWidth * perU) / 2;
    let first = Math.ceil(Math.min(u0, u0 + du) - 0.5);
    let last = Math.floor(Math.max(u0, u0 + du) - 0.5);
    if (first < 0) first = 0;
    if (last > uSize - 1) last = uSize - 1;
    // Clip the walk to the columns where the line is within the image across the minor axis too.
    if (slope !== 0) {
      const a = u0 + (-half - 1 - v0) / slope - 0.5;
      const b = u0 + (vSize + half + 1 - v0) / slope - 0.5;
      const lo = Math.floor(Math.min(a, b));
      const hi = Math.ceil(Math.max(a, b));
      if (lo > first) first = lo;
      if (hi < last) last = hi;
    } else if (v0 + half < 0 || v0 - half > vSize) {
      return;
    }
    const period = dash ? dash.reduce((s, d) => s + d, 0) : 0;
    const { mask, width } = this;
    const forward = du > 0;
    for (let u = first; u <= last; u++) {
      const centre = u + 0.5;
      if (period > 0) {
        const along = (forward ? centre - u0 : u0 - centre) * perU;
        if (!dashOn(dash!, period, along)) continue;
      }
      const v = v0 + slope * (centre - u0);
      const top = v - half;
      const bottom = v + half;
      const rowFirst = Math.max(0, Math.floor(top));
      const rowLast = Math.min(vSize - 1, Math.floor(bottom));
      for (let r = rowFirst; r <= rowLast; r++) {
        const cover = Math.min(r + 1, bottom) - Math.max(r, top);
        if (cover <= 0) continue;
        const c = (cover * 255 + 0.5) | 0;
        if (c === 0) continue;
        const p = steep ? u * width + r : r * width + u;
        const old = mask[p];
        if (c > old) {
          if (old === 0) this.touch(p);
          mask[p] = c;
        }
      }
    }
  }

  /** Lays the current look's lines over the image in this colour and opacity, and starts a new look. */
  commit(r: number, g: number, b: number, alpha: number): void {
    const { mask, rgba, touched } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      const p = touched[i];
      const sa = (mask[p] / 255) * alpha;
      mask[p] = 0;
      const o = p * 4;
      const da = rgba[o + 3] / 255;
      const outA = sa + da * (1 - sa);
      if (outA <= 0) continue;
      const keep = (da * (1 - sa)) / outA;
      const put = sa / outA;
      rgba[o] = r * put + rgba[o] * keep;
      rgba[o + 1] = g * put + rgba[o + 1] * keep;
      rgba[o + 2] = b * put + rgba[o + 2] * keep;
      rgba[o + 3] = outA * 255;
    }
    this.touchedCount = 0;
  }

  private touch(p: number): void {
    if (this.touchedCount === this.touched.length) {
      const grown = new Int32Array(Math.min(this.width * this.height, this.touched.length * 2));
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[this.touchedCount++] = p;
  }
}

/** Is this distance along a line in an "on" stretch of the dash pattern (canvas setLineDash rules)? */
function dashOn(dash: readonly number[], period: number, along: number): boolean {
  // An odd-length pattern repeats twice over, as setLineDash does.
  const full = dash.length % 2 ? period * 2 : period;
  let d = along % full;
  if (d < 0) d += full;
  for (let i = 0; ; i++) {
    const seg = dash[i % dash.length];
    if (d < seg) return i % 2 === 0;
    d -= seg;
  }
}
