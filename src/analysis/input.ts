/**
 * The compact, structured-clone-friendly view of a map that analysis runs on. It is what crosses to
 * the worker: a few short arrays instead of the whole document or any React Flow state.
 */
import { tieMeaning } from '../domain/tie-kinds';
import type { MapDocument } from '../domain/types';
import type { AnalysisInput, AnalysisTie } from './types';

/** A tie's strength as analysis reads it: a whole number from 1 to 3. */
export function clampStrength(strength: number): number {
  return Number.isFinite(strength) ? Math.min(3, Math.max(1, Math.round(strength))) : 1;
}

/** A seniority level as analysis reads it: a whole number from 0. */
export const cleanSeniority = (s: number) => (Number.isFinite(s) ? Math.max(0, Math.floor(s)) : 0);

export function toAnalysisInput(doc: MapDocument): AnalysisInput {
  const people = Object.values(doc.stakeholders).map((s) => ({
    id: s.id,
    name: s.name,
    department: s.department,
    title: s.title,
    seniority: cleanSeniority(s.seniority),
  }));
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
