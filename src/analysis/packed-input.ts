/**
 * The analysis input as columns, the form the page builds and posts to the worker. At 50,000
 * people the object form (input.ts: one object per person and per tie, about 300,000 of them) took
 * half a second of the page to build and as long again to post (structured clone copies object by
 * object), and the page kept it alive between runs, so the garbage collector paused the page for
 * seconds while the worker ran. As columns the numbers cross as a few typed arrays, the page keeps
 * no per-tie object, and building it yields to the page every few milliseconds (`toPackedInput`).
 * The worker turns it back into an AnalysisInput (`unpackInput`); nothing else in the analysis
 * changes.
 */
import { tieMeaning } from '../domain/tie-kinds';
import { clampStrength, cleanSeniority } from './input';
import type { Id, MapDocument, TieKind } from '../domain/types';
import type { AnalysisInput, AnalysisPerson, AnalysisTie } from './types';
import { nextTask } from '../domain/next-task';
import { valuesOf } from '../domain/records';
import { copiedForTransfer } from '../domain/workers';

const KINDS: readonly TieKind[] = ['influence', 'trust', 'reports-to', 'tension'];
const KIND_CODE: Record<string, number> = { influence: 0, trust: 1, 'reports-to': 2, tension: 3 };

export interface PackedInput {
  /** Marks the columnar form (AnalysisInput has `people` as an array). */
  packed: true;
  people: { ids: Id[]; names: string[]; departments: string[]; titles: (string | undefined)[]; seniority: Int32Array };
  /** Ties by person index; kind is an index into KINDS. */
  ties: { ids: Id[]; source: Int32Array; target: Int32Array; kind: Uint8Array; strength: Uint8Array; mutual: Uint8Array };
  levels: string[];
  leadershipLevel: number;
  meId: Id | null;
}

export function isPackedInput(input: AnalysisInput | PackedInput): input is PackedInput {
  return (input as PackedInput).packed === true;
}

/** How often (in items) the builder looks at the clock, and how long it may hold the page. */
const CHECK_EVERY = 2048;
const SLICE_MS = 8;
const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * The map's analysis input in columns, the same people, ties and rules as toAnalysisInput (input.ts):
 * ties to missing people or oneself and kinds that are only shown are left out, custom kinds count
 * as what they mean, reporting lines are one-way and tensions mutual. With `sliced`, it pauses for
 * the page every few milliseconds; `doc` is an immutable snapshot, so later edits do not mix in.
 */
export async function toPackedInput(doc: MapDocument, sliced = true): Promise<PackedInput> {
  let since = clock();
  // Looked at every CHECK_EVERY items, and awaited only to pause: a small map packs in one go.
  const due = (i: number) => sliced && (i & (CHECK_EVERY - 1)) === 0 && clock() - since >= SLICE_MS;
  const stakeholders = valuesOf(doc.stakeholders);
  const n = stakeholders.length;
  const ids: Id[] = new Array<Id>(n);
  const names: string[] = new Array<string>(n);
  const departments: string[] = new Array<string>(n);
  const titles: (string | undefined)[] = new Array<string | undefined>(n);
  const seniority = new Int32Array(n);
  const index = new Map<Id, number>();
  for (let i = 0; i < n; i++) {
    if (due(i)) {
      await nextTask();
      since = clock();
    }
    const s = stakeholders[i];
    ids[i] = s.id;
    names[i] = s.name;
    departments[i] = s.department;
    titles[i] = s.title;
    seniority[i] = cleanSeniority(s.seniority);
    index.set(s.id, i);
  }
  const all = valuesOf(doc.ties);
  const tieIds: Id[] = [];
  const source = new Int32Array(all.length);
  const target = new Int32Array(all.length);
  const kind = new Uint8Array(all.length);
  const strength = new Uint8Array(all.length);
  const mutual = new Uint8Array(all.length);
  const settings = doc.map.settings;
  for (let k = 0; k < all.length; k++) {
    if (due(k)) {
      await nextTask();
      since = clock();
    }
    const t = all[k];
    const s = index.get(t.source);
    const u = index.get(t.target);
    // A tie to a missing person or to oneself carries no information about the network.
    if (s === undefined || u === undefined || s === u) continue;
    const meaning = tieMeaning(settings, t.kind);
    if (meaning === 'shown') continue;
    const m = tieIds.length;
    tieIds.push(t.id);
    source[m] = s;
    target[m] = u;
    kind[m] = KIND_CODE[meaning];
    strength[m] = clampStrength(t.strength);
    mutual[m] = meaning === 'reports-to' ? 0 : meaning === 'tension' ? 1 : t.mutual ? 1 : 0;
  }
  const m = tieIds.length;
  const meId = doc.map.meId && index.has(doc.map.meId) ? doc.map.meId : null;
  return {
    packed: true,
    people: { ids, names, departments, titles, seniority },
    ties: { ids: tieIds, source: source.slice(0, m), target: target.slice(0, m), kind: kind.slice(0, m), strength: strength.slice(0, m), mutual: mutual.slice(0, m) },
    levels: [...settings.levels],
    leadershipLevel: settings.leadershipLevel,
    meId,
  };
}

