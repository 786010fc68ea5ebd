/**
 * Ties that would run under a third person's card are bent around it. A straight line hidden
 * behind a card reads as two ties through that person ("Ana trusts Ben" looks like "Ana - Cleo -
 * Ben"), and a reporting line passing under a card seems to end at the wrong manager.
 *
 * For each tie the drawn path (geometry.ts, the same function TieEdge uses) is sampled and checked
 * against every other card, grown by a small margin. When it hits one, bends are tried in order of
 * size (a bow for a curve, the height of the elbow for a reporting line) and the first clear one is
 * kept; if none is clear, the one crossing the fewest cards, marked `over` so the canvas draws it
 * above the cards (a line visibly crossing a card cannot be misread). Pure, and skipped on large maps, where
 * ties are drawn by the level-of-detail layer and the cost (ties x people) would be felt.
 */
import { NODE_HEIGHT, nodeWidth } from '../domain/defaults';
import type { Id, MapDocument } from '../domain/types';
import { entryCount } from '../domain/records';
import { floatingPath, orthogonalPath, type Box, type Point } from './geometry';
import { LOD_MIN_PEOPLE } from './lod/scene';

const MARGIN = 6;
const STEP = 6;
const BOWS = [60, -60, 110, -110, 170, -170, 240, -240, 330, -330];
const ELBOWS = [0.5, 0.2, 0.8, 0.08, 0.92, 0.35, 0.65];

