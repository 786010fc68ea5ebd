/** Plain-language wording for the model: every tie reads as a sentence. */
import { STRENGTH_LABELS } from './defaults';
import { customTieSentence, kindLabel } from './tie-kinds';
import type { MapDocument, MapSettings, Stakeholder, Tie } from './types';

export function displayName(s: Pick<Stakeholder, 'name'> | undefined): string {
  const name = s?.name.trim();
  return name ? name : 'Unnamed person';
}

export function tieSentence(tie: Tie, doc: Pick<MapDocument, 'stakeholders'> & { map?: Pick<MapDocument['map'], 'settings'> }): string {
  const a = displayName(doc.stakeholders[tie.source]);
  const b = displayName(doc.stakeholders[tie.target]);
  const strength = STRENGTH_LABELS[tie.strength];
  switch (tie.kind) {
    case 'influence':
      return tie.mutual ? `${a} and ${b} influence each other (${strength})` : `${a} influences ${b} (${strength})`;
    case 'trust':
      return tie.mutual ? `${a} and ${b} trust each other (${strength})` : `${a} trusts ${b} (${strength})`;
    case 'reports-to':
      return `${a} reports to ${b}`;
    case 'tension':
      return `${a} and ${b} have a strained relationship (${strength})`;
    default:
      return customTieSentence(a, b, kindLabel(doc.map?.settings, tie.kind), tie.mutual, tie.strength);
  }
}

export function isSeniorLeader(s: Pick<Stakeholder, 'seniority'>, settings: MapSettings): boolean {
  return s.seniority <= settings.leadershipLevel;
}

export function levelName(s: Pick<Stakeholder, 'seniority'>, settings: MapSettings): string {
  return settings.levels[Math.min(s.seniority, settings.levels.length - 1)] ?? '';
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = [...parts[0]][0] ?? '';
  const last = parts.length > 1 ? ([...parts[parts.length - 1]][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable hue for a department name, so "Sales" has the same band colour on every map. */
export function departmentHue(department: string): number {
  let hash = 2166136261;
  for (const ch of department.trim().toLowerCase()) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % 360;
}
