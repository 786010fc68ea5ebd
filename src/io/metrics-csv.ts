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
import { leaderSeenFromAdvisor } from '../analysis/advice-words';
import { INFORMAL_LEADERS_ADVISED, METRIC_INFO } from '../analysis/metric-info';
import type { AnalysisResult, PersonMetrics } from '../analysis/types';
import type { MapDocument, Stakeholder } from '../domain/types';
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

const asPerson = (s: Stakeholder | undefined) => ({ id: s?.id ?? '', name: s?.name ?? '', department: s?.department ?? '', seniority: s?.seniority ?? 0, title: s?.title ?? '' });

/** Each leader as seen from the advisor: "Ana Diaz: 3 levels above them (informal); Vic Park: their direct report (formal)". */
function adviceCell(doc: MapDocument, result: AnalysisResult): (m: PersonMetrics) => string {
  const byId = new Map(result.advisors.map((a) => [a.id, a]));
  return (m) => {
    const advisor = byId.get(m.id);
    if (!advisor) return '';
    const me = asPerson(doc.stakeholders[m.id]);
    return advisor.leaders
      .map((l) => {
        const leader = asPerson(doc.stakeholders[l.leaderId]);
        return `${leader.name.trim() || 'Unnamed person'}: ${leaderSeenFromAdvisor(l, me, leader)} (${l.informal ? 'informal' : 'formal'})`;
      })
      .join('; ');
  };
}

export function metricsCsv(doc: MapDocument, result: AnalysisResult): string {
  const levels = doc.map.settings.levels;
  const num = (v: number | null) => (v === null ? '' : plainDecimal(v));
  const text = (v: string) => csvText(v);
  const person = (m: PersonMetrics) => doc.stakeholders[m.id];
  const advice = adviceCell(doc, result);
  const columns: Column[] = [
    ['id', (m) => text(m.id)],
    ['name', (m) => text(person(m)?.name ?? '')],
    ['department', (m) => text(person(m)?.department ?? '')],
    ['seniority', (m) => text(levels[Math.min(person(m)?.seniority ?? 0, levels.length - 1)] ?? '')],
    ['seniority_index', (m) => num(person(m)?.seniority ?? null)],
    [METRIC_INFO.seniorLeader.csv, (m) => (m.isSeniorLeader ? 'true' : 'false')],
    [METRIC_INFO.degree.csv, (m) => num(m.degree)],
    [METRIC_INFO.inDegree.csv, (m) => num(m.inDegree)],
    [METRIC_INFO.outDegree.csv, (m) => num(m.outDegree)],
    ['weighted_in_degree', (m) => num(m.weightedInDegree)],
    ['weighted_out_degree', (m) => num(m.weightedOutDegree)],
    [METRIC_INFO.betweenness.csv, (m) => num(m.betweenness)],
    [METRIC_INFO.betweennessUnweighted.csv, (m) => num(m.betweennessUnweighted)],
    [METRIC_INFO.pagerank.csv, (m) => num(m.pagerank)],
    [METRIC_INFO.closeness.csv, (m) => num(m.closeness)],
    [METRIC_INFO.constraint.csv, (m) => num(m.constraint)],
    [METRIC_INFO.effectiveSize.csv, (m) => num(m.effectiveSize)],
    [METRIC_INFO.brokerage.csv, (m) => m.brokerageRole ?? ''],
    ['coordinator', (m) => num(m.brokerage.coordinator)],
    ['itinerant', (m) => num(m.brokerage.itinerant)],
    ['gatekeeper', (m) => num(m.brokerage.gatekeeper)],
    ['representative', (m) => num(m.brokerage.representative)],
    ['liaison', (m) => num(m.brokerage.liaison)],
    [METRIC_INFO.cluster.csv, (m) => (m.cluster === null ? '' : String(m.cluster + 1))],
    ['cluster_name', (m) => text(m.cluster === null ? '' : (result.clusters[m.cluster]?.name ?? ''))],
    [METRIC_INFO.leadersAdvised.csv, (m) => num(m.leadersAdvised)],
    [INFORMAL_LEADERS_ADVISED.csv, (m) => num(m.informalLeadersAdvised)],
    ['leaders_advised_how', (m) => text(advice(m))],
    ['informal_rank', (m) => num(m.informalRank)],
    ['formal_rank', (m) => num(m.formalRank)],
    [METRIC_INFO.hiddenInfluence.csv, (m) => num(m.hiddenInfluence)],
    [METRIC_INFO.keyPersonRisk.csv, (m) => num(m.keyPersonRisk)],
  ];
  const estimate = result.estimate;
  if (estimate) {
    // Betweenness estimated from sampled sources: say so on every row (a spreadsheet keeps it).
    columns.push(['betweenness_sampled_sources', () => num(estimate.sources)]);
    columns.push(['betweenness_people', () => num(estimate.people)]);
    columns.push(['betweenness_top_error_95', () => num(estimate.relativeError)]);
  }
  const lines = [columns.map(([h]) => h).join(',')];
  for (const m of result.people) lines.push(columns.map(([, cell]) => cell(m)).join(','));
  return lines.join('\r\n') + '\r\n';
}
