/**
 * Pure edit operations on a MapDocument. Each returns a new document and shares every record it
 * did not touch, so "what changed" is a reference comparison (autosave and undo rely on this).
 */
import { createStakeholder, createTie } from './factories';
import { copyWithNewIds } from './copy';
import { copyName, nameSet } from './naming';
import type { Id, MapDocument, MapMeta, MapSettings, Stakeholder, Tie, TieKindId } from './types';
import { aKindOfTie, isKnownKind, kindDirection } from './tie-kinds';
import { copyRecord, editedRecord, emptyRecord, entryCount, hasEntry, valuesOf, withEntry } from './records';
import { dropDanglingTies } from './merge';

export type OpResult = { ok: true; doc: MapDocument } | { ok: false; error: string };

export interface Position {
  x: number;
  y: number;
}

export function addStakeholder(doc: MapDocument, stakeholder: Stakeholder): MapDocument {
  return { ...doc, stakeholders: withEntry(doc.stakeholders, stakeholder.id, stakeholder) };
}

export function addStakeholderAt(doc: MapDocument, position: Position, fields: Partial<Stakeholder> = {}): { doc: MapDocument; id: Id } {
  const count = entryCount(doc.stakeholders);
  const lowest = doc.map.settings.levels.length - 1;
  const stakeholder = createStakeholder({ name: `Person ${count + 1}`, seniority: lowest, ...fields, x: position.x, y: position.y });
  return { doc: addStakeholder(doc, stakeholder), id: stakeholder.id };
}

type StakeholderPatch = Partial<Omit<Stakeholder, 'id'>>;

export function updateStakeholder(doc: MapDocument, id: Id, patch: StakeholderPatch): MapDocument {
  const current = doc.stakeholders[id];
  if (!current) return doc;
  const changed = (Object.keys(patch) as (keyof StakeholderPatch)[]).some((key) => !Object.is(current[key], patch[key]));
  if (!changed) return doc;
  return { ...doc, stakeholders: withEntry(doc.stakeholders, id, { ...current, ...patch }) };
}

export function moveStakeholders(doc: MapDocument, positions: Record<Id, Position>): MapDocument {
  const moved: [Id, Stakeholder][] = [];
  for (const [id, pos] of Object.entries(positions)) {
    const current = hasEntry(doc.stakeholders, id) ? doc.stakeholders[id] : undefined;
    if (!current || (current.x === pos.x && current.y === pos.y)) continue;
    moved.push([id, { ...current, x: pos.x, y: pos.y }]);
  }
  return moved.length ? { ...doc, stakeholders: editedRecord(doc.stakeholders, moved) } : doc;
}

/** Removes people and ties; a person's ties go with them, and "Me" is cleared if Me is removed. */
export function removeElements(doc: MapDocument, stakeholderIds: Iterable<Id>, tieIds: Iterable<Id> = []): MapDocument {
  const people = new Set([...stakeholderIds].filter((id) => hasEntry(doc.stakeholders, id)));
  const tiesGone = new Set([...tieIds].filter((id) => hasEntry(doc.ties, id)));
  if (people.size) {
    for (const tie of valuesOf(doc.ties)) {
      if (people.has(tie.source) || people.has(tie.target)) tiesGone.add(tie.id);
    }
  }
  if (people.size === 0 && tiesGone.size === 0) return doc;
  const stakeholders = people.size ? editedRecord(doc.stakeholders, [], people) : doc.stakeholders;
  const ties = tiesGone.size ? editedRecord(doc.ties, [], tiesGone) : doc.ties;
  const map = doc.map.meId && people.has(doc.map.meId) ? { ...doc.map, meId: null } : doc.map;
  return { map, stakeholders, ties };
}

/** True when `a` and `b` describe the same relationship (same kind and ends, in either order when mutual). */
function sameTie(a: Pick<Tie, 'source' | 'target' | 'kind' | 'mutual'>, b: Pick<Tie, 'source' | 'target' | 'kind' | 'mutual'>): boolean {
  if (a.kind !== b.kind) return false;
  if (a.source === b.source && a.target === b.target) return true;
  return (a.mutual || b.mutual) && a.source === b.target && a.target === b.source;
}

