import { describe, expect, it } from 'vitest';
import { formatCell, formatRatio, formatRowRatio, formatValue, frameStats, parseArgs, percentile, ratio, renderMarkdown, renderTable, type Row } from '../../../bench/lib/stats';

describe('percentile', () => {
  it('uses the nearest rank on a sorted copy', () => {
    const values = [5, 1, 4, 2, 3];
    expect(percentile(values, 0.5)).toBe(3);
    expect(percentile(values, 0.95)).toBe(5);
    expect(percentile(values, 0)).toBe(1);
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });
  it('is NaN for no values', () => expect(percentile([], 0.5)).toBeNaN());
});

describe('frameStats', () => {
  it('counts frames between rAF timestamps at 60 fps', () => {
    const ts = Array.from({ length: 121 }, (_, i) => i * (1000 / 60));
    const s = frameStats(ts);
    expect(s.frames).toBe(120);
    expect(s.durationMs).toBeCloseTo(2000, 6);
    expect(s.fps).toBeCloseTo(60, 6);
    expect(s.p50).toBeCloseTo(16.667, 2);
    expect(s.p95).toBeCloseTo(16.667, 2);
  });
  it('shows a long frame in p95 and max but not p50', () => {
    const ts = [0];
    for (let i = 1; i <= 40; i++) ts.push(ts[ts.length - 1] + (i === 20 ? 200 : 16));
    const s = frameStats(ts);
    expect(s.p50).toBe(16);
    expect(s.max).toBe(200);
    expect(s.p95).toBe(16);
    expect(frameStats([...ts, ts[ts.length - 1] + 200, ts[ts.length - 1] + 400]).p95).toBe(200);
  });
  it('counts time without frames against the rate when given the gesture length', () => {
    const s = frameStats([100, 116, 132], 1000);
    expect(s.frames).toBe(3);
    expect(s.fps).toBeCloseTo(3, 6);
  });
  it('copes with no frames', () => {
    const s = frameStats([]);
    expect(s.frames).toBe(0);
    expect(s.fps).toBe(0);
    expect(s.p50).toBeNaN();
  });
});

describe('ratios and values', () => {
  it('divides by the baseline, or gives null', () => {
    expect(ratio(50, 200)).toBe(0.25);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 3)).toBeNull();
    expect(ratio(3, undefined)).toBeNull();
    expect(ratio(NaN, 3)).toBeNull();
  });
  it('formats ratios with sensible precision', () => {
    expect(formatRatio(0.3333)).toBe('0.33×');
    expect(formatRatio(1.25)).toBe('1.3×');
    expect(formatRatio(12.4)).toBe('12×');
    expect(formatRatio(0.004)).toBe('0.004×');
    expect(formatRatio(null)).toBe('—');
  });
  it('formats values with their unit', () => {
    expect(formatValue(1234.4, 'ms')).toBe('1234 ms');
    expect(formatValue(45.67, 'fps')).toBe('45.7 fps');
    expect(formatValue(1.234, 'MB')).toBe('1.23 MB');
    expect(formatValue(null, 'ms')).toBe('—');
  });
  it('shows values under the floor as a bound, and the ratio as an upper bound', () => {
    const row = { unit: 'ms', floor: 50, app: 0, baseline: 160 };
    expect(formatCell(0, row)).toBe('<50 ms');
    expect(formatCell(72, row)).toBe('72.0 ms');
    expect(formatRowRatio(row)).toBe('<0.31×');
    expect(formatRowRatio({ ...row, baseline: 20 })).toBe('—');
    expect(formatRowRatio({ ...row, app: 80 })).toBe('0.50×');
  });
});

describe('tables', () => {
  const rows: Row[] = [
    { metric: 'open', size: 2000, unit: 'ms', app: 1000, baseline: 3000, target: '≤ 0.5× baseline', met: true },
    { metric: 'pan fps', size: 2000, unit: 'fps', app: 45, baseline: 9 },
    { metric: 'analysis', size: 5000, unit: 'ms', app: 6000, baseline: null, target: '< 5000 ms', met: false },
  ];
  it('renders aligned columns with ratios and targets', () => {
    const lines = renderTable(rows).split('\n');
    expect(lines[0]).toMatch(/^metric\s+people\s+app\s+baseline\s+ratio\s+target$/);
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain('0.33×');
    expect(lines[2]).toContain('≤ 0.5× baseline ✓');
    expect(lines[3]).toContain('5.0×');
    expect(lines[4]).toContain('5,000');
    expect(lines[4]).toContain('—');
    expect(lines[4]).toContain('✗');
    // Every line is as wide as the header's columns allow: the ratio column lines up.
    const col = lines[0].indexOf('ratio') + 'ratio'.length;
    for (const line of lines.slice(2)) expect(line.slice(col - 5, col).trim()).toMatch(/×$|—$/);
  });
  it('renders the same rows as Markdown', () => {
    const md = renderMarkdown(rows).split('\n');
    expect(md[0]).toBe('| metric | people | app | baseline | ratio | target |');
    expect(md[2]).toBe('| open | 2,000 | 1000 ms | 3000 ms | 0.33× | ≤ 0.5× baseline ✓ |');
  });
});

describe('parseArgs', () => {
  it('reads the flags', () => {
    expect(parseArgs([])).toEqual({ smoke: false, sizes: null, build: true, unknown: [] });
    expect(parseArgs(['--smoke', '--no-build'])).toMatchObject({ smoke: true, build: false });
    expect(parseArgs(['--sizes=500,2_000']).sizes).toEqual([500, 2000]);
  });
  it('rejects what it does not understand', () => {
    expect(parseArgs(['--sizes=abc']).unknown).toEqual(['--sizes=abc']);
    expect(parseArgs(['--fast']).unknown).toEqual(['--fast']);
  });
});
