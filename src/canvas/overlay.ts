/**
 * What the analysis adds to the canvas: badges for top brokers, lenses that fade everyone but
 * the people a question is about, and "Size by" / "Colour by" mappings with their legend.
 */
import { METRIC_INFO } from '../analysis/metric-info';
import type { AnalysisResult, IntroductionPath, PersonMetrics } from '../analysis/types';
import { CLUSTER_COLOURS, departmentColour } from '../io/palette';
import { applyFilters, hasActiveFilters, type Filters } from '../domain/search';
import type { Id, MapDocument } from '../domain/types';
import { neighbourhood } from '../domain/views';
import { isOverdue, localDate } from '../domain/nurture';
import { healthByTie } from '../domain/health';
import type { ColourBy, Lens, SizeBy } from '../state/store';
import type { Overlay } from './flow-mapping';
import { entryCount, hasEntry, valuesOf } from '../domain/records';
import { cachedOrgTree, collapseOf } from '../domain/org-tree';

export interface LegendEntry {
  label: string;
  colour: string;
}

export interface OverlayLegend {
  title: string;
  entries?: LegendEntry[];
  /** A continuous scale, low to high. */
  gradient?: { low: string; high: string; lowLabel: string; highLabel: string };
}

// Metric names come from the one metric table, so the menus and legends say what the Metrics
// table, the CSV and the sentences say.
export const SIZE_BY_LABELS: Record<SizeBy, string> = {
  influence: 'Influence (your rating)',
  betweenness: METRIC_INFO.betweenness.label,
  pagerank: METRIC_INFO.pagerank.label,
  degree: METRIC_INFO.degree.label,
  leadersAdvised: METRIC_INFO.leadersAdvised.label,
  effectiveSize: METRIC_INFO.effectiveSize.label,
  keyPersonRisk: METRIC_INFO.keyPersonRisk.label,
};

export const COLOUR_BY_LABELS: Record<ColourBy, string> = {
  stance: 'Stance',
  department: 'Department',
  cluster: METRIC_INFO.cluster.label,
  betweenness: METRIC_INFO.betweenness.label,
  pagerank: METRIC_INFO.pagerank.label,
  closeness: METRIC_INFO.closeness.label,
  hiddenInfluence: METRIC_INFO.hiddenInfluence.label,
  keyPersonRisk: METRIC_INFO.keyPersonRisk.label,
};


const metricOf: Record<Exclude<SizeBy, 'influence'> | 'closeness' | 'hiddenInfluence', (m: PersonMetrics) => number> = {
  betweenness: (m) => m.betweenness,
  pagerank: (m) => m.pagerank,
  degree: (m) => m.degree,
  leadersAdvised: (m) => m.leadersAdvised,
  effectiveSize: (m) => m.effectiveSize ?? 0,
  closeness: (m) => m.closeness,
  hiddenInfluence: (m) => m.hiddenInfluence,
  keyPersonRisk: (m) => m.keyPersonRisk,
};

/** Sequential colour from pale to deep indigo: readable on light and dark canvases. */
function heat(t: number): string {
  const x = Math.min(1, Math.max(0, t));
  return `hsl(${250 - x * 20} ${35 + x * 50}% ${78 - x * 42}%)`;
}

/** Diverging: figureheads orange, as expected grey, hidden influencers teal. */
function diverging(t: number): string {
  const x = Math.min(1, Math.max(-1, t));
  if (Math.abs(x) < 0.05) return 'hsl(220 10% 62%)';
  return x > 0 ? `hsl(172 ${40 + x * 45}% ${58 - x * 22}%)` : `hsl(28 ${40 - x * 50}% ${60 + x * 12}%)`;
}

function scaled(values: [Id, number][]): Map<Id, number> {
  let max = 0;
  for (const [, v] of values) max = Math.max(max, v);
  return new Map(values.map(([id, v]) => [id, max > 0 ? v / max : 0]));
}

