/**
 * Domain -> React Flow. Node and edge objects are cached and reused while their inputs are the
 * same, so React Flow (and our memoized components) only re-render what actually changed.
 */
import type { Edge, Node } from '@xyflow/react';
import { isSeniorLeader, levelName, tieSentence } from '../domain/describe';
import { NODE_HEIGHT, nodeWidth } from '../domain/defaults';
import type { Position } from '../domain/operations';
import type { Id, MapDocument, Stakeholder, Tie } from '../domain/types';
import { HEALTH_LABELS, type HealthStatus } from '../domain/health';
import { sameInEvery, valuesOf } from '../domain/records';
import { runSteps, runStepsWithPauses, type Steps } from '../domain/next-task';
import { tieLook, type TieLook } from '../io/palette';
import { LOD_MIN_PEOPLE } from './lod/scene';
import { handlesFor } from './lod/viewport';

export interface StakeholderNodeData extends Record<string, unknown> {
  person: Stakeholder;
  level: string;
  senior: boolean;
  isMe: boolean;
  /** Set by lenses and filters: drawn faded. */
  faded: boolean;
  /** A short badge (e.g. "Broker"), or empty. */
  badge: string;
  /** Colour from "Colour by" (a CSS colour), or empty for the stance colour. */
  colour: string;
  /** A catch-up with this person is overdue (a small marker on the card). */
  overdue?: boolean;
  /** Taken out in a "What if ... leaves?" (drawn faded and crossed out; the map is unchanged). */
  removed?: boolean;
  /** Their team is collapsed: how many of it are out of sight ("+42" on the card). */
  hiddenCount?: number;
}
export type StakeholderFlowNode = Node<StakeholderNodeData, 'stakeholder'>;

export interface TieEdgeData extends Record<string, unknown> {
  tie: Tie;
  /** The two people's names when mapped (they are in the tie's accessible name). */
  ends: readonly [string | undefined, string | undefined];
  /** Position among the ties joining the same two people, to fan parallel ties apart. */
  lane: number;
  lanes: number;
  faded: boolean;
  highlighted: boolean;
  /** On a route that a "What if ... leaves?" breaks or lengthens. */
  broken?: boolean;
  /** Colour, dash and marker of the tie's kind (io/palette.ts `tieLook`; a map's own kinds too). */
  look: TieLook;
  /** A tie to Me: how the relationship is doing (domain/health.ts), drawn as a marker on the tie. */
  health?: HealthStatus;
}
export type TieFlowEdge = Edge<TieEdgeData, 'tie'>;

export interface Overlay {
  faded?: ReadonlySet<Id> | null;
  badges?: ReadonlyMap<Id, string> | null;
  highlightedTies?: ReadonlySet<Id> | null;
  /** Ties faded on their own (filters by tie kind), beyond those of faded people. */
  fadedTies?: ReadonlySet<Id> | null;
  /** "Colour by": a CSS colour per person. */
  colours?: ReadonlyMap<Id, string> | null;
  /** "Size by": an influence-like 1-5 score per person, drawn as card width. */
  sizes?: ReadonlyMap<Id, number> | null;
  /** People whose catch-up is overdue. */
  overdue?: ReadonlySet<Id> | null;
  /** What-if: people taken out, and the ties of the routes that break or get longer. */
  removed?: ReadonlySet<Id> | null;
  broken?: ReadonlySet<Id> | null;
  /** People in collapsed teams: not drawn at all, nor their ties (the map keeps them). */
  hidden?: ReadonlySet<Id> | null;
  /** Collapsed managers who are drawn: how many of their team are hidden. */
  hiddenCounts?: ReadonlyMap<Id, number> | null;
  /** Ties to Me with a relationship health (domain/health.ts healthByTie). */
  health?: ReadonlyMap<Id, HealthStatus> | null;
}

/** People mapped between two turns for the page when mapping in slices (prepare). */
const NODE_SLICE = 10_000;