/** Why a tie cannot be drawn, or null when it can. */
export function tieProblem(doc: MapDocument, candidate: Pick<Tie, 'source' | 'target' | 'kind' | 'mutual'>, ignoreId?: Id): string | null {
  if (!hasEntry(doc.stakeholders, candidate.source) || !hasEntry(doc.stakeholders, candidate.target)) return 'Both ends of a tie must be people on this map.';
  if (candidate.source === candidate.target) return 'A person cannot have a tie to themselves.';
  for (const tie of valuesOf(doc.ties)) {
    if (tie.id !== ignoreId && sameTie(tie, candidate)) return `There is already ${aKindOfTie(doc.map.settings, candidate.kind)} between these two people.`;
  }
  return null;
}

export function connect(doc: MapDocument, source: Id, target: Id, kind: TieKindId, fields: Partial<Tie> = {}): OpResult & { id?: Id } {
  if (!isKnownKind(doc.map.settings, kind)) return { ok: false, error: 'That kind of tie is no longer on this map.' };
  const rule = kindDirection(doc.map.settings, kind);
  let tie = createTie(source, target, kind, { mutual: rule.defaultMutual, ...fields });
  if (rule.fixed && tie.mutual !== rule.defaultMutual) tie = { ...tie, mutual: rule.defaultMutual };
  const problem = tieProblem(doc, tie);
  if (problem) return { ok: false, error: problem };
  return { ok: true, doc: { ...doc, ties: withEntry(doc.ties, tie.id, tie) }, id: tie.id };
}

/**
 * A new person at `position`, tied from `from` with a tie of `kind` (its usual direction): what
 * letting go of a tie's end on empty canvas makes. One document, so one undo step.
 */
export function addTiedStakeholderAt(doc: MapDocument, from: Id, position: Position, kind: TieKindId): { ok: true; doc: MapDocument; id: Id; tieId: Id } | { ok: false; error: string } {
  if (!(from in doc.stakeholders)) return { ok: false, error: 'The person the tie starts from is no longer on the map.' };
  const added = addStakeholderAt(doc, position);
  const tied = connect(added.doc, from, added.id, kind, { mutual: kindDirection(doc.map.settings, kind).defaultMutual });
  if (!tied.ok || !tied.id) return { ok: false, error: tied.ok ? 'The tie could not be drawn.' : tied.error };
  return { ok: true, doc: tied.doc, id: added.id, tieId: tied.id };
}

export function updateTie(doc: MapDocument, id: Id, patch: Partial<Omit<Tie, 'id'>>): OpResult {
  const current = doc.ties[id];
  if (!current) return { ok: false, error: 'That tie no longer exists.' };
  let next: Tie = { ...current, ...patch };
  const rules = kindDirection(doc.map.settings, next.kind);
  // Kinds with a fixed direction (reports-to, tension) always take their own rule.
  if (rules.fixed) next = { ...next, mutual: rules.defaultMutual };
  const unchanged = (Object.keys(next) as (keyof Tie)[]).every((key) => Object.is(next[key], current[key]));
  if (unchanged) return { ok: true, doc };
  const problem = tieProblem(doc, next, id);
  if (problem) return { ok: false, error: problem };
  return { ok: true, doc: { ...doc, ties: withEntry(doc.ties, id, next) } };
}

export function swapTieDirection(doc: MapDocument, id: Id): OpResult {
  const tie = doc.ties[id];
  if (!tie) return { ok: false, error: 'That tie no longer exists.' };
  return updateTie(doc, id, { source: tie.target, target: tie.source });
}

export interface Clip {
  stakeholders: Stakeholder[];
  ties: Tie[];
}

