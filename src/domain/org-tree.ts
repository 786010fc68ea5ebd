/**
 * The reporting tree of a map, for collapsing a manager's team and "Show N levels". Pure: the
 * collapsed set is view state held by the store, never part of the document.
 *
 * A reporting line is a tie whose kind counts as one (`tieMeaning`: built-in reports-to or a map's
 * own kind that counts as a reporting line), from the person to their manager. People may have
 * more than one manager (dotted lines) and files may hold cycles; every walk here keeps a visited
 * set, so a cycle never loops.
 */
import { hasEntry, valuesOf } from './records';
import { runSteps, runStepsWithPauses, type Steps } from './next-task';
import { tieMeaning } from './tie-kinds';
import type { Id, MapDocument } from './types';

export interface OrgTree {
  /** Direct reports of each manager (only managers have an entry). */
  reports: ReadonlyMap<Id, readonly Id[]>;
  /** Managers of each person who has one. */
  managers: ReadonlyMap<Id, readonly Id[]>;
  /**
   * Level of each person in the tree, 1 for the top: people who report to nobody, and, for people
   * only reachable through a cycle, the first of the cycle in document order. People outside any
   * reporting line are level 1 too.
   */
  level: ReadonlyMap<Id, number>;
}

function push(map: Map<Id, Id[]>, key: Id, value: Id) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function orgTree(doc: Pick<MapDocument, 'stakeholders' | 'ties' | 'map'>): OrgTree {
  return runSteps(orgTreeSteps(doc, Infinity));
}

/** orgTree's work, yielding after about every `slice` ties or people. */
function* orgTreeSteps(doc: Pick<MapDocument, 'stakeholders' | 'ties' | 'map'>, slice: number): Steps<OrgTree> {
  const reports = new Map<Id, Id[]>();
  const managers = new Map<Id, Id[]>();
  const settings = doc.map.settings;
  const ties = valuesOf(doc.ties);
  for (let i = 0; i < ties.length; i++) {
    if (i > 0 && i % slice === 0) yield;
    const t = ties[i];
    // Most ties of a large map are not reporting lines: the cheap test first.
    if (t.kind !== 'reports-to' && tieMeaning(settings, t.kind) !== 'reports-to') continue;
    if (t.source === t.target || !hasEntry(doc.stakeholders, t.source) || !hasEntry(doc.stakeholders, t.target)) continue;
    // Two ties saying the same reporting line (reports-to and a custom kind) count once; a
    // person's list of managers is short, so looking in it beats a key per tie.
    if (managers.get(t.source)?.includes(t.target)) continue;
    push(reports, t.target, t.source);
    push(managers, t.source, t.target);
  }
  const level = new Map<Id, number>();
  // Breadth first from each top person; one walk can cover a whole company, so the slices count
  // people placed, inside walks too.
  let placed = 0;
  function* walk(start: Id): Steps<void> {
    level.set(start, 1);
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const at = queue[head];
      const next = level.get(at)! + 1;
      for (const r of reports.get(at) ?? []) {
        if (level.has(r)) continue;
        level.set(r, next);
        queue.push(r);
        if (++placed % slice === 0) yield;
      }
    }
  }
  const people = valuesOf(doc.stakeholders);
  for (const p of people) if (!managers.has(p.id)) yield* walk(p.id);
  // Whoever is left is reachable only through a cycle: the cycle starts at its first person.
  for (const p of people) if (!level.has(p.id)) yield* walk(p.id);
  return { reports, managers, level };
}

/**
 * Everyone reached from `start` along `edges` (reports or managers), at any depth, breadth first;
 * never `start` itself, even in a cycle.
 */
function reachableFrom(edges: ReadonlyMap<Id, readonly Id[]>, start: Id): Id[] {
  const out: Id[] = [];
  const seen = new Set<Id>([start]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    for (const next of edges.get(queue[head]) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      out.push(next);
      queue.push(next);
    }
  }
  return out;
}

/** Everyone below `managerId` through reporting lines, at any depth (not the manager, even in a cycle). */
export function subtreeOf(tree: OrgTree, managerId: Id): Id[] {
  return reachableFrom(tree.reports, managerId);
}

/** How many people are in `managerId`'s team at any depth. */
export function teamSize(tree: OrgTree, managerId: Id): number {
  return subtreeOf(tree, managerId).length;
}