/**
 * An AnalysisInput in columns (for callers that built one, e.g. comparing two saved versions).
 * People with an id seen before are left out, as uniquePeople does, so indices name one person.
 */
export function packInput(input: AnalysisInput): PackedInput {
  const index = new Map<Id, number>();
  const people = input.people.filter((p) => !index.has(p.id) && index.set(p.id, index.size));
  const ties = input.ties.filter((t) => index.has(t.source) && index.has(t.target) && t.kind in KIND_CODE);
  return {
    packed: true,
    people: {
      ids: people.map((p) => p.id),
      names: people.map((p) => p.name),
      departments: people.map((p) => p.department),
      titles: people.map((p) => p.title),
      seniority: Int32Array.from(people, (p) => cleanSeniority(p.seniority)),
    },
    ties: {
      ids: ties.map((t) => t.id),
      source: Int32Array.from(ties, (t) => index.get(t.source)!),
      target: Int32Array.from(ties, (t) => index.get(t.target)!),
      kind: Uint8Array.from(ties, (t) => KIND_CODE[t.kind]),
      strength: Uint8Array.from(ties, (t) => clampStrength(t.strength)),
      mutual: Uint8Array.from(ties, (t) => (t.mutual ? 1 : 0)),
    },
    levels: [...input.levels],
    leadershipLevel: input.leadershipLevel,
    meId: input.meId,
  };
}

/** The people as objects (what the sentences read); built when first needed. */
export function unpackPeople(p: PackedInput): AnalysisPerson[] {
  const { ids, names, departments, titles, seniority } = p.people;
  const people: AnalysisPerson[] = new Array<AnalysisPerson>(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const person: AnalysisPerson = { id: ids[i], name: names[i], department: departments[i], seniority: seniority[i] };
    if (titles[i] !== undefined) person.title = titles[i];
    people[i] = person;
  }
  return people;
}

/** Back to the object form the analysis runs on (in the worker). */
export function unpackInput(p: PackedInput, people: AnalysisPerson[] = unpackPeople(p)): AnalysisInput {
  const { ids: personIds } = p.people;
  const { ids, source, target, kind, strength, mutual } = p.ties;
  const ties: AnalysisTie[] = new Array<AnalysisTie>(ids.length);
  for (let k = 0; k < ids.length; k++) {
    ties[k] = { id: ids[k], source: personIds[source[k]], target: personIds[target[k]], kind: KINDS[kind[k]], strength: strength[k], mutual: mutual[k] === 1 };
  }
  return { people, ties, levels: p.levels, leadershipLevel: p.leadershipLevel, meId: p.meId };
}

/** Only the people, settings and Me: what the sentences need, without building a tie object. */
export function peopleInput(p: PackedInput): AnalysisInput {
  return { people: unpackPeople(p), ties: [], levels: p.levels, leadershipLevel: p.leadershipLevel, meId: p.meId };
}

const sameArray = <T>(a: ArrayLike<T>, b: ArrayLike<T>) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** True when two packed inputs describe the same network, so a re-run would give the same answer. */
export function samePackedInput(a: PackedInput, b: PackedInput): boolean {
  if (a.meId !== b.meId || a.leadershipLevel !== b.leadershipLevel || !sameArray(a.levels, b.levels)) return false;
  const p = a.people;
  const q = b.people;
  if (!sameArray(p.ids, q.ids) || !sameArray(p.names, q.names) || !sameArray(p.departments, q.departments) || !sameArray(p.titles, q.titles) || !sameArray(p.seniority, q.seniority)) return false;
  const s = a.ties;
  const t = b.ties;
  return sameArray(s.ids, t.ids) && sameArray(s.source, t.source) && sameArray(s.target, t.target) && sameArray(s.kind, t.kind) && sameArray(s.strength, t.strength) && sameArray(s.mutual, t.mutual);
}

