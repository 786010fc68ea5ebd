/**
 * Turns a graph read from GraphML or GEXF into a map, the same way for both formats.
 *
 * Nodes: the file id becomes the person's id when it is unique (else a fresh id); the name is the
 * label, else the id. Known attributes (name/label, title, department, seniority, influence,
 * interest, stance, tags, notes, email, cadence_days, next_follow_up, x, y) fill the fields.
 * Drawing attributes (size, colour, shape, z) are ignored. Any other attribute is kept: as a tag
 * "key:value" when short (up to 60 characters on one line), else as a "key: value" line in notes.
 *
 * Edges: the "kind" attribute gives the kind; without one an edge is a trust tie (an unrecognised
 * kind also becomes trust, with the original kind in the note). Direction comes from a "mutual"
 * attribute, else from the edge or graph: undirected -> mutual, directed -> one-way (kinds with a
 * fixed direction keep theirs). Strength comes from a "strength" attribute (1-3); else from a
 * numeric weight: when every weight is a whole number from 1 to 3 it is used as is; otherwise by
 * terciles of the file's weights (mid-rank percentile below 1/3 -> 1, below 2/3 -> 2, else 3;
 * all weights equal -> 2), and the raw weight is kept in the tie note as "weight: <value>".
 * Self-loops, edges to unknown nodes and repeated ties are reported and left out.
 *
 * Positions in the file are kept. When the file comes from another tool and its positions are
 * packed too tightly for cards (NetworkX layouts are within -1..1), they are scaled up evenly.
 * A file without positions gets a circle (up to 24 people) or grid layout.
 */
import { NODE_HEIGHT, nodeWidth } from '../domain/defaults';
import { aKindOfTie, kindDirection, kindFinder } from '../domain/tie-kinds';
import { createMapDocument, createStakeholder, createTie } from '../domain/factories';
import { newId } from '../domain/ids';
import { StakeholderSchema, restore } from '../domain/schemas';
import { STANCES } from '../domain/types';
import type { Id, MapDocument, Stakeholder, Strength, Tie, TieKindId } from '../domain/types';
import { matchDirection, matchKind, matchLevel, matchStrength, normHeader, placeUnplaced, splitTags } from './csv';
import { TieIndex } from './person-index';
import { withContact } from '../domain/contact';
import { parseStanceHistory, readStance } from '../domain/stance-history';
import { TEXT_LIMITS } from '../domain/limits';
import { CoordinateClamp, MAX_NOTES, MAX_SHORT_TEXT, clampInt, clampText, plural, quote, toNumber } from './text';
import { autoLayout } from './tree-layout';
import { identity, maxOf, minOf, pushAll } from '../domain/extent';
import { emptyRecord } from '../domain/records';

export interface RawNode {
  id: string;
  label: string | null;
  attrs: Record<string, string>;
  x: number | null;
  y: number | null;
}

export interface RawEdge {
  id: string | null;
  source: string;
  target: string;
  directed: boolean;
  weight: number | null;
  label: string | null;
  attrs: Record<string, string>;
}

export interface RawGraph {
  nodes: RawNode[];
  edges: RawEdge[];
  /** Written by this app (positions and attributes are taken exactly as they are). */
  ours: boolean;
  name: string | null;
  levels: string[] | null;
  leadershipLevel: number | null;
  problems: string[];
}

export { NODE_HEIGHT };
const IGNORED_NODE_ATTRS = new Set(['r', 'g', 'b', 'size', 'color', 'colour', 'shape', 'z', 'id', 'viz', 'width', 'height']);
/** Edge attributes read into the tie's own fields (the rest go into its note). */
const READ_EDGE_ATTRS = new Set(['kind', 'mutual', 'strength', 'note', 'kind_colour', 'kind_line', 'kind_meaning']);
const IGNORED_EDGE_ATTRS = new Set(['r', 'g', 'b', 'color', 'colour', 'thickness', 'shape', 'id', 'weight', 'label', 'viz']);

