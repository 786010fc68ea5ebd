/** The node and edge attributes GraphML and GEXF exports write, in one place. */
import { levelName } from '../domain/describe';
import { customKind } from '../domain/tie-kinds';
import { writeStanceHistory } from '../domain/stance-history';
import type { MapSettings, Stakeholder, Tie } from '../domain/types';

export type AttrType = 'string' | 'int' | 'double' | 'boolean';

export interface AttrDef<T> {
  name: string;
  type: AttrType;
  value: (record: T, settings: MapSettings) => string | number | boolean | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Node attributes; x and y are written by each format in its own way. */
export const NODE_ATTRS: AttrDef<Stakeholder>[] = [
  { name: 'label', type: 'string', value: (s) => s.name },
  { name: 'title', type: 'string', value: (s) => s.title },
  { name: 'department', type: 'string', value: (s) => s.department },
  { name: 'seniority', type: 'string', value: (s, settings) => levelName(s, settings) },
  { name: 'influence', type: 'int', value: (s) => s.influence },
  { name: 'interest', type: 'int', value: (s) => s.interest },
  { name: 'stance', type: 'string', value: (s) => s.stance },
  { name: 'target_stance', type: 'string', value: (s) => s.targetStance ?? null },
  { name: 'stance_history', type: 'string', value: (s) => (s.stanceHistory?.length ? writeStanceHistory(s.stanceHistory) : null) },
  { name: 'tags', type: 'string', value: (s) => s.tags.map((t) => t.replace(/;/g, ',')).join(';') },
  { name: 'notes', type: 'string', value: (s) => s.notes },
  { name: 'email', type: 'string', value: (s) => s.email },
  { name: 'cadence_days', type: 'int', value: (s) => s.cadenceDays },
  { name: 'next_follow_up', type: 'string', value: (s) => s.nextFollowUp },
  { name: 'other_emails', type: 'string', value: (s) => (s.otherEmails?.length ? s.otherEmails.join(';') : null) },
  { name: 'phone', type: 'string', value: (s) => s.phone ?? null },
  { name: 'company', type: 'string', value: (s) => s.company ?? null },
  { name: 'linkedin_url', type: 'string', value: (s) => s.linkedinUrl ?? null },
];

export const EDGE_ATTRS: AttrDef<Tie>[] = [
  // A map's own kind is written by name, with how it is drawn and what it counts as, so the
  // reader can make the kind again (graph-import.ts); built-in kinds leave those three empty.
  { name: 'kind', type: 'string', value: (t, settings) => customKind(settings, t.kind)?.name ?? t.kind },
  { name: 'kind_colour', type: 'string', value: (t, settings) => customKind(settings, t.kind)?.colour ?? null },
  { name: 'kind_line', type: 'string', value: (t, settings) => customKind(settings, t.kind)?.line ?? null },
  { name: 'kind_meaning', type: 'string', value: (t, settings) => customKind(settings, t.kind)?.meaning ?? null },
  { name: 'strength', type: 'int', value: (t) => t.strength },
  { name: 'mutual', type: 'boolean', value: (t) => t.mutual },
  { name: 'note', type: 'string', value: (t) => t.note },
];

export function positionOf(s: Stakeholder): { x: number; y: number } {
  return { x: round2(s.x), y: round2(s.y) };
}

export const CREATOR = 'Influence Map';