export interface NodeMapper {
  (doc: MapDocument, selected: ReadonlySet<Id>, drag: Record<Id, Position> | null, overlay?: Overlay): StakeholderFlowNode[];
  /**
   * The same mapping a slice of people at a time, with `pause()` between slices (false from
   * `stopped()` abandons it): a call with the same arguments afterwards returns its nodes at once.
   */
  prepare(doc: MapDocument, selected: ReadonlySet<Id>, drag: Record<Id, Position> | null, overlay: Overlay, pause: () => Promise<void>, stopped: () => boolean): Promise<void>;
}

export function createNodeMapper(): NodeMapper {
  const cache = new Map<Id, StakeholderFlowNode>();
  // The last finished mapping and what it was of: the same arguments give the same nodes.
  let last: { people: MapDocument['stakeholders']; map: MapDocument['map']; selected: ReadonlySet<Id>; drag: Record<Id, Position> | null; overlay: Overlay; nodes: StakeholderFlowNode[] } | null = null;
  function* mapSteps(doc: MapDocument, selected: ReadonlySet<Id>, drag: Record<Id, Position> | null, overlay: Overlay, slice: number): Steps<StakeholderFlowNode[]> {
    if (last && last.people === doc.stakeholders && last.map === doc.map && last.selected === selected && last.drag === drag && last.overlay === overlay) return last.nodes;
    const { settings, meId } = doc.map;
    const nodes: StakeholderFlowNode[] = [];
    const seen = new Set<Id>();
    const people = valuesOf(doc.stakeholders);
    // Large maps: handles are given, so React Flow culls off-screen cards from the first frame.
    const knownHandles = people.length >= LOD_MIN_PEOPLE;
    for (let i = 0; i < people.length; i++) {
      if (i > 0 && i % slice === 0) yield;
      const person = people[i];
      seen.add(person.id);
      if (overlay.hidden?.has(person.id)) continue;
      const pos = drag?.[person.id] ?? person;
      const level = levelName(person, settings);
      const isSelected = selected.has(person.id);
      const faded = overlay.faded?.has(person.id) ?? false;
      const badge = overlay.badges?.get(person.id) ?? '';
      const isMe = meId === person.id;
      const colour = overlay.colours?.get(person.id) ?? '';
      const width = nodeWidth(overlay.sizes?.get(person.id) ?? person.influence);
      const overdue = overlay.overdue?.has(person.id) ?? false;
      const removed = overlay.removed?.has(person.id) ?? false;
      const hiddenCount = overlay.hiddenCounts?.get(person.id) ?? 0;
      const prev = cache.get(person.id);
      if (
        prev &&
        prev.data.person === person &&
        prev.selected === isSelected &&
        prev.position.x === pos.x &&
        prev.position.y === pos.y &&
        prev.data.level === level &&
        prev.data.isMe === isMe &&
        prev.data.faded === faded &&
        prev.data.badge === badge &&
        prev.data.colour === colour &&
        (prev.data.overdue ?? false) === overdue &&
        (prev.data.removed ?? false) === removed &&
        (prev.data.hiddenCount ?? 0) === hiddenCount &&
        prev.width === width &&
        !!prev.handles === knownHandles
      ) {
        nodes.push(prev);
        continue;
      }
      const node: StakeholderFlowNode = {
        id: person.id,
        type: 'stakeholder',
        position: { x: pos.x, y: pos.y },
        // Known sizes mean React Flow never has to measure a card before drawing edges.
        width,
        height: NODE_HEIGHT,
        ...(knownHandles ? { handles: handlesFor(width, NODE_HEIGHT) } : {}),
        selected: isSelected,
        ariaLabel: person.name || 'Unnamed person',
        data: { person, level, senior: isSeniorLeader(person, settings), isMe, faded, badge, colour, overdue, ...(removed ? { removed } : {}), ...(hiddenCount ? { hiddenCount } : {}) },
      };
      cache.set(person.id, node);
      nodes.push(node);
    }
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    last = { people: doc.stakeholders, map: doc.map, selected, drag, overlay, nodes };
    return nodes;
  }

  const mapNodes = (doc: MapDocument, selected: ReadonlySet<Id>, drag: Record<Id, Position> | null, overlay: Overlay = {}): StakeholderFlowNode[] => runSteps(mapSteps(doc, selected, drag, overlay, Infinity));
  mapNodes.prepare = async (doc: MapDocument, selected: ReadonlySet<Id>, drag: Record<Id, Position> | null, overlay: Overlay, pause: () => Promise<void>, stopped: () => boolean) => {
    await runStepsWithPauses(mapSteps(doc, selected, drag, overlay, NODE_SLICE), pause, stopped);
  };
  return mapNodes;
}