/** Points every few units along an SVG path made of M, L and Q commands (as geometry.ts writes). */
export function samplePath(d: string, step = STEP): Point[] {
  const tokens = d.match(/[MLQ]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const points: Point[] = [];
  let i = 0;
  let at: Point = { x: 0, y: 0 };
  const num = () => Number(tokens[i++]);
  while (i < tokens.length) {
    const cmd = tokens[i++];
    if (cmd === 'M') {
      at = { x: num(), y: num() };
      points.push(at);
    } else if (cmd === 'L') {
      const to = { x: num(), y: num() };
      const n = Math.max(1, Math.ceil(Math.hypot(to.x - at.x, to.y - at.y) / step));
      for (let k = 1; k <= n; k++) points.push({ x: at.x + ((to.x - at.x) * k) / n, y: at.y + ((to.y - at.y) * k) / n });
      at = to;
    } else if (cmd === 'Q') {
      const c = { x: num(), y: num() };
      const to = { x: num(), y: num() };
      const n = Math.max(2, Math.ceil((Math.hypot(c.x - at.x, c.y - at.y) + Math.hypot(to.x - c.x, to.y - c.y)) / step));
      for (let k = 1; k <= n; k++) {
        const t = k / n;
        const u = 1 - t;
        points.push({ x: u * u * at.x + 2 * u * t * c.x + t * t * to.x, y: u * u * at.y + 2 * u * t * c.y + t * t * to.y });
      }
      at = to;
    } else {
      break;
    }
  }
  return points;
}

const inside = (p: Point, b: Box) => p.x > b.x - MARGIN && p.x < b.x + b.width + MARGIN && p.y > b.y - MARGIN && p.y < b.y + b.height + MARGIN;

/** How many of the cards the path runs under. */
export function cardsCrossed(d: string, cards: readonly Box[]): number {
  const points = samplePath(d);
  let hits = 0;
  for (const card of cards) if (points.some((p) => inside(p, card))) hits++;
  return hits;
}

export interface TieRoute {
  /** Curves: the control point's distance from the straight line (flow units, signed). */
  bow?: number;
  /** Reporting lines: where the elbow sits between report and manager (0..1). */
  elbow?: number;
  /**
   * No bend clears every card: the tie is drawn over the cards in its way (half see-through), so it
   * visibly passes across them instead of seeming to end at, or run through, a third person.
   */
  over?: true;
}

export function cardBox(doc: Pick<MapDocument, 'stakeholders'>, id: Id): Box | null {
  const s = doc.stakeholders[id];
  return s ? { x: s.x, y: s.y, width: nodeWidth(s.influence), height: NODE_HEIGHT } : null;
}

/** Routes for the ties that need one (absent: drawn as before). */
export function routeTies(doc: Pick<MapDocument, 'stakeholders' | 'ties'>): Map<Id, TieRoute> {
  const routes = new Map<Id, TieRoute>();
  if (entryCount(doc.stakeholders) >= LOD_MIN_PEOPLE) return routes;
  const people = Object.keys(doc.stakeholders);
  // Parallel ties between the same two people fan out by lane, numbered as flow-mapping does.
  const pairs = new Map<string, Id[]>();
  for (const t of Object.values(doc.ties)) {
    const key = t.source < t.target ? `${t.source}|${t.target}` : `${t.target}|${t.source}`;
    pairs.set(key, [...(pairs.get(key) ?? []), t.id]);
  }
  const laneOf = new Map<Id, number>();
  const lanesOf = new Map<Id, number>();
  for (const ids of pairs.values()) ids.forEach((id, i) => (laneOf.set(id, i), lanesOf.set(id, ids.length)));
  const boxes = new Map<Id, Box>();
  for (const id of people) boxes.set(id, cardBox(doc, id)!);
  for (const tie of Object.values(doc.ties)) {
    const from = boxes.get(tie.source);
    const to = boxes.get(tie.target);
    if (!from || !to || tie.source === tie.target) continue;
    // Only cards near the tie can be in its way: those inside the pair's bounding box, grown by
    // the largest bend.
    const reach = 340;
    const minX = Math.min(from.x, to.x) - reach;
    const maxX = Math.max(from.x + from.width, to.x + to.width) + reach;
    const minY = Math.min(from.y, to.y) - reach;
    const maxY = Math.max(from.y + from.height, to.y + to.height) + reach;
    const others: Box[] = [];
    for (const [id, b] of boxes) {
      if (id === tie.source || id === tie.target) continue;
      if (b.x + b.width < minX || b.x > maxX || b.y + b.height < minY || b.y > maxY) continue;
      others.push(b);
    }
    if (!others.length) continue;
    if (tie.kind === 'reports-to') {
      const straight = cardsCrossed(orthogonalPath(from, to), others);
      if (straight === 0) continue;
      let best = { elbow: 0.5, hits: straight };
      for (const elbow of ELBOWS) {
        const hits = cardsCrossed(orthogonalPath(from, to, elbow), others);
        if (hits < best.hits) best = { elbow, hits };
        if (hits === 0) break;
      }
      if (best.elbow !== 0.5 || best.hits > 0) routes.set(tie.id, { elbow: best.elbow, ...(best.hits > 0 ? { over: true as const } : {}) });
      continue;
    }
    const lane = laneOf.get(tie.id) ?? 0;
    const count = lanesOf.get(tie.id) ?? 1;
    const straight = cardsCrossed(floatingPath(from, to, lane, count).path, others);
    if (straight === 0) continue;
    let best = { bow: 0, hits: straight };
    for (const bow of BOWS) {
      const hits = cardsCrossed(floatingPath(from, to, lane, count, bow).path, others);
      if (hits < best.hits) best = { bow, hits };
      if (hits === 0) break;
    }
    if (best.bow !== 0 || best.hits > 0) routes.set(tie.id, { bow: best.bow, ...(best.hits > 0 ? { over: true as const } : {}) });
  }
  return routes;
}

/** What routes depend on: every card's place and size, every tie's ends and kind. */
function geometryKey(doc: Pick<MapDocument, 'stakeholders' | 'ties'>): string {
  const parts: string[] = [];
  for (const s of Object.values(doc.stakeholders)) parts.push(`${s.id}\u0000${s.x}\u0000${s.y}\u0000${s.influence}`);
  parts.push('');
  for (const t of Object.values(doc.ties)) parts.push(`${t.id}\u0000${t.source}\u0000${t.target}\u0000${t.kind}`);
  return parts.join('\u0001');
}

/**
 * routeTies for a canvas: the last routes are kept while no card moved or resized and no tie
 * changed ends or kind, so typing a name or a note (a new document each keystroke) does not route
 * every tie again (about 0.3 s at 199 people and 1,000 ties) and the routes keep their identity.
 */
export function createTieRouter(): (doc: Pick<MapDocument, 'stakeholders' | 'ties'>) => Map<Id, TieRoute> {
  let lastKey: string | null = null;
  let last = new Map<Id, TieRoute>();
  const none = new Map<Id, TieRoute>();
  return (doc) => {
    // Large maps are not routed (routeTies): nor is a key of every card and tie built for them.
    if (entryCount(doc.stakeholders) >= LOD_MIN_PEOPLE) {
      lastKey = null;
      return none;
    }
    const key = geometryKey(doc);
    if (key !== lastKey) {
      lastKey = key;
      last = routeTies(doc);
    }
    return last;
  };
}
