/**
 * The order Tab visits the canvas in: people first, in reading order (top to bottom, and left to
 * right within a row), then ties, by the reading order of their ends. React Flow's own order is
 * the DOM's: every tie before any person, and only what is drawn (people outside the view are not
 * in the DOM at all), so the canvas steers Tab itself (useCanvasKeyboard.ts).
 */
import { NODE_HEIGHT } from '../domain/defaults';
import type { Id, MapDocument } from '../domain/types';

export type CanvasItem = { kind: 'person' | 'tie'; id: Id };

/** Cards whose tops are within this of a row's first card read as the same row. */
const ROW_SLACK = NODE_HEIGHT / 2;

export function readingOrder(people: readonly { id: Id; x: number; y: number }[]): Id[] {
  const byTop = [...people].sort((a, b) => a.y - b.y || a.x - b.x);
  const order: Id[] = [];
  let row: typeof byTop = [];
  const flush = () => {
    row.sort((a, b) => a.x - b.x || a.y - b.y);
    for (const p of row) order.push(p.id);
    row = [];
  };
  for (const p of byTop) {
    if (row.length && p.y - row[0].y > ROW_SLACK) flush();
    row.push(p);
  }
  flush();
  return order;
}

export function tabOrder(doc: Pick<MapDocument, 'stakeholders' | 'ties'>, options: { ties: boolean } = { ties: true }): CanvasItem[] {
  const people = readingOrder(Object.values(doc.stakeholders));
  const items: CanvasItem[] = people.map((id) => ({ kind: 'person', id }));
  if (!options.ties) return items;
  const rank = new Map(people.map((id, i) => [id, i]));
  const ties = Object.values(doc.ties).sort(
    (a, b) => (rank.get(a.source) ?? 0) - (rank.get(b.source) ?? 0) || (rank.get(a.target) ?? 0) - (rank.get(b.target) ?? 0),
  );
  for (const t of ties) items.push({ kind: 'tie', id: t.id });
  return items;
}