/**
 * Lane and lane count per tie, by the tie's position in the list of ties: parallel ties between
 * the same two people fan apart. Reused only for the same ties in the same order (sameTopology).
 */
interface Lanes {
  lane: Int32Array;
  /** 1 for a tie alone between its two people. */
  lanes: Int32Array;
}

const NO_LANES: Lanes = { lane: new Int32Array(0), lanes: new Int32Array(0) };

/**
 * Lanes without a map keyed per tie: each tie's two people as numbers (order of appearance), the
 * ties grouped by the lower number in a counting sort (which keeps their order), and within a
 * group the ties to the same other person counted with an array indexed by that person. Every
 * pass is over typed arrays and sliced (a map of every pair was a task of 0.45 s at 250,000 ties).
 */
function* laneSteps(ties: readonly Tie[], slice: number): Steps<Lanes> {
  const n = ties.length;
  const order = new Map<Id, number>();
  const at = (id: Id) => {
    let i = order.get(id);
    if (i === undefined) order.set(id, (i = order.size));
    return i;
  };
  const low = new Int32Array(n);
  const high = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    if (k > 0 && k % slice === 0) yield;
    const a = at(ties[k].source);
    const b = at(ties[k].target);
    low[k] = a < b ? a : b;
    high[k] = a < b ? b : a;
  }
  const people = order.size;
  // Where each lower person's ties start in `grouped`, then the ties, in their own order.
  const from = new Int32Array(people + 1);
  for (let k = 0; k < n; k++) from[low[k] + 1]++;
  for (let p = 0; p < people; p++) from[p + 1] += from[p];
  const grouped = new Int32Array(n);
  const next = from.slice(0, people);
  for (let k = 0; k < n; k++) grouped[next[low[k]]++] = k;
  const lane = new Int32Array(n);
  const lanes = new Int32Array(n);
  // For the group being read: the first tie to each other person (stamped with the group, so
  // the array is never cleared), and how many ties that first tie's pair has so far.
  const stamp = new Int32Array(people).fill(-1);
  const firstTo = new Int32Array(people);
  const firstOf = new Int32Array(n);
  for (let p = 0; p < people; p++) {
    if (p > 0 && p % slice === 0) yield;
    for (let g = from[p]; g < from[p + 1]; g++) {
      const k = grouped[g];
      const other = high[k];
      if (stamp[other] !== p) {
        stamp[other] = p;
        firstTo[other] = k;
      }
      const first = firstTo[other];
      firstOf[k] = first;
      lane[k] = lanes[first]++;
    }
  }
  for (let k = 0; k < n; k++) lanes[k] = lanes[firstOf[k]];
  return { lane, lanes };
}

/**
 * Lanes depend only on which ties join which people, in order. An edit that changes a tie's
 * strength or kind, a selection or an analysis result keeps them, so they are reused instead of
 * re-keying every tie (10,000 string keys on a large map).
 */
function sameTopology(prev: readonly Tie[], next: readonly Tie[]): boolean {
  if (prev.length !== next.length) return false;
  for (let i = 0; i < next.length; i++) {
    const a = prev[i];
    const b = next[i];
    if (a !== b && (a.id !== b.id || a.source !== b.source || a.target !== b.target)) return false;
  }
  return true;
}

/**
 * Ties leave the Tab sequence to the canvas's own order (useCanvasKeyboard.ts), which visits them
 * after every person; they stay focusable, so that order can reach them.
 */
const TIE_DOM_ATTRIBUTES = { tabIndex: -1 } as const;

