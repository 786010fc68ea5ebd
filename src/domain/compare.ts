/**
 * What changed between two versions of a map (a snapshot and now, or two snapshots): people and
 * ties added or removed, ties strengthened or weakened, stance changes, and moves between
 * departments and levels, each with a sentence. Pure: the canvas overlay, the change list and
 * the tests all read the same comparison.
 */
import { STANCE_LABELS } from './defaults';
import { displayName, levelName, tieSentence } from './describe';
import type { Id, MapDocument, Stakeholder, Tie } from './types';

export type PersonChange = 'added' | 'removed' | 'changed';
export type TieChange = 'added' | 'removed' | 'strengthened' | 'weakened' | 'changed';

export type ChangeKind =
  | 'person-added'
  | 'person-removed'
  | 'stance'
  | 'department'
  | 'level'
  | 'title'
  | 'tie-added'
  | 'tie-removed'
  | 'tie-strengthened'
  | 'tie-weakened'
  | 'tie-changed';

export interface MapChange {
  kind: ChangeKind;
  /** The person the change is about (the later version's id; the earlier one's if removed). */
  personId?: Id;
  tieId?: Id;
  text: string;
}

export interface MapComparison {
  changes: MapChange[];
  /** Status of each person, keyed by the later version's id (the earlier one's for removed people). */
  people: Map<Id, PersonChange>;
  /** Status of each tie, keyed by the later version's id (the earlier one's for removed ties). */
  ties: Map<Id, TieChange>;
  /** People and ties that exist only in the earlier version, to draw as ghosts. */
  removedPeople: Stakeholder[];
  removedTies: Tie[];
  /** Earlier id -> later id of every person found in both versions. */
  matched: Map<Id, Id>;
}

const normalName = (name: string) => name.trim().toLocaleLowerCase().replace(/\s+/g, ' ');

/**
 * Pairs people of the two versions: by id first, then, for the rest, by name where the name is
 * unique on both sides. Locking a map renews its ids, so a snapshot from before the lock still
 * lines up with the map after it.
 */
export function matchPeople(before: MapDocument, after: MapDocument): Map<Id, Id> {
  const matched = new Map<Id, Id>();
  const taken = new Set<Id>();
  for (const id of Object.keys(before.stakeholders)) {
    if (Object.hasOwn(after.stakeholders, id)) {
      matched.set(id, id);
      taken.add(id);
    }
  }
  const uniqueByName = (people: Stakeholder[]) => {
    const byName = new Map<string, Id | null>();
    for (const p of people) {
      const key = normalName(p.name);
      if (!key) continue;
      byName.set(key, byName.has(key) ? null : p.id);
    }
    return byName;
  };
  const leftBefore = uniqueByName(Object.values(before.stakeholders).filter((p) => !matched.has(p.id)));
  const leftAfter = uniqueByName(Object.values(after.stakeholders).filter((p) => !taken.has(p.id)));
  for (const [name, beforeId] of leftBefore) {
    const afterId = leftAfter.get(name);
    if (beforeId && afterId) matched.set(beforeId, afterId);
  }
  return matched;
}

/** A key for a tie that survives id changes: its kind and its (mapped) ends, unordered if mutual. */
function tieKey(tie: Tie, mapId: (id: Id) => Id | undefined): string | null {
  const a = mapId(tie.source);
  const b = mapId(tie.target);
  if (!a || !b) return null;
  const ends = tie.mutual || tie.kind === 'tension' ? [a, b].sort() : [a, b];
  return `${tie.kind}\u0000${ends[0]}\u0000${ends[1]}`;
}

const STRENGTH_WORD = { 1: 'weak', 2: 'moderate', 3: 'strong' } as const;

