import type { Page } from '@playwright/test';
import { NODE_HEIGHT, nodeWidth } from '../../src/domain/defaults';

type Mark = { id: string; x: number; y: number; width: number; height: number };

/**
 * Zoomed out there is no DOM node per person (the canvas hit-tests marks drawn on one canvas), so
 * tests find people on screen from the store's positions and React Flow's viewport: the centres
 * of marks no other card covers and no panel hides, nearest the middle of the pane first.
 */
export async function freeMarks(page: Page, count: number): Promise<Mark[]> {
  const { people, tx, ty, zoom, pane } = await page.evaluate(() => {
    type P = { id: string; x: number; y: number; influence: number };
    const app = (window as unknown as { __influenceMap: { store: { getState(): { doc: { stakeholders: Record<string, P> } } } } }).__influenceMap;
    const style = (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform;
    const m = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(style)!;
    const r = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    return {
      people: Object.values(app.store.getState().doc.stakeholders).map((p) => ({ id: p.id, x: p.x, y: p.y, influence: p.influence })),
      tx: Number(m[1]),
      ty: Number(m[2]),
      zoom: Number(m[3]),
      pane: { left: r.left, top: r.top, width: r.width, height: r.height },
    };
  });
  const cards = people.map((p) => ({
    id: p.id,
    left: pane.left + tx + p.x * zoom,
    top: pane.top + ty + p.y * zoom,
    right: pane.left + tx + (p.x + nodeWidth(p.influence)) * zoom,
    bottom: pane.top + ty + (p.y + NODE_HEIGHT) * zoom,
  }));
  const cx = pane.left + pane.width / 2;
  const cy = pane.top + pane.height / 2;
  const candidates = cards
    .map((c) => ({ ...c, x: (c.left + c.right) / 2, y: (c.top + c.bottom) / 2 }))
    .sort((a, b) => (a.x - cx) ** 2 + (a.y - cy) ** 2 - ((b.x - cx) ** 2 + (b.y - cy) ** 2))
    .filter((c) => !cards.some((o) => o.id !== c.id && c.x >= o.left && c.x <= o.right && c.y >= o.top && c.y <= o.bottom))
    .slice(0, count * 10);
  const open = await page.evaluate((points) => points.map(({ x, y }) => {
    const el = document.elementFromPoint(x, y);
    return !!el && (el.classList.contains('react-flow__pane') || el.classList.contains('lod-layer'));
  }), candidates.map(({ x, y }) => ({ x, y })));
  return candidates.filter((_, i) => open[i]).slice(0, count).map((c) => ({ id: c.id, x: c.x, y: c.y, width: c.right - c.left, height: c.bottom - c.top }));
}
