/**
 * Pure measuring helpers for the benchmark harness (scripts/bench.mjs): frame statistics from
 * requestAnimationFrame timestamps, ratios to the baseline and the printed table.
 */

export interface FrameStats {
  /** requestAnimationFrame callbacks counted in the window. */
  frames: number;
  /** Window length in ms (first to last timestamp, or the gesture's wall time when given). */
  durationMs: number;
  /** Frames per second over the window. */
  fps: number;
  /** Frame time percentiles (ms between consecutive callbacks). */
  p50: number;
  p95: number;
  max: number;
}

/** The q-quantile (0..1) of numbers, nearest-rank on a sorted copy; NaN for an empty list. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/**
 * Frame statistics from rAF timestamps (ms). `durationMs` overrides the window length (e.g. the
 * gesture's wall time, so a frame that never came is counted as time without frames).
 */
export function frameStats(timestamps: readonly number[], durationMs?: number): FrameStats {
  const deltas: number[] = [];
  for (let i = 1; i < timestamps.length; i++) deltas.push(timestamps[i] - timestamps[i - 1]);
  const span = durationMs ?? (timestamps.length > 1 ? timestamps[timestamps.length - 1] - timestamps[0] : 0);
  const frames = durationMs === undefined ? Math.max(0, timestamps.length - 1) : timestamps.length;
  return {
    frames,
    durationMs: span,
    fps: span > 0 ? (frames * 1000) / span : 0,
    p50: percentile(deltas, 0.5),
    p95: percentile(deltas, 0.95),
    max: deltas.length ? Math.max(...deltas) : NaN,
  };
}

/** value / baseline, or null when either is missing or the baseline is zero. */
export function ratio(value: number | null | undefined, baseline: number | null | undefined): number | null {
  if (value === null || value === undefined || baseline === null || baseline === undefined) return null;
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return null;
  return value / baseline;
}

/** "0.31×" style, two significant figures below 10; "—" when there is no ratio. */
export function formatRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return '—';
  if (r >= 10) return `${Math.round(r)}×`;
  if (r >= 1) return `${r.toFixed(1)}×`;
  if (r >= 0.01) return `${r.toFixed(2)}×`;
  return `${r.toPrecision(1)}×`;
}

/** A measured figure with its unit: "123 ms", "45.6 fps", "210 MB", "1 rec". */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`.trim();
}

export type Better = 'lower' | 'higher';

export interface Row {
  /** What was measured, e.g. "pan frame time p50". */
  metric: string;
  size: number | null;
  unit: string;
  app: number | null;
  baseline: number | null;
  /** Which direction is good, to mark the ratio. */
  better?: Better;
  /** A target on the ratio or on the value, written out ("≤ 0.33× baseline"). */
  target?: string;
  /** Whether the target is met (undefined when there is none). */
  met?: boolean;
  /**
   * Values below this are not measurable exactly (long tasks are only reported from 50 ms):
   * shown as "<50 ms", and the ratio as an upper bound.
   */
  floor?: number;
}

/** The value cell, honouring the row's floor. */
export function formatCell(value: number | null | undefined, row: Pick<Row, 'unit' | 'floor'>): string {
  if (row.floor !== undefined && value !== null && value !== undefined && Number.isFinite(value) && value < row.floor) return `<${row.floor} ${row.unit}`.trim();
  return formatValue(value, row.unit);
}

/** The ratio cell: "0.31×", "<0.31×" when the app is under the floor, "—" when not comparable. */
export function formatRowRatio(row: Pick<Row, 'app' | 'baseline' | 'floor'>): string {
  const { app, baseline, floor } = row;
  if (floor !== undefined && app !== null && baseline !== null && baseline !== undefined && app !== undefined) {
    if (baseline < floor) return '—';
    if (app < floor) return `<${formatRatio(ratio(floor, baseline))}`;
  }
  return formatRatio(ratio(app, baseline));
}

function targetCell(r: Row): string {
  return r.target ? `${r.target}${r.met === undefined ? '' : r.met ? ' ✓' : ' ✗'}` : '';
}

/** Fixed-width text table: metric, size, app, baseline, ratio, target. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['metric', 'people', 'app', 'baseline', 'ratio', 'target'];
  const body = rows.map((r) => [
    r.metric,
    r.size === null ? '' : r.size.toLocaleString('en-GB'),
    formatCell(r.app, r),
    formatCell(r.baseline, r),
    formatRowRatio(r),
    targetCell(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Markdown version of the same table (for the README's figures). */
export function renderMarkdown(rows: readonly Row[]): string {
  const out = ['| metric | people | app | baseline | ratio | target |', '|---|---:|---:|---:|---:|---|'];
  for (const r of rows) {
    out.push(
      `| ${r.metric} | ${r.size === null ? '' : r.size.toLocaleString('en-GB')} | ${formatCell(r.app, r)} | ${formatCell(r.baseline, r)} | ${formatRowRatio(r)} | ${targetCell(r)} |`,
    );
  }
  return out.join('\n');
}

/** Parses "--sizes=500,2000" style flags; unknown flags are returned for the caller to reject. */
export function parseArgs(argv: readonly string[]): { smoke: boolean; sizes: number[] | null; build: boolean; unknown: string[] } {
  let smoke = false;
  let build = true;
  let sizes: number[] | null = null;
  const unknown: string[] = [];
  for (const arg of argv) {
    if (arg === '--smoke') smoke = true;
    else if (arg === '--no-build') build = false;
    else if (arg.startsWith('--sizes=')) {
      const list = arg
        .slice('--sizes='.length)
        .split(',')
        .map((s) => Number(s.replace(/[_\s]/g, '')));
      if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 2)) unknown.push(arg);
      else sizes = list;
    } else unknown.push(arg);
  }
  return { smoke, sizes, build, unknown };
}