export interface OverlayInput {
  doc: MapDocument;
  analysis: AnalysisResult | null;
  lens: Lens;
  sizeBy: SizeBy;
  colourBy: ColourBy;
  paths: IntroductionPath[] | null;
  filters?: Filters;
  focus?: { id: Id | null; steps: 1 | 2 | 3; direction: 'in' | 'out' | 'both' } | null;
  /** Today as 'YYYY-MM-DD' for the overdue and health markers (default: the local date now). */
  today?: string;
  /** Managers whose team is collapsed: their teams are not drawn. */
  collapsed?: ReadonlySet<Id>;
}

export function computeOverlay({ doc, analysis, lens, sizeBy, colourBy, paths, filters, focus, today, collapsed }: OverlayInput): { overlay: Overlay; legend: OverlayLegend | null } {
  const overlay: Overlay = {};
  const day = today ?? localDate();
  overlay.overdue = overdueIds(doc, day);
  overlay.health = healthByTie(doc, day);
  let legend: OverlayLegend | null = null;
  const metrics = analysis?.people ?? [];

  if (analysis) overlay.badges = new Map(analysis.topBrokerIds.map((id) => [id, 'Broker']));

  if (analysis && sizeBy !== 'influence') {
    const t = scaled(metrics.map((m) => [m.id, metricOf[sizeBy](m)]));
    overlay.sizes = new Map([...t].map(([id, v]) => [id, 1 + v * 4]));
  }

  if (colourBy === 'department') {
    const colours = new Map<Id, string>();
    const seen = new Map<string, string>();
    for (const s of valuesOf(doc.stakeholders)) {
      if (!s.department.trim()) continue;
      const colour = departmentColour(s.department);
      colours.set(s.id, colour);
      seen.set(s.department.trim(), colour);
    }
    overlay.colours = colours;
    legend = { title: 'Department', entries: [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([label, colour]) => ({ label, colour })) };
  } else if (colourBy === 'cluster' && analysis) {
    const colours = new Map<Id, string>();
    for (const m of metrics) if (m.cluster !== null) colours.set(m.id, CLUSTER_COLOURS[m.cluster % CLUSTER_COLOURS.length]);
    overlay.colours = colours;
    legend = {
      title: 'Cluster',
      entries: analysis.clusters.map((c) => ({ label: c.name, colour: CLUSTER_COLOURS[c.index % CLUSTER_COLOURS.length] })),
    };
  } else if (colourBy === 'hiddenInfluence' && analysis) {
    let max = 0;
    for (const m of metrics) max = Math.max(max, Math.abs(m.hiddenInfluence));
    overlay.colours = new Map(metrics.map((m) => [m.id, diverging(max ? m.hiddenInfluence / max : 0)]));
    legend = { title: COLOUR_BY_LABELS.hiddenInfluence, gradient: { low: diverging(-1), high: diverging(1), lowLabel: 'Figurehead', highLabel: 'Hidden influencer' } };
  } else if (colourBy !== 'stance' && analysis) {
    const t = scaled(metrics.map((m) => [m.id, metricOf[colourBy as 'betweenness'](m)]));
    overlay.colours = new Map([...t].map(([id, v]) => [id, heat(v)]));
    legend = { title: COLOUR_BY_LABELS[colourBy], gradient: { low: heat(0), high: heat(1), lowLabel: 'Low', highLabel: 'High' } };
  }

  if (analysis && lens === 'brokers') {
    const keep = new Set(analysis.topBrokerIds);
    overlay.faded = fadedExcept(doc, keep);
  } else if (analysis && lens === 'advisors') {
    // Leaders, their advisors and exactly the ties that carry the advice the analysis found;
    // informal advisors (anyone but the leader's direct manager or direct reports) are badged.
    const keep = new Set<Id>(analysis.seniorLeaderIds);
    const advice = new Set<string>();
    const badges = new Map(overlay.badges ?? []);
    for (const a of analysis.advisors) {
      keep.add(a.id);
      for (const l of a.leaders) advice.add(`${a.id}>${l.leaderId}`);
      if (a.informalLeaderCount > 0) badges.set(a.id, 'Informal advisor');
    }
    const highlighted = new Set<Id>();
    for (const t of valuesOf(doc.ties)) {
      if (t.kind !== 'influence' && t.kind !== 'trust') continue;
      // influence: the source advises the target; trust: the trusted target advises the source.
      const [advisor, leader] = t.kind === 'influence' ? [t.source, t.target] : [t.target, t.source];
      if (advice.has(`${advisor}>${leader}`) || (t.mutual && advice.has(`${leader}>${advisor}`))) highlighted.add(t.id);
    }
    overlay.faded = fadedExcept(doc, keep);
    overlay.highlightedTies = highlighted;
    overlay.badges = badges;
  } else if (lens === 'path' && paths && paths.length) {
    const keep = new Set<Id>();
    const highlighted = new Set<Id>();
    paths.forEach((p, i) => {
      for (const id of p.personIds) keep.add(id);
      if (i === 0) for (const step of p.steps) if (step.tieIds[0]) highlighted.add(step.tieIds[0]);
    });
    overlay.faded = fadedExcept(doc, keep);
    overlay.highlightedTies = highlighted;
  }

  // Focus and filters narrow whatever the lens shows: faded stays faded.
  if (focus?.id && hasEntry(doc.stakeholders, focus.id)) {
    const near = neighbourhood(doc, focus.id, focus.steps, focus.direction);
    overlay.faded = union(overlay.faded, fadedExcept(doc, near));
  }
  if (filters && hasActiveFilters(filters)) {
    const result = applyFilters(doc, filters);
    overlay.faded = union(overlay.faded, fadedExcept(doc, result.people));
    const fadedTies = new Set<Id>();
    for (const id in doc.ties) if (!result.ties.has(id)) fadedTies.add(id);
    overlay.fadedTies = fadedTies;
  }
  // Collapsed teams are left out rather than faded; filters still fade whoever is drawn.
  if (collapsed?.size) {
    const { hidden, counts } = collapseOf(cachedOrgTree(doc), Object.keys(doc.stakeholders), collapsed);
    overlay.hidden = hidden;
    overlay.hiddenCounts = counts;
  }
  return { overlay, legend };
}

