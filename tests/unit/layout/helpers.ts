import type { LayoutCard, LayoutInput, LayoutTie, Positions } from '../../../src/layout/types';

export function card(id: string, x = 0, y = 0, width = 150): LayoutCard {
  return { id, x, y, width, height: 76 };
}

/** A tree of `n` people, `fan` reports per manager, as reports-to ties (person -> manager). */
export function orgTree(n: number, fan = 6): LayoutInput {
  const cards: LayoutCard[] = [];
  const ties: LayoutTie[] = [];
  for (let i = 0; i < n; i++) {
    cards.push(card(`p${i}`, (i * 37) % 900, (i * 53) % 700, 150 + (i % 5) * 18));
    if (i > 0) ties.push({ source: `p${i}`, target: `p${Math.floor((i - 1) / fan)}`, kind: 'reports-to', strength: 2 });
  }
  return { cards, ties };
}

export function overlaps(input: LayoutInput, positions: Positions, gap = 0): [string, string][] {
  const boxes = input.cards.map((c) => ({ id: c.id, x: positions[c.id].x, y: positions[c.id].y, w: c.width, h: c.height }));
  const out: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap) out.push([a.id, b.id]);
    }
  }
  return out;
}