export function compareMaps(before: MapDocument, after: MapDocument): MapComparison {
  const matched = matchPeople(before, after);
  const matchedAfter = new Set(matched.values());
  const changes: MapChange[] = [];
  const people = new Map<Id, PersonChange>();
  const ties = new Map<Id, TieChange>();
  const removedPeople: Stakeholder[] = [];
  const removedTies: Tie[] = [];
  const beforeSettings = before.map.settings;
  const afterSettings = after.map.settings;

  for (const p of Object.values(after.stakeholders)) {
    if (!matchedAfter.has(p.id)) {
      people.set(p.id, 'added');
      changes.push({ kind: 'person-added', personId: p.id, text: `${displayName(p)} was added${p.department ? ` (${p.department})` : ''}.` });
    }
  }
  for (const p of Object.values(before.stakeholders)) {
    if (!matched.has(p.id)) {
      people.set(p.id, 'removed');
      removedPeople.push(p);
      changes.push({ kind: 'person-removed', personId: p.id, text: `${displayName(p)} was removed.` });
    }
  }
  for (const [beforeId, afterId] of matched) {
    const was = before.stakeholders[beforeId];
    const now = after.stakeholders[afterId];
    const name = displayName(now);
    const own: MapChange[] = [];
    if (was.stance !== now.stance) {
      own.push({ kind: 'stance', personId: afterId, text: `${name}: ${STANCE_LABELS[was.stance]} → ${STANCE_LABELS[now.stance]}.` });
    }
    if (was.department.trim() !== now.department.trim()) {
      const from = was.department.trim() || 'no department';
      const to = now.department.trim() || 'no department';
      own.push({ kind: 'department', personId: afterId, text: `${name} moved from ${from} to ${to}.` });
    }
    const wasLevel = levelName(was, beforeSettings);
    const nowLevel = levelName(now, afterSettings);
    if (wasLevel !== nowLevel) {
      own.push({ kind: 'level', personId: afterId, text: `${name}: ${wasLevel || 'no level'} → ${nowLevel || 'no level'}.` });
    }
    if (was.title.trim() !== now.title.trim() && now.title.trim()) {
      own.push({ kind: 'title', personId: afterId, text: `${name} is now ${now.title.trim()}${was.title.trim() ? ` (was ${was.title.trim()})` : ''}.` });
    }
    if (own.length) {
      people.set(afterId, 'changed');
      for (const change of own) changes.push(change);
    }
  }

  // Ties: by id where both ends are the same people, otherwise by kind and ends.
  const afterByKey = new Map<string, Tie>();
  for (const t of Object.values(after.ties)) {
    const key = tieKey(t, (id) => id);
    if (key && !afterByKey.has(key)) afterByKey.set(key, t);
  }
  const pairedAfter = new Set<Id>();
  const pairs: [Tie, Tie][] = [];
  for (const t of Object.values(before.ties)) {
    const sameId = Object.hasOwn(after.ties, t.id) ? after.ties[t.id] : undefined;
    const sameEnds = sameId && matched.get(t.source) === sameId.source && matched.get(t.target) === sameId.target;
    let partner = sameEnds ? sameId : undefined;
    if (!partner) {
      const key = tieKey(t, (id) => matched.get(id));
      const candidate = key ? afterByKey.get(key) : undefined;
      if (candidate && !pairedAfter.has(candidate.id)) partner = candidate;
    }
    if (partner) {
      pairedAfter.add(partner.id);
      pairs.push([t, partner]);
    } else {
      ties.set(t.id, 'removed');
      removedTies.push(t);
      changes.push({ kind: 'tie-removed', tieId: t.id, text: `Removed: ${tieSentence(t, before)}.` });
    }
  }
  for (const t of Object.values(after.ties)) {
    if (pairedAfter.has(t.id)) continue;
    ties.set(t.id, 'added');
    changes.push({ kind: 'tie-added', tieId: t.id, text: `New: ${tieSentence(t, after)}.` });
  }
  for (const [was, now] of pairs) {
    if (now.strength !== was.strength && now.kind !== 'reports-to') {
      const up = now.strength > was.strength;
      ties.set(now.id, up ? 'strengthened' : 'weakened');
      changes.push({
        kind: up ? 'tie-strengthened' : 'tie-weakened',
        tieId: now.id,
        text: `${up ? 'Stronger' : 'Weaker'}: ${tieSentence(now, after)}, was ${STRENGTH_WORD[was.strength]}.`,
      });
    } else if (now.kind !== was.kind || now.mutual !== was.mutual || (!now.mutual && now.kind !== 'tension' && matched.get(was.source) !== now.source)) {
      ties.set(now.id, 'changed');
      changes.push({ kind: 'tie-changed', tieId: now.id, text: `Changed: ${tieSentence(now, after)} (was: ${tieSentence(was, before)}).` });
    }
  }
  return { changes, people, ties, removedPeople, removedTies, matched };
}

/** How many changes of each kind, for the legend and the summary line. */
export function countChanges(comparison: MapComparison): Record<ChangeKind, number> {
  const counts = {
    'person-added': 0,
    'person-removed': 0,
    stance: 0,
    department: 0,
    level: 0,
    title: 0,
    'tie-added': 0,
    'tie-removed': 0,
    'tie-strengthened': 0,
    'tie-weakened': 0,
    'tie-changed': 0,
  } satisfies Record<ChangeKind, number>;
  for (const c of comparison.changes) counts[c.kind]++;
  return counts;
}

export const GHOST_PREFIX = 'was:';

export interface ComparisonScene {
  /** The later version plus, as ghosts, the people and ties only the earlier one had. */
  doc: MapDocument;
  people: Map<Id, PersonChange>;
  ties: Map<Id, TieChange>;
}

/**
 * One document to draw a comparison on: the later version, with removed people (at their old
 * places) and removed ties added back under ids prefixed `was:`, so they can be drawn as ghosts
 * without ever colliding with a later id.
 */
export function comparisonScene(after: MapDocument, comparison: MapComparison): ComparisonScene {
  const stakeholders: Record<Id, Stakeholder> = Object.create(null);
  Object.assign(stakeholders, after.stakeholders);
  const ties: Record<Id, Tie> = Object.create(null);
  Object.assign(ties, after.ties);
  const people = new Map<Id, PersonChange>();
  const tieStatus = new Map<Id, TieChange>();
  for (const [id, status] of comparison.people) if (status !== 'removed') people.set(id, status);
  for (const [id, status] of comparison.ties) if (status !== 'removed') tieStatus.set(id, status);
  const ghost = (id: Id) => GHOST_PREFIX + id;
  for (const p of comparison.removedPeople) {
    stakeholders[ghost(p.id)] = { ...p, id: ghost(p.id) };
    people.set(ghost(p.id), 'removed');
  }
  const endOf = (id: Id) => comparison.matched.get(id) ?? (Object.hasOwn(stakeholders, ghost(id)) ? ghost(id) : undefined);
  for (const t of comparison.removedTies) {
    const source = endOf(t.source);
    const target = endOf(t.target);
    if (!source || !target) continue;
    ties[ghost(t.id)] = { ...t, id: ghost(t.id), source, target };
    tieStatus.set(ghost(t.id), 'removed');
  }
  return { doc: { map: after.map, stakeholders, ties }, people, ties: tieStatus };
}