/** What copying these people carries: the people, and only the ties among them. */
export function copySelection(doc: MapDocument, ids: Iterable<Id>): Clip {
  const chosen = new Set([...ids].filter((id) => hasEntry(doc.stakeholders, id)));
  return {
    stakeholders: [...chosen].map((id) => doc.stakeholders[id]),
    ties: Object.values(doc.ties).filter((t) => chosen.has(t.source) && chosen.has(t.target)),
  };
}

/**
 * Pastes a clip with fresh ids, shifted by `offset`; returns the new people's ids. A pasted person
 * whose name is already on the map is named as a copy ("Tom Becker (copy)"), so a duplicate can be
 * told apart; pasted into a map where the name is free, the name stays.
 */
export function pasteClip(doc: MapDocument, clip: Clip, offset: Position): { doc: MapDocument; ids: Id[] } {
  if (clip.stakeholders.length === 0) return { doc, ids: [] };
  const maxLevel = doc.map.settings.levels.length - 1;
  const taken = nameSet(Object.values(doc.stakeholders).map((s) => s.name));
  const copied = copyWithNewIds(clip.stakeholders, clip.ties, (copy) => {
    const name = copy.name.trim() && taken.has(copy.name) ? copyName(copy.name, taken) : copy.name;
    taken.add(name);
    return { ...copy, name, seniority: Math.min(copy.seniority, maxLevel), x: copy.x + offset.x, y: copy.y + offset.y };
  });
  const stakeholders = copyRecord(doc.stakeholders);
  for (const s of copied.stakeholders) stakeholders[s.id] = s;
  const ties = copyRecord(doc.ties);
  for (const t of copied.ties) ties[t.id] = t;
  return { doc: { ...doc, stakeholders, ties }, ids: [...copied.ids.values()] };
}

export function updateMapMeta(doc: MapDocument, patch: Partial<Pick<MapMeta, 'name' | 'meId'>>): MapDocument {
  const changed = (Object.keys(patch) as (keyof typeof patch)[]).some((k) => doc.map[k] !== patch[k]);
  return changed ? { ...doc, map: { ...doc.map, ...patch } } : doc;
}

/** Replaces the settings, keeping every person's level inside the new list. */
export function updateSettings(doc: MapDocument, settings: MapSettings): MapDocument {
  const maxLevel = settings.levels.length - 1;
  let stakeholders = doc.stakeholders;
  for (const s of Object.values(doc.stakeholders)) {
    if (s.seniority > maxLevel) {
      if (stakeholders === doc.stakeholders) stakeholders = copyRecord(doc.stakeholders);
      stakeholders[s.id] = { ...s, seniority: maxLevel };
    }
  }
  return { ...doc, map: { ...doc.map, settings }, stakeholders };
}

/**
 * Removes one seniority level. People below it move up one index so they keep their level; people
 * on it join the next level down (or the one above if it was the last). The leadership line and
 * the cadences follow.
 */
export function removeLevel(doc: MapDocument, index: number): MapDocument {
  const { levels, leadershipLevel, cadenceDays } = doc.map.settings;
  if (levels.length <= 1 || index < 0 || index >= levels.length) return doc;
  const nextLevels = levels.filter((_, i) => i !== index);
  const nextCadence = cadenceDays.filter((_, i) => i !== index);
  const nextLeadership = Math.max(0, Math.min(nextLevels.length - 1, leadershipLevel >= index && leadershipLevel > 0 ? leadershipLevel - 1 : leadershipLevel));
  const stakeholders: Record<Id, Stakeholder> = copyRecord(doc.stakeholders);
  for (const s of Object.values(doc.stakeholders)) {
    if (s.seniority > index) stakeholders[s.id] = { ...s, seniority: s.seniority - 1 };
    else if (s.seniority === index) stakeholders[s.id] = { ...s, seniority: Math.min(index, nextLevels.length - 1) };
  }
  return {
    ...doc,
    map: { ...doc.map, settings: { levels: nextLevels, leadershipLevel: nextLeadership, cadenceDays: nextCadence } },
    stakeholders,
  };
}