export interface Collapse {
  /** People not drawn because a manager above them is collapsed. */
  hidden: Set<Id>;
  /** For each collapsed manager who is drawn: how many of their team are hidden. */
  counts: Map<Id, number>;
}

/**
 * Who is hidden when `collapsed` managers are collapsed: everyone not reachable from the top of
 * the tree without passing below a collapsed manager. So someone who also reports to a manager
 * who is open stays drawn (a dotted line keeps them in view).
 */
export function collapseOf(tree: OrgTree, people: Iterable<Id>, collapsed: ReadonlySet<Id>): Collapse {
  const hidden = new Set<Id>();
  const counts = new Map<Id, number>();
  if (collapsed.size === 0) return { hidden, counts };
  const shown = new Set<Id>();
  const queue: Id[] = [];
  for (const [id, level] of tree.level) {
    if (level === 1) {
      shown.add(id);
      queue.push(id);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head];
    if (collapsed.has(at)) continue;
    for (const r of tree.reports.get(at) ?? []) {
      if (shown.has(r)) continue;
      shown.add(r);
      queue.push(r);
    }
  }
  // Someone the tree has not seen (added since it was made, with no reporting line) is drawn.
  for (const id of people) if (!shown.has(id) && tree.level.has(id)) hidden.add(id);
  for (const id of collapsed) {
    if (hidden.has(id) || !tree.reports.has(id)) continue;
    let n = 0;
    for (const r of subtreeOf(tree, id)) if (hidden.has(r)) n++;
    if (n > 0) counts.set(id, n);
  }
  return { hidden, counts };
}

/**
 * The managers to collapse to show only the top `levels` levels: every manager at that level or
 * below. The deeper ones are collapsed too, so opening one team shows one more level, not the
 * whole branch under it.
 */
export function collapsedForLevels(tree: OrgTree, levels: number): Set<Id> {
  const out = new Set<Id>();
  for (const [id, level] of tree.level) if (level >= levels && tree.reports.has(id)) out.add(id);
  return out;
}

/** Everyone above `id` through reporting lines, at any height (not `id`, even in a cycle). */
export function ancestorsOf(tree: OrgTree, id: Id): Id[] {
  return reachableFrom(tree.managers, id);
}

/** The collapsed set with every manager above `id` opened, so `id` is drawn. */
export function expandPathTo(tree: OrgTree, collapsed: ReadonlySet<Id>, id: Id): Set<Id> {
  const next = new Set(collapsed);
  for (const m of ancestorsOf(tree, id)) next.delete(m);
  return next;
}

/** How many levels the tree has (1 when there are no reporting lines). */
export function depthOf(tree: OrgTree): number {
  let max = 0;
  for (const level of tree.level.values()) if (level > max) max = level;
  return max;
}

let last: { ties: unknown; kinds: unknown; tree: OrgTree } | null = null;

/**
 * `orgTree` for the open map, made again only when its ties or tie kinds change: the canvas, the
 * store's actions and the panels all ask on every render or action, and on a 50,000-person map
 * one pass over the ties is the cost. A person added or renamed changes no reporting line (a
 * person deleted takes their ties along, so the ties change then).
 */
export function cachedOrgTree(doc: Pick<MapDocument, 'stakeholders' | 'ties' | 'map'>): OrgTree {
  const known = orgTreeIfKnown(doc);
  if (known) return known;
  const tree = orgTree(doc);
  last = { ties: doc.ties, kinds: doc.map.settings.tieKinds, tree };
  return tree;
}

/** cachedOrgTree's tree when it is already worked out, else null. */
export function orgTreeIfKnown(doc: Pick<MapDocument, 'ties' | 'map'>): OrgTree | null {
  return last && last.ties === doc.ties && last.kinds === doc.map.settings.tieKinds ? last.tree : null;
}

/**
 * The tree with `pause()` between slices of 5,000 ties or people, then cached; null if `stopped()`.
 * (Slices of 20,000 were tasks of a quarter second while an imported company was being saved.)
 */
export async function orgTreeInSlices(doc: Pick<MapDocument, 'stakeholders' | 'ties' | 'map'>, pause: () => Promise<void>, stopped: () => boolean): Promise<OrgTree | null> {
  const tree = await runStepsWithPauses(orgTreeSteps(doc, 5_000), pause, stopped);
  if (tree) last = { ties: doc.ties, kinds: doc.map.settings.tieKinds, tree };
  return tree;
}