/**
 * A list of texts as one text and where each ends (-1: no text). Posting 50,000 people's ids,
 * names, departments and titles and 250,000 tie ids as lists made the structured clone copy
 * 450,000 strings one by one, a task of over 100 ms on the page; one long string is one copy.
 */
export interface TextList {
  text: string;
  ends: Int32Array;
}

export function packTexts(list: readonly (string | undefined)[]): TextList {
  const ends = new Int32Array(list.length);
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (s === undefined) ends[i] = -1;
    else {
      parts.push(s);
      ends[i] = at += s.length;
    }
  }
  return { text: parts.join(''), ends };
}

export function unpackTexts(packed: TextList): (string | undefined)[] {
  const { text, ends } = packed;
  const out = new Array<string | undefined>(ends.length);
  let at = 0;
  for (let i = 0; i < ends.length; i++) {
    if (ends[i] < 0) out[i] = undefined;
    else {
      out[i] = text.slice(at, ends[i]);
      at = ends[i];
    }
  }
  return out;
}

/**
 * PackedInput as it is posted to the worker: its lists of texts as TextLists, and the ties without
 * their ids. The analysis never reads a tie's id (every result names people, by their ids or
 * positions), and a whole company's tie ids were the largest text of the trip: 250,000 of them,
 * 2.3 million characters of a 50,000-person map, and more with imported ids such as UUIDs (joining
 * and cloning the texts of a 50,000-row HR import was a 280-450 ms task of the page). The worker
 * names the ties by position instead (`fromPosted`).
 */
export interface PostedInput {
  packed: 'posted';
  people: { ids: TextList; names: TextList; departments: TextList; titles: TextList; seniority: Int32Array };
  ties: Omit<PackedInput['ties'], 'ids'>;
  levels: string[];
  leadershipLevel: number;
  meId: Id | null;
}

export function isPostedInput(input: unknown): input is PostedInput {
  return (input as PostedInput).packed === 'posted';
}

export function toPosted(p: PackedInput): PostedInput {
  const { people, ties } = p;
  return {
    packed: 'posted',
    people: { ids: packTexts(people.ids), names: packTexts(people.names), departments: packTexts(people.departments), titles: packTexts(people.titles), seniority: people.seniority },
    ties: { source: ties.source, target: ties.target, kind: ties.kind, strength: ties.strength, mutual: ties.mutual },
    levels: p.levels,
    leadershipLevel: p.leadershipLevel,
    meId: p.meId,
  };
}

/**
 * toPosted for the trip to a worker, with every buffer to transfer: the input's own columns are
 * copied first (the page keeps the input, to compare the next one with), which is far cheaper
 * than the structured clone copying them (50,000 people and 250,000 ties: ~50 ms of the page).
 */
export function postedForTransfer(p: PackedInput): { arg: PostedInput; transfer: ArrayBuffer[] } {
  const posted = toPosted(p);
  const { people, ties } = posted;
  const transfer: ArrayBuffer[] = [];
  const arg: PostedInput = {
    ...posted,
    people: { ...people, ...copiedForTransfer({ seniority: people.seniority }, transfer) },
    ties: copiedForTransfer(ties, transfer),
  };
  // The texts' ends are toPosted's own: transferred as they are.
  for (const list of [people.ids, people.names, people.departments, people.titles]) transfer.push(list.ends.buffer as ArrayBuffer);
  return { arg, transfer };
}

export function fromPosted(w: PostedInput): PackedInput {
  const { people, ties } = w;
  // Ids, names and departments are always texts; only titles may be missing.
  const texts = (t: TextList) => unpackTexts(t) as string[];
  return {
    packed: true,
    people: { ids: texts(people.ids), names: texts(people.names), departments: texts(people.departments), titles: unpackTexts(people.titles), seniority: people.seniority },
    // Named by position: what a tie is called is never read by the analysis (see PostedInput).
    ties: { ...ties, ids: Array.from({ length: ties.source.length }, (_, k) => String(k)) },
    levels: w.levels,
    leadershipLevel: w.leadershipLevel,
    meId: w.meId,
  };
}
