/**
 * "Export -> Metrics CSV": one row per stakeholder with every analysis number, for spreadsheets.
 *
 * - RFC 4180: comma separated, CRLF line ends, a field is quoted when it contains a comma, quote,
 *   CR or LF, with quotes doubled.
 * - Spreadsheet formula injection: a text field (names, departments...) that a spreadsheet would run
 *   as a formula gets a leading single quote (formula.ts; '=SUM(...) is shown as text). Numeric
 *   columns are never prefixed: -3 stays a number.
 * - Numbers are plain decimals at full precision (shortest round-trip digits, never 1e-7 notation).
 */
import type { AnalysisResult, PersonMetrics } from '../analysis/types';
import type { MapDocument } from '../domain/types';
import { neutraliseCell } from './formula';

/** Neutralises formula starters, then quotes when needed. */
export function csvText(value: string): string {
  const safe = neutraliseCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Shortest round-trip digits, written out without exponent notation. */
export function plainDecimal(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, fraction = '', exp] = match;
  const digits = lead + fraction;
  const exponent = Number(exp);
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const point = exponent + 1;
  return point >= digits.length ? `${sign}${digits}${'0'.repeat(point - digits.length)}` : `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

type Column = [header: string, cell: (m: PersonMetrics) => string];

export function metricsCsv(doc: MapDocument, result: AnalysisResult): string {
  const levels = doc.map.settings.levels;
  const num = (v: number | null) => (v === null ? '' : plainDecimal(v));
  const text = (v: string) => csvText(v);
  const person = (m: PersonMetrics) => doc.stakeholders[m.id];
  const columns: Column[] = [
    ['id', (m) => text(m.id)],
    ['name', (m) => text(person(m)?.name ?? '')],
    ['department', (m) => text(person(m)?.department ?? '')],
    ['seniority', (m) => text(levels[Math.min(person(m)?.seniority ?? 0, levels.length - 1)] ?? '')],
    ['seniority_index', (m) => num(person(m)?.seniority ?? null)],
    ['is_senior_leader', (m) => (m.isSeniorLeader ? 'true' : 'false')],
    ['degree', (m) => num(m.degree)],
    ['in_degree', (m) => num(m.inDegree)],
    ['out_degree', (m) => num(m.outDegree)],
    ['weighted_in_degree', (m) => num(m.weightedInDegree)],
    ['weighted_out_degree', (m) => num(m.weightedOutDegree)],
    ['betweenness', (m) => num(m.betweenness)],
    ['betweenness_unweighted', (m) => num(m.betweennessUnweighted)],
    ['pagerank', (m) => num(m.pagerank)],
    ['closeness', (m) => num(m.closeness)],
    ['constraint', (m) => num(m.constraint)],
    ['effective_size', (m) => num(m.effectiveSize)],
    ['brokerage_role', (m) => m.brokerageRole ?? ''],
    ['coordinator', (m) => num(m.brokerage.coordinator)],
    ['itinerant', (m) => num(m.brokerage.itinerant)],
    ['gatekeeper', (m) => num(m.brokerage.gatekeeper)],
    ['representative', (m) => num(m.brokerage.representative)],
    ['liaison', (m) => num(m.brokerage.liaison)],
    ['cluster', (m) => (m.cluster === null ? '' : String(m.cluster + 1))],
    ['cluster_name', (m) => text(m.cluster === null ? '' : (result.clusters[m.cluster]?.name ?? ''))],
    ['leaders_advised', (m) => num(m.leadersAdvised)],
    ['informal_leaders_advised', (m) => num(m.informalLeadersAdvised)],
    ['informal_rank', (m) => num(m.informalRank)],
    ['formal_rank', (m) => num(m.formalRank)],
    ['hidden_influence', (m) => num(m.hiddenInfluence)],
  ];
  const lines = [columns.map(([h]) => h).join(',')];
  for (const m of result.people) lines.push(columns.map(([, cell]) => cell(m)).join(','));
  return lines.join('\r\n') + '\r\n';
}