/** What `repairDocument` changed, one entry per repair. */
export type RepairKind = 'level' | 'dangling-tie' | 'self-tie' | 'me';

/** A person whose level the map does not have (repairDocument sets them to its last level). */
export function personNeedsRepair(s: Pick<Stakeholder, 'seniority'>, maxLevel: number): boolean {
  return s.seniority > maxLevel;
}

/** A tie repairDocument leaves out: one joining a person to themselves, or to someone not on the map. */
export function tieNeedsRepair(t: Pick<Tie, 'source' | 'target'>, stakeholders: MapDocument['stakeholders']): boolean {
  return t.source === t.target || !hasEntry(stakeholders, t.source) || !hasEntry(stakeholders, t.target);
}

/**
 * Would repairDocument change anything? One pass over the people and ties, no copies; only Me
 * when the caller has already checked every person's level and every tie (`checked`).
 */
function needsRepair(doc: MapDocument, maxLevel: number, checked: boolean): boolean {
  const { stakeholders, ties } = doc;
  if (!checked) {
    for (const id in stakeholders) if (personNeedsRepair(stakeholders[id], maxLevel)) return true;
    for (const id in ties) if (tieNeedsRepair(ties[id], stakeholders)) return true;
  }
  return !!doc.map.meId && !hasEntry(stakeholders, doc.map.meId);
}

/**
 * Makes a document internally consistent: ties whose ends are missing are dropped, levels are
 * clamped and a dangling "Me" is cleared. Returns a line per repair so callers can report them.
 * `checked`: the caller has seen that no person's level is beyond the map's levels and that no
 * tie needs repair (restoreDocument does, as it restores each record), so only Me is looked at.
 */
export function repairDocument(doc: MapDocument, checked = false): { doc: MapDocument; repairs: string[]; kinds: RepairKind[] } {
  const repairs: string[] = [];
  const kinds: RepairKind[] = [];
  const note = (kind: RepairKind, message: string) => {
    kinds.push(kind);
    repairs.push(message);
  };
  const maxLevel = doc.map.settings.levels.length - 1;
  // Nearly every document needs nothing: checked first, so a 20,000-person map is not copied
  // into new records (half a second of an opening map's main thread) only to be thrown away.
  if (!needsRepair(doc, maxLevel, checked)) return { doc, repairs, kinds };
  // Prototype-free records (domain/records.ts): ids are user data, and an id such as
  // "__proto__" or "constructor" must stay an ordinary key.
  const stakeholders: Record<Id, Stakeholder> = emptyRecord();
  for (const s of Object.values(doc.stakeholders)) {
    if (personNeedsRepair(s, maxLevel)) {
      note('level', `"${s.name || s.id}" had an unknown seniority level; set to ${doc.map.settings.levels[maxLevel]}.`);
      stakeholders[s.id] = { ...s, seniority: maxLevel };
    } else stakeholders[s.id] = s;
  }
  // Dangling ties go the one way every merge drops them (domain/merge.ts).
  const whole = dropDanglingTies({ map: doc.map, stakeholders, ties: doc.ties });
  const dangling = new Set(whole.dropped.map((t) => t.id));
  const ties: Record<Id, Tie> = emptyRecord();
  for (const t of Object.values(doc.ties)) {
    if (dangling.has(t.id)) {
      note('dangling-tie', `A ${t.kind} tie (${t.id}) pointed to a person who is not on the map; it was left out.`);
    } else if (t.source === t.target) {
      note('self-tie', `A ${t.kind} tie (${t.id}) joined a person to themselves; it was left out.`);
    } else ties[t.id] = t;
  }
  let map = doc.map;
  if (map.meId && !hasEntry(stakeholders, map.meId)) {
    note('me', '"Me" pointed to a person who is not on the map; it was cleared.');
    map = { ...map, meId: null };
  }
  return { doc: repairs.length ? { map, stakeholders, ties } : doc, repairs, kinds };
}