/** Same members (the same set, or both empty or absent, or equal contents). */
function sameSet<T>(a: ReadonlySet<T> | null | undefined, b: ReadonlySet<T> | null | undefined): boolean {
  if (a === b || ((a?.size ?? 0) === 0 && (b?.size ?? 0) === 0)) return true;
  if (!a || !b || a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function sameMap<K, V>(a: ReadonlyMap<K, V> | null | undefined, b: ReadonlyMap<K, V> | null | undefined): boolean {
  if (a === b || ((a?.size ?? 0) === 0 && (b?.size ?? 0) === 0)) return true;
  if (!a || !b || a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v || !b.has(k)) return false;
  return true;
}

/** Does the overlay say the same about every tie? (Each edit recomputes it into new objects.) */
function sameTieOverlay(a: Overlay, b: Overlay): boolean {
  return a === b || (sameSet(a.hidden, b.hidden) && sameSet(a.faded, b.faded) && sameSet(a.fadedTies, b.fadedTies) && sameSet(a.highlightedTies, b.highlightedTies) && sameSet(a.broken, b.broken) && sameMap(a.health, b.health));
}

/**
 * Ties mapped between two turns for the page when mapping in slices (prepare). 20,000 was a task
 * of 0.3 s on a slow 2-core machine, after the people were drawn and could be clicked.
 */
const EDGE_SLICE = 5_000;

export interface EdgeMapper {
  (doc: MapDocument, selected: ReadonlySet<Id>, overlay?: Overlay): TieFlowEdge[];
  /**
   * The same mapping, a slice of ties at a time with `pause()` between slices (false from
   * `stopped()` abandons it): a call with the same arguments afterwards returns its edges at once.
   * An opening whole company maps its 250,000 ties this way instead of in one long task.
   */
  prepare(doc: MapDocument, selected: ReadonlySet<Id>, overlay: Overlay, pause: () => Promise<void>, stopped: () => boolean): Promise<void>;
}

export function createEdgeMapper(): EdgeMapper {
  const cache = new Map<Id, TieFlowEdge>();
  let lastTiesRecord: MapDocument['ties'] | null = null;
  let lastTies: readonly Tie[] = [];
  let lastLanes: Lanes = NO_LANES;
  let lastEdges: TieFlowEdge[] = [];
  let lastKinds: MapDocument['map']['settings']['tieKinds'] = undefined;
  let lastPeople: MapDocument['stakeholders'] | null = null;
  let lastSelected: ReadonlySet<Id> | null = null;
  let lastOverlay: Overlay = {};
  function* mapSteps(doc: MapDocument, selected: ReadonlySet<Id>, overlay: Overlay, slice: number): Steps<TieFlowEdge[]> {
    // A map's own kind renamed or restyled: its ties' looks and sentences change (rare, so all).
    if (doc.map.settings.tieKinds !== lastKinds) {
      cache.clear();
      lastKinds = doc.map.settings.tieKinds;
      lastPeople = null;
    }
    // A drop (or a note, a title) changes the people but no tie, no name and nothing the overlay
    // says about ties: the last edges stand, without the per-tie pass (0.5 s at 50,000 people).
    const sameTies = doc.ties === lastTiesRecord && selected === lastSelected && sameTieOverlay(lastOverlay, overlay);
    if (sameTies && lastPeople && sameInEvery(lastPeople, doc.stakeholders, 'name')) {
      lastPeople = doc.stakeholders;
      lastOverlay = overlay;
      return lastEdges;
    }
    // What the mapping is measured against is only replaced when it is finished: a mapping in
    // slices (prepare) that is abandoned, or overtaken by another call, leaves it as it was.
    const before = lastEdges;
    let ties = lastTies;
    let lanes = lastLanes;
    if (doc.ties !== lastTiesRecord) {
      ties = valuesOf(doc.ties);
      if (!sameTopology(lastTies, ties)) lanes = yield* laneSteps(ties, slice);
    }
    const laneOf = lanes.lane;
    const lanesOf = lanes.lanes;
    const edges: TieFlowEdge[] = [];
    let changed = false;
    const hidden = overlay.hidden?.size ? overlay.hidden : null;
    // Only ties changed (a strength, a note, a kind), in place: every other tie at the same place
    // in the list keeps its edge, found at the same place in the last edges, with no lookup (one
    // tie edited on a 250,000-tie map was a pass of cache and name lookups over every tie).
    const prevTies = lastTies;
    const aligned = lanes === lastLanes && selected === lastSelected && lastPeople !== null && sameTieOverlay(lastOverlay, overlay) && sameInEvery(lastPeople, doc.stakeholders, 'name');
    for (let i = 0; i < ties.length; i++) {
      if (i > 0 && i % slice === 0) yield;
      const tie = ties[i];
      // A tie to someone in a collapsed team is out of sight with them.
      if (hidden && (hidden.has(tie.source) || hidden.has(tie.target))) continue;
      if (aligned && tie === prevTies[i]) {
        edges.push(before[edges.length]);
        continue;
      }
      const lanes = lanesOf[i];
      const lane = laneOf[i];
      const isSelected = selected.has(tie.id);
      const faded = (overlay.faded ? overlay.faded.has(tie.source) || overlay.faded.has(tie.target) : false) || (overlay.fadedTies?.has(tie.id) ?? false);
      const highlighted = overlay.highlightedTies?.has(tie.id) ?? false;
      const broken = overlay.broken?.has(tie.id) ?? false;
      const health = overlay.health?.get(tie.id);
      const prev = cache.get(tie.id);
      // The tie's sentence names its people: renaming one of them renames the tie too.
      const ends = [doc.stakeholders[tie.source]?.name, doc.stakeholders[tie.target]?.name] as const;
      if (prev && prev.data!.tie === tie && prev.data!.ends[0] === ends[0] && prev.data!.ends[1] === ends[1] && prev.selected === isSelected && prev.data!.lane === lane && prev.data!.lanes === lanes && prev.data!.faded === faded && prev.data!.highlighted === highlighted && (prev.data!.broken ?? false) === broken && prev.data!.health === health) {
        if (prev !== before[edges.length]) changed = true;
        edges.push(prev);
        continue;
      }
      changed = true;
      const edge: TieFlowEdge = {
        id: tie.id,
        type: 'tie',
        source: tie.source,
        target: tie.target,
        selected: isSelected,
        // Screen readers read the tie as the sentence the app uses for it everywhere.
        ariaLabel: health ? `${tieSentence(tie, doc)}; relationship ${HEALTH_LABELS[health].toLowerCase()}` : tieSentence(tie, doc),
        domAttributes: TIE_DOM_ATTRIBUTES,
        data: { tie, ends, lane, lanes, faded, highlighted, look: tieLook(doc.map.settings, tie.kind), ...(broken ? { broken } : {}), ...(health ? { health } : {}) },
      };
      cache.set(tie.id, edge);
      edges.push(edge);
    }
    // Every tie has its entry, so more entries than ties means some ties are gone.
    if (cache.size !== ties.length) {
      const seen = new Set(ties.map((t) => t.id));
      for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    }
    if (edges.length !== before.length) changed = true;
    lastTiesRecord = doc.ties;
    lastTies = ties;
    lastLanes = lanes;
    lastPeople = doc.stakeholders;
    lastSelected = selected;
    lastOverlay = overlay;
    // Nothing changed (a new overlay that touches no tie): the same array, so nothing downstream
    // (React Flow, the level-of-detail scene) has to look at 10,000 edges again.
    lastEdges = changed ? edges : before;
    return lastEdges;
  }

  const mapEdges = (doc: MapDocument, selected: ReadonlySet<Id>, overlay: Overlay = {}): TieFlowEdge[] => runSteps(mapSteps(doc, selected, overlay, Infinity));
  mapEdges.prepare = async (doc: MapDocument, selected: ReadonlySet<Id>, overlay: Overlay, pause: () => Promise<void>, stopped: () => boolean) => {
    // A kind restyled meanwhile emptied the cache: this mapping's edges would bring old looks back.
    await runStepsWithPauses(mapSteps(doc, selected, overlay, EDGE_SLICE), pause, () => stopped() || doc.map.settings.tieKinds !== lastKinds);
  };
  return mapEdges;
}