/** People whose catch-up is overdue (Me never is): a subtle marker on their card. */
export function overdueIds(doc: MapDocument, today: string): Set<Id> {
  const { settings, meId } = doc.map;
  const last = lastOverdue;
  // After a drop or a note only a few people are new objects: the others' answers stand (a pass
  // of pointer checks instead of working out 50,000 follow-up dates on every edit).
  if (last && last.settings === settings && last.meId === meId && last.today === today) {
    // The same people (the analysis landed, a lens changed): nothing to look at.
    if (last.people === doc.stakeholders) return last.ids;
    let out = last.ids;
    let count = 0;
    for (const id in doc.stakeholders) {
      count++;
      const s = doc.stakeholders[id];
      if (Object.hasOwn(last.people, id) && last.people[id] === s) continue;
      const overdue = s.id !== meId && isOverdue(s, settings, today);
      if (overdue === out.has(id)) continue;
      if (out === last.ids) out = new Set(out);
      if (overdue) out.add(id);
      else out.delete(id);
    }
    // Someone gone (fewer or other people): the whole pass, below.
    if (count === entryCount(last.people) && (out === last.ids || [...out].every((id) => Object.hasOwn(doc.stakeholders, id)))) {
      lastOverdue = { ...last, people: doc.stakeholders, ids: out };
      return out;
    }
  }
  const out = new Set<Id>();
  for (const s of valuesOf(doc.stakeholders)) if (s.id !== meId && isOverdue(s, settings, today)) out.add(s.id);
  lastOverdue = { people: doc.stakeholders, settings, meId, today, ids: out };
  return out;
}
let lastOverdue: { people: MapDocument['stakeholders']; settings: MapDocument['map']['settings']; meId: MapDocument['map']['meId']; today: string; ids: Set<Id> } | null = null;

function union(a: ReadonlySet<Id> | null | undefined, b: Set<Id>): Set<Id> {
  if (a) for (const id of a) b.add(id);
  return b;
}

function fadedExcept(doc: MapDocument, keep: ReadonlySet<Id>): Set<Id> {
  const faded = new Set<Id>();
  for (const id in doc.stakeholders) if (!keep.has(id)) faded.add(id);
  return faded;
}
