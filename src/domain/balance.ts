/**
 * "My network balance": how Me's direct ties spread across seniority and departments compared
 * with the map as a whole, what that means in plain words, and the blind spots (senior leaders and
 * departments more than two steps away).
 *
 * Counting rules:
 * - A "tie" of mine is a person I am directly connected to by influence, trust or reports-to, in
 *   either direction. Tension never counts. Several ties with the same person count once, so
 *   "80% of your ties are with peers" means 80% of the people I am tied to.
 * - The map as a whole means every person except Me.
 * - Reach is undirected over the same three kinds; "within two steps" means distance 1 or 2.
 * - Senior leaders are people at seniority index <= settings.leadershipLevel (0 is most senior).
 * - Departments are grouped case- and space-insensitively; people with no department are counted
 *   in the "No department" row but never named in findings or blind spots.
 */
import { displayName, isSeniorLeader } from './describe';
import type { Id, MapDocument, TieKind } from './types';
import { tieMeaning } from './tie-kinds';
import { identity, minOf } from './extent';
import { formatCount } from './numbers';

/** Tie kinds that are real connections (tension is shown but never a path). */
export const CONNECTING_KINDS: readonly TieKind[] = ['influence', 'trust', 'reports-to'];

export type RelativeLevel = 'senior' | 'peer' | 'junior';
export const RELATIVE_LABELS: Record<RelativeLevel, string> = {
  senior: 'More senior',
  peer: 'Peers',
  junior: 'More junior',
};

export interface BalanceRow {
  key: string;
  label: string;
  /** People in this group I am directly tied to, and their share of all my tied people (0-1). */
  mine: number;
  myShare: number;
  /** People in this group on the map (Me excluded), and their share of everyone (0-1). */
  onMap: number;
  mapShare: number;
}

export interface LeaderReach {
  id: Id;
  name: string;
  /** Hops from Me (undirected, no tension), or null when there is no path at all. */
  distance: number | null;
  /** A shortest path by hops from Me to this person (ids, Me first), or null. */
  path: Id[] | null;
}

export interface DepartmentBlindSpot {
  department: string;
  people: Id[];
  /** Hops from Me to the nearest person there, or null when nobody there is reachable. */
  distance: number | null;
}

export interface Finding {
  kind: 'no-me' | 'empty' | 'no-ties' | 'relative' | 'no-senior' | 'departments' | 'leaders';
  text: string;
}

export interface NetworkBalance {
  meId: Id | null;
  /** Number of people I am directly tied to. */
  tiedPeople: number;
  /** Number of people on the map apart from Me. */
  others: number;
  byRelative: BalanceRow[];
  byLevel: BalanceRow[];
  byDepartment: BalanceRow[];
  /** Senior leaders other than Me, with how far each is from Me. */
  leaders: LeaderReach[];
  leadersWithinTwo: number;
  blindSpots: { leaders: LeaderReach[]; departments: DepartmentBlindSpot[] };
  findings: Finding[];
}

const NO_DEPARTMENT = '';
const NO_DEPARTMENT_LABEL = 'No department';

export function departmentKey(department: string): string {
  return department.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** Undirected adjacency over the connecting kinds (tension excluded). */
export function connectionAdjacency(doc: MapDocument, kinds: readonly TieKind[] = CONNECTING_KINDS): Map<Id, Set<Id>> {
  const adj = new Map<Id, Set<Id>>();
  for (const id of Object.keys(doc.stakeholders)) adj.set(id, new Set());
  for (const t of Object.values(doc.ties)) {
    // A custom kind connects by what it counts as (domain/tie-kinds.ts).
    if (!(kinds as readonly string[]).includes(tieMeaning(doc.map.settings, t.kind)) || t.source === t.target) continue;
    const a = adj.get(t.source);
    const b = adj.get(t.target);
    if (!a || !b) continue;
    a.add(t.target);
    b.add(t.source);
  }
  return adj;
}

/** Breadth-first hop distances and parents from `start` over an adjacency map. */
export function bfs(adj: Map<Id, Set<Id>>, start: Id, maxDepth = Infinity): { distance: Map<Id, number>; parent: Map<Id, Id> } {
  const distance = new Map<Id, number>([[start, 0]]);
  const parent = new Map<Id, Id>();
  if (!adj.has(start)) return { distance: new Map(), parent };
  let frontier = [start];
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const next: Id[] = [];
    // Sorted neighbours keep paths deterministic regardless of tie insertion order.
    for (const id of frontier) {
      for (const n of [...(adj.get(id) ?? [])].sort()) {
        if (distance.has(n)) continue;
        distance.set(n, depth);
        parent.set(n, id);
        next.push(n);
      }
    }
    frontier = next;
  }
  return { distance, parent };
}

