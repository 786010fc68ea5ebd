/**
 * The compact, structured-clone-friendly view of a map that analysis runs on. It is what crosses to
 * the worker: a few short arrays instead of the whole document or any React Flow state.
 */
import { tieMeaning } from '../domain/tie-kinds';
import type { MapDocument, Stakeholder } from '../domain/types';
import type { AnalysisInput, AnalysisPerson, AnalysisTie } from './types';

function clampStrength(strength: number): number {
  return Number.isFinite(strength) ? Math.min(3, Math.max(1, Math.round(strength))) : 1;
}

/**
 * Inputs made elsewhere for a map, by its people record: the import worker makes a large org
 * chart's while it is still on the worker (at 50,000 people this pass was a 0.8 s task on the
 * page just after the map was drawn). Held only while that version of the map is.
 */
const madeElsewhere = new WeakMap<MapDocument['stakeholders'], { ties: MapDocument['ties']; map: MapDocument['map']; input: AnalysisInput }>();

/**
 * Remembers `input` as `toAnalysisInput(doc)`, so it is not worked out again on the page; it
 * stands for this version of the map only (the same people, ties and settings records).
 */
export function rememberAnalysisInput(doc: MapDocument, input: AnalysisInput): void {
  madeElsewhere.set(doc.stakeholders, { ties: doc.ties, map: doc.map, input });
}

function rememberedInput(doc: MapDocument): AnalysisInput | null {
  const made = madeElsewhere.get(doc.stakeholders);
  if (!made) return null;
  return made.ties === doc.ties && made.map.settings === doc.map.settings && made.map.meId === doc.map.meId ? made.input : null;
}

export function toAnalysisInput(doc: MapDocument): AnalysisInput {
  return rememberedInput(doc) ?? convert(doc);
}

/** One person as analysis sees them. */
export function analysisPerson(s: Stakeholder): AnalysisPerson {
  return {
    id: s.id,
    name: s.name,
    department: s.department,
    title: s.title,
    seniority: Number.isFinite(s.seniority) ? Math.max(0, Math.floor(s.seniority)) : 0,
  };
}

function convert(doc: MapDocument): AnalysisInput {
  const people = Object.values(doc.stakeholders).map(analysisPerson);
  const known = new Set(people.map((p) => p.id));
  const ties: AnalysisTie[] = [];
  for (const t of Object.values(doc.ties)) {
    // A tie to a missing person or to oneself carries no information about the network.
    if (!known.has(t.source) || !known.has(t.target) || t.source === t.target) continue;
    // A kind of the map's own counts as what it means (influence, trust, a reporting line,
    // tension); a kind shown only is not part of the network. Projections see only built-in kinds.
    const kind = tieMeaning(doc.map.settings, t.kind);
    if (kind === 'shown') continue;
    // A custom kind that counts as a reporting line is one-way, like reports-to.
    const mutual = kind === 'reports-to' ? false : kind === 'tension' ? true : t.mutual;
    ties.push({ id: t.id, source: t.source, target: t.target, kind, strength: clampStrength(t.strength), mutual });
  }
  const meId = doc.map.meId && known.has(doc.map.meId) ? doc.map.meId : null;
  return {
    people,
    ties,
    levels: [...doc.map.settings.levels],
    leadershipLevel: doc.map.settings.leadershipLevel,
    meId,
  };
}

/** People with the same id twice would break the graph library; keep the first of each. */
export function uniquePeople(input: AnalysisInput): AnalysisInput {
  const seen = new Set<string>();
  if (new Set(input.people.map((p) => p.id)).size === input.people.length) return input;
  return { ...input, people: input.people.filter((p) => !seen.has(p.id) && seen.add(p.id)) };
}