/** Strength from a weight: the documented rule, for the weights of one file. */
export function weightToStrength(weights: number[]): (w: number) => Strength {
  if (weights.length === 0) return () => 2;
  if (weights.every((w) => Number.isInteger(w) && w >= 1 && w <= 3)) return (w) => clampInt(w, 1, 3) as Strength;
  const sorted = [...weights].sort((a, b) => a - b);
  const n = sorted.length;
  if (sorted[0] === sorted[n - 1]) return () => 2;
  const lowerBound = (w: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < w) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const upperBound = (w: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= w) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (w) => {
    const less = lowerBound(w);
    const equal = upperBound(w) - less;
    const p = (less + (equal - 1) / 2) / (n - 1);
    return p < 1 / 3 ? 1 : p < 2 / 3 ? 2 : 3;
  };
}

function formatNumber(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** How a problem line names the node at `index` ('Node "n3"'): written only for a problem. */
function nodeWhere(node: RawNode, index: number): string {
  return node.id ? `Node ${quote(node.id)}` : `Node ${index + 1}`;
}

function edgeWhere(edge: RawEdge, index: number): string {
  return `Edge ${edge.id ? `${quote(edge.id)} ` : `${index + 1} `}(${quote(edge.source, 20)} → ${quote(edge.target, 20)})`;
}

/** `read` once per distinct value: attribute values such as levels and kinds repeat on every record. */
function memo<T>(read: (value: string) => T): (value: string) => T {
  const seen = new Map<string, T>();
  return (value) => {
    let found = seen.get(value);
    if (found === undefined && !seen.has(value)) {
      found = read(value);
      if (seen.size < 10_000) seen.set(value, found);
    }
    return found as T;
  };
}

/** The map, a line per problem, and how many nodes and edges were left out (the true count, while problem lines are capped). */
export function graphToDocument(graph: RawGraph, options: { mapName?: string; now?: number } = {}): { doc: MapDocument; problems: string[]; skipped: number } {
  const problems = [...graph.problems];
  const doc = createMapDocument(graph.name?.trim() ? graph.name.trim().slice(0, 500) : (options.mapName ?? 'Imported network'), options.now);
  if (graph.levels && graph.levels.length > 0 && graph.levels.length <= 50) {
    const levels = graph.levels.map((l) => l.slice(0, 200));
    doc.map.settings = {
      levels,
      leadershipLevel: clampInt(graph.leadershipLevel ?? Math.min(1, levels.length - 1), 0, levels.length - 1),
      cadenceDays: levels.map((_, i) => doc.map.settings.cadenceDays[Math.min(i, 3)]),
    };
  }
  const levels = doc.map.settings.levels;
  const lowest = levels.length - 1;

  const idFor = new Map<string, Id>();
  const coordinates = new CoordinateClamp();
  let skippedNodes = 0;
  const people: Stakeholder[] = [];
  const unplaced: Stakeholder[] = [];
  const levelOf = memo((value) => matchLevel(value, levels) ?? indexLevel(value, lowest));
  for (let n = 0; n < graph.nodes.length; n++) {
    const node = graph.nodes[n];
    const where = () => nodeWhere(node, n);
    let id = node.id;
    if (!id || id.length > 200) {
      id = newId();
      if (node.id) problems.push(`${where()}: the id is longer than 200 characters; a new id was given.`);
    } else if (idFor.has(node.id)) {
      id = newId();
      problems.push(`${where()}: the id ${quote(node.id)} is used by an earlier node; this node was imported as a separate person (edges to that id go to the first one).`);
    }
    if (node.id && !idFor.has(node.id)) idFor.set(node.id, id);
    const a = lowerKeys(node.attrs);
    const rawName = graph.ours ? (node.label ?? a.label ?? '') : ([a.name, node.label, a.label, node.id].find((v) => v !== undefined && v !== null && v.trim() !== '') ?? '');
    const who = () => `${where()} (${quote(rawName || node.id)})`;
    const person = createStakeholder({ id, seniority: lowest });
    person.name = clampText(rawName ?? '', MAX_SHORT_TEXT, () => `${who()}: the name`, problems);
    const used = new Set(['name', 'label']);
    const text = (key: string, max: number, field: string) => {
      used.add(key);
      return clampText(a[key] ?? '', max, () => `${who()}: the ${field}`, problems);
    };
    person.title = text('title', MAX_SHORT_TEXT, 'title');
    person.department = text('department', MAX_SHORT_TEXT, 'department');
    person.email = text('email', MAX_SHORT_TEXT, 'e-mail');
    person.notes = text('notes', MAX_NOTES, 'notes');
    Object.assign(
      person,
      withContact(person, {
        otherEmails: text('other_emails', MAX_NOTES, 'other e-mails'),
        phone: text('phone', TEXT_LIMITS.phone, 'phone'),
        company: text('company', TEXT_LIMITS.company, 'company'),
        linkedinUrl: text('linkedin_url', TEXT_LIMITS.url, 'LinkedIn URL'),
      }),
    );
    if (a.seniority !== undefined) {
      used.add('seniority');
      const level = levelOf(a.seniority);
      if (level === null) problems.push(`${who()}: seniority ${quote(a.seniority)} is not one of ${levels.join(', ')}; set to ${levels[lowest]}.`);
      else person.seniority = level;
    }
    for (const field of ['influence', 'interest'] as const) {
      if (a[field] === undefined) continue;
      used.add(field);
      const n = toNumber(a[field]);
      if (n === null || n < 1 || n > 5) problems.push(`${who()}: ${field} ${quote(a[field])} is not from 1 to 5; set to 3.`);
      else person[field] = clampInt(n, 1, 5);
    }
    if (a.stance !== undefined) {
      used.add('stance');
      const stance = STANCES.find((s) => s === a.stance.trim().toLowerCase());
      if (stance) person.stance = stance;
      else problems.push(`${who()}: stance ${quote(a.stance)} is not one of ${STANCES.join(', ')}; set to unknown.`);
    }
    if (a.target_stance !== undefined && a.target_stance.trim()) {
      used.add('target_stance');
      const target = readStance(a.target_stance);
      if (target) person.targetStance = target;
      else problems.push(`${who()}: target_stance ${quote(a.target_stance)} is not one of ${STANCES.join(', ')}; left empty.`);
    }
    if (a.stance_history !== undefined && a.stance_history.trim()) {
      used.add('stance_history');
      const { history, bad } = parseStanceHistory(a.stance_history);
      if (history.length) person.stanceHistory = history;
      if (bad) problems.push(`${who()}: ${plural(bad, 'stance change')} in stance_history could not be read (expected 2026-03-12:sceptic>neutral); left out.`);
    }
    if (a.tags !== undefined) {
      used.add('tags');
      person.tags = splitTags(a.tags);
    }
    if (a.cadence_days !== undefined) {
      used.add('cadence_days');
      const n = toNumber(a.cadence_days);
      person.cadenceDays = n !== null && Number.isInteger(n) && n >= 1 && n <= 3650 ? n : null;
    }
    if (a.next_follow_up !== undefined) {
      used.add('next_follow_up');
      person.nextFollowUp = /^\d{4}-\d{2}-\d{2}$/.test(a.next_follow_up.trim()) ? a.next_follow_up.trim() : null;
    }
    used.add('x');
    used.add('y');
    const x = coordinates.clamp(node.x ?? toNumber(a.x));
    const y = coordinates.clamp(node.y ?? toNumber(a.y));
    // Everything else is kept where the user can see it.
    const extraNotes: string[] = [];
    for (const [key, value] of Object.entries(node.attrs)) {
      const k = key.toLowerCase();
      if (used.has(k) || IGNORED_NODE_ATTRS.has(k) || value.trim() === '') continue;
      if (value.length <= 60 && !/[\n;]/.test(value) && person.tags.length < 50) person.tags.push(`${key}:${value.trim()}`.slice(0, 200));
      else extraNotes.push(`${key}: ${value}`);
    }
    if (extraNotes.length) person.notes = clampText([person.notes, ...extraNotes].filter(Boolean).join('\n'), MAX_NOTES, () => `${who()}: the notes`, problems);
    person.tags = [...new Set(person.tags)];
    const restored = restore(StakeholderSchema, { ...person, x: x ?? 0, y: y ?? 0 });
    if (!restored.ok) {
      problems.push(`${who()} could not be read (${restored.error}); skipped.`);
      skippedNodes++;
      continue;
    }
    people.push(restored.value);
    if (x === null || y === null) unplaced.push(restored.value);
  }

  coordinates.report(problems);
  const loose = new Set(unplaced);
  if (!graph.ours && !scaleForeignPositions(people.filter((p) => !loose.has(p)), problems)) {
    unplaced.length = 0;
    pushAll(unplaced, people);
  }
  if (unplaced.length === people.length) {
    const positions = autoLayout(people.map((p) => ({ id: p.id, width: nodeWidth(p.influence) })));
    for (const p of people) Object.assign(p, positions.get(p.id));
  } else placeUnplaced(people, unplaced);
  const known = new Set(people.map((p) => p.id));
  for (const p of people) doc.stakeholders[p.id] = p;

  // Edges.
  // Each edge's own strength attribute, read once (250,000 edges in a whole-company file).
  const lowered = graph.edges.map((edge) => lowerKeys(edge.attrs));
  const strengthOf = memo(matchStrength);
  const strengthAttrs = lowered.map((a) => (a.strength !== undefined ? strengthOf(a.strength) : null));
  const kindOf = memo(matchKind);
  const needsWeight = graph.edges.filter((e, i) => e.weight !== null && !strengthAttrs[i]);
  const toStrength = weightToStrength(needsWeight.map((e) => e.weight!));
  const identity = needsWeight.every((e) => Number.isInteger(e.weight!) && e.weight! >= 1 && e.weight! <= 3);
  const index = new TieIndex();
  const finder = kindFinder([]);
  const tieIds = new Set<string>();
  let dropped = 0;
  const drop = (line: () => string) => {
    dropped++;
    if (dropped <= 200) problems.push(line());
  };
  for (let e = 0; e < graph.edges.length; e++) {
    const edge = graph.edges[e];
    const source = idFor.get(edge.source);
    const target = idFor.get(edge.target);
    if (!source || !target || !known.has(source) || !known.has(target)) {
      const missing = [!(source && known.has(source)) && edge.source, !(target && known.has(target)) && edge.target].filter((x): x is string => typeof x === 'string');
      drop(() => `${edgeWhere(edge, e)}: it points to ${missing.map((m) => `node ${quote(m)}`).join(' and ')}, which is not in the file; left out.`);
      continue;
    }
    if (source === target) {
      drop(() => `${edgeWhere(edge, e)}: it joins ${quote(doc.stakeholders[source].name)} to themselves; left out.`);
      continue;
    }
    const a = lowered[e];
    const noteParts: string[] = [];
    let mutual = !edge.directed;
    if (a.mutual !== undefined) mutual = matchDirection(a.mutual) ?? mutual;
    // A kind that is not built in becomes a kind of the map's own (shown only unless the file
    // says what it counts as); past MAX_TIE_KINDS of them, a trust tie noting the kind.
    let kind: TieKindId | null = kindOf(a.kind ?? '') ?? (a.kind?.trim() ? finder.find(a.kind, { colour: a.kind_colour, line: a.kind_line, meaning: a.kind_meaning, mutual }) : null);
    if (!kind) {
      if (a.kind?.trim()) noteParts.push(`kind: ${a.kind.trim()}`);
      kind = 'trust';
    }
    const rule = kindDirection({ tieKinds: finder.kinds }, kind);
    if (rule.fixed) mutual = rule.defaultMutual;
    let strength: Strength = strengthAttrs[e] ?? 2;
    if (!strengthAttrs[e] && edge.weight !== null) {
      strength = toStrength(edge.weight);
      if (!identity) noteParts.push(`weight: ${formatNumber(edge.weight)}`);
    }
    if (a.note?.trim()) noteParts.unshift(a.note);
    if (edge.label?.trim()) noteParts.push(`label: ${edge.label.trim()}`);
    for (const [key, value] of Object.entries(edge.attrs)) {
      const k = key.toLowerCase();
      if (READ_EDGE_ATTRS.has(k) || IGNORED_EDGE_ATTRS.has(k) || value.trim() === '') continue;
      noteParts.push(`${key}: ${value.trim()}`);
    }
    const id = edge.id && edge.id.length <= 200 && !tieIds.has(edge.id) ? edge.id : newId();
    const tie: Tie = createTie(source, target, kind, { id, strength, mutual, note: clampText(noteParts.join('\n'), MAX_NOTES, () => `${edgeWhere(edge, e)}: the note`, problems) });
    if (index.has(tie)) {
      drop(() => `${edgeWhere(edge, e)}: there is already ${aKindOfTie({ tieKinds: finder.kinds }, kind)} between ${quote(doc.stakeholders[source].name)} and ${quote(doc.stakeholders[target].name)}; left out.`);
      continue;
    }
    index.add(tie);
    tieIds.add(id);
    doc.ties[id] = tie;
  }
  if (dropped > 200) problems.push(`… and ${plural(dropped - 200, 'more edge')} left out.`);
  if (finder.kinds.length) doc.map.settings = { ...doc.map.settings, tieKinds: finder.kinds };
  return { doc, problems, skipped: skippedNodes + dropped };
}

function indexLevel(value: string, lowest: number): number | null {
  const n = toNumber(value);
  return n !== null && Number.isInteger(n) && n >= 0 && n <= lowest ? n : null;
}

/** Attribute names repeat on every node and edge: each is normalised once. */
const normalisedKeys = new Map<string, string>();

function lowerKeys(attrs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = emptyRecord();
  for (const k in attrs) {
    let alias = normalisedKeys.get(k);
    if (alias === undefined) {
      const key = normHeader(k).replace(/ /g, '_');
      alias = Object.hasOwn(KEY_ALIASES, key) ? KEY_ALIASES[key] : key;
      if (normalisedKeys.size < 10_000) normalisedKeys.set(k, alias);
    }
    if (!(alias in out)) out[alias] = attrs[k];
  }
  return out;
}

const KEY_ALIASES: Record<string, string> = {
  job_title: 'title',
  position: 'title',
  role: 'title',
  dept: 'department',
  team: 'department',
  level: 'seniority',
  note: 'note',
  description: 'notes',
  e_mail: 'email',
  mail: 'email',
  telephone: 'phone',
  mobile: 'phone',
  organisation: 'company',
  organization: 'company',
  linkedin: 'linkedin_url',
  type: 'kind',
  relationship: 'kind',
  cadence: 'cadence_days',
  cadencedays: 'cadence_days',
  nextfollowup: 'next_follow_up',
};

/**
 * Scales positions up evenly when cards would pile on top of each other: when the median
 * distance from a person to their nearest neighbour is under 60 units it is brought to 250.
 * Returns false when the positions carry no shape at all (everyone on one spot), so they
 * should be laid out instead.
 */
function scaleForeignPositions(placed: Stakeholder[], problems: string[]): boolean {
  if (placed.length < 2) return true;
  const xs = placed.map((p) => p.x);
  const ys = placed.map((p) => p.y);
  const span = Math.max(maxOf(xs, identity) - minOf(xs, identity), maxOf(ys, identity) - minOf(ys, identity));
  if (span === 0) {
    problems.push('Every node in the file has the same position, so the map was laid out afresh.');
    return false;
  }
  const step = Math.max(1, Math.floor(placed.length / 400));
  const nearest: number[] = [];
  // Squared distances over typed arrays, one square root per sample: 400 samples x 50,000 people.
  const px = Float64Array.from(xs);
  const py = Float64Array.from(ys);
  for (let i = 0; i < placed.length; i += step) {
    let best = Infinity;
    for (let j = 0; j < placed.length; j++) {
      const dx = px[i] - px[j];
      const dy = py[i] - py[j];
      const d = dx * dx + dy * dy;
      if (j !== i && d < best) best = d;
    }
    nearest.push(Math.sqrt(best));
  }
  nearest.sort((a, b) => a - b);
  const median = nearest[Math.floor(nearest.length / 2)];
  if (median >= 60) return true;
  const factor = median > 0 ? 250 / median : (Math.sqrt(placed.length) * 300) / span;
  const minX = minOf(xs, identity);
  const minY = minOf(ys, identity);
  for (const p of placed) {
    p.x = Math.round((p.x - minX) * factor);
    p.y = Math.round((p.y - minY) * factor);
  }
  problems.push(`The positions in the file were too close together for cards; they were spread out ${formatNumber(Math.round(factor * 10) / 10)} times, keeping the shape.`);
  return true;
}