function pathTo(parent: Map<Id, Id>, start: Id, end: Id): Id[] {
  const path = [end];
  let cur = end;
  while (cur !== start) {
    const p = parent.get(cur);
    if (p === undefined) break;
    path.push(p);
    cur = p;
  }
  return path.reverse();
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function listWithOr(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function rows(groups: Map<string, { label: string; mine: number; onMap: number }>, totalMine: number, totalMap: number): BalanceRow[] {
  return [...groups.entries()].map(([key, g]) => ({
    key,
    label: g.label,
    mine: g.mine,
    myShare: totalMine ? g.mine / totalMine : 0,
    onMap: g.onMap,
    mapShare: totalMap ? g.onMap / totalMap : 0,
  }));
}

function emptyBalance(meId: Id | null, others: number, findings: Finding[]): NetworkBalance {
  return {
    meId,
    tiedPeople: 0,
    others,
    byRelative: [],
    byLevel: [],
    byDepartment: [],
    leaders: [],
    leadersWithinTwo: 0,
    blindSpots: { leaders: [], departments: [] },
    findings,
  };
}

const RELATIVE_PHRASE: Record<RelativeLevel, string> = {
  senior: 'people more senior than you',
  peer: 'peers',
  junior: 'people more junior than you',
};

export function networkBalance(doc: MapDocument): NetworkBalance {
  const settings = doc.map.settings;
  const meId = doc.map.meId;
  const me = meId ? doc.stakeholders[meId] : undefined;
  if (!me) {
    const others = Object.keys(doc.stakeholders).length;
    return emptyBalance(null, others, [{ kind: 'no-me', text: 'Mark one person as "Me" to see the balance of your network.' }]);
  }
  const people = Object.values(doc.stakeholders).filter((s) => s.id !== me.id);
  if (people.length === 0) {
    return emptyBalance(me.id, 0, [{ kind: 'empty', text: 'Add the people around you to see the balance of your network.' }]);
  }

  const adj = connectionAdjacency(doc);
  const direct = adj.get(me.id) ?? new Set<Id>();
  const { distance, parent } = bfs(adj, me.id);
  const tied = people.filter((p) => direct.has(p.id));

  // Relative seniority.
  const rel = new Map<string, { label: string; mine: number; onMap: number }>(
    (['senior', 'peer', 'junior'] as RelativeLevel[]).map((r) => [r, { label: RELATIVE_LABELS[r], mine: 0, onMap: 0 }]),
  );
  // Levels, in the map's order.
  const lvl = new Map<string, { label: string; mine: number; onMap: number }>(
    settings.levels.map((name, i) => [String(i), { label: name, mine: 0, onMap: 0 }]),
  );
  // Departments, in order of first appearance then sorted by label.
  const dept = new Map<string, { label: string; mine: number; onMap: number }>();
  for (const p of people) {
    const isMine = direct.has(p.id);
    const r = rel.get(relativeLevel(me.seniority, p.seniority))!;
    const levelIndex = Math.max(0, Math.min(p.seniority, settings.levels.length - 1));
    const l = lvl.get(String(levelIndex))!;
    const key = departmentKey(p.department) || NO_DEPARTMENT;
    if (!dept.has(key)) dept.set(key, { label: key ? p.department.trim().replace(/\s+/g, ' ') : NO_DEPARTMENT_LABEL, mine: 0, onMap: 0 });
    const d = dept.get(key)!;
    for (const g of [r, l, d]) {
      g.onMap++;
      if (isMine) g.mine++;
    }
  }
  const byRelative = rows(rel, tied.length, people.length);
  const byLevel = rows(lvl, tied.length, people.length);
  const byDepartment = rows(dept, tied.length, people.length).sort((a, b) => {
    if ((a.key === NO_DEPARTMENT) !== (b.key === NO_DEPARTMENT)) return a.key === NO_DEPARTMENT ? 1 : -1;
    return a.label.localeCompare(b.label);
  });

  // Senior leaders and reach.
  const leaders: LeaderReach[] = people
    .filter((p) => isSeniorLeader(p, settings))
    .map((p) => {
      const d = distance.get(p.id);
      return { id: p.id, name: displayName(p), distance: d ?? null, path: d === undefined ? null : pathTo(parent, me.id, p.id) };
    })
    .sort((a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity) || a.name.localeCompare(b.name));
  const within = (d: number | null) => d !== null && d <= 2;
  const leadersWithinTwo = leaders.filter((l) => within(l.distance)).length;

  const deptBlind: DepartmentBlindSpot[] = [];
  for (const row of byDepartment) {
    if (row.key === NO_DEPARTMENT) continue;
    const members = people.filter((p) => departmentKey(p.department) === row.key);
    const ds = members.map((p) => distance.get(p.id)).filter((d): d is number => d !== undefined);
    const nearest = ds.length ? minOf(ds, identity) : null;
    if (!within(nearest)) deptBlind.push({ department: row.label, people: members.map((p) => p.id), distance: nearest });
  }

  // Findings.
  const findings: Finding[] = [];
  if (tied.length === 0) {
    findings.push({ kind: 'no-ties', text: 'You have no ties on this map yet: draw who you influence, trust or report to.' });
  } else {
    const top = [...byRelative].sort((a, b) => b.mine - a.mine)[0];
    const phrase = RELATIVE_PHRASE[top.key as RelativeLevel];
    const all = top.mine === tied.length;
    findings.push({
      kind: 'relative',
      text: `${all ? 'All' : pct(top.myShare)} of your ties are with ${phrase}, who make up ${pct(top.mapShare)} of the people on this map.`,
    });
    const senior = byRelative.find((r) => r.key === 'senior')!;
    if (senior.mine === 0 && senior.onMap > 0) {
      findings.push({ kind: 'no-senior', text: `You have no tie to anyone more senior than you (${senior.onMap} on this map).` });
    }
  }
  const untied = byDepartment.filter((r) => r.key !== NO_DEPARTMENT && r.mine === 0);
  if (tied.length > 0 && untied.length > 0) {
    findings.push({ kind: 'departments', text: `You have no tie to anyone in ${listWithOr(untied.map((r) => r.label))}.` });
  }
  if (leaders.length > 0) {
    const n = leaders.length;
    let text: string;
    if (n === 1) text = leadersWithinTwo ? 'The one senior leader is within two steps of you.' : 'The one senior leader is not within two steps of you.';
    else text = `${formatCount(leadersWithinTwo)} of the ${formatCount(n)} senior leaders ${leadersWithinTwo === 1 ? 'is' : 'are'} within two steps of you.`;
    findings.push({ kind: 'leaders', text });
  }

  return {
    meId: me.id,
    tiedPeople: tied.length,
    others: people.length,
    byRelative,
    byLevel,
    byDepartment,
    leaders,
    leadersWithinTwo,
    blindSpots: { leaders: leaders.filter((l) => !within(l.distance)), departments: deptBlind },
    findings,
  };
}

/** Where someone stands relative to Me: lower index is more senior. */
export function relativeLevel(mySeniority: number, theirSeniority: number): RelativeLevel {
  return theirSeniority < mySeniority ? 'senior' : theirSeniority > mySeniority ? 'junior' : 'peer';
}
