import type { Page } from '@playwright/test';
import { expect, newMap, test, waitSaved } from './fixtures';

// Half a minute in `npm test` (CI time on a 2-core machine); E2E_SOAK_MS=600000 soaks for ten minutes.
const SOAK_MS = Number(process.env.E2E_SOAK_MS ?? 30_000);

interface Person {
  id: string;
  name: string;
  title: string;
  department: string;
}

/**
 * Random edits in one tab for `ms`. Each tab owns one text field (A: title, B: department) so
 * every edit it makes must survive unless the other tab deleted that person; both add people,
 * draw ties and move cards; tab A also deletes people now and then.
 */
async function randomEdits(page: Page, tab: 'A' | 'B', ms: number, seed: number) {
  return page.evaluate(
    async ({ tab, ms, seed }) => {
      type State = Record<string, (...args: unknown[]) => unknown> & { doc: { stakeholders: Record<string, { id: string; x: number; y: number }> }; selectedNodes: Set<string> };
      const app = (window as unknown as { __influenceMap: { store: { getState(): State } } }).__influenceMap;
      const state = () => app.store.getState();
      let r = seed;
      const rand = () => ((r = (r * 1103515245 + 12345) % 2147483648) / 2147483648);
      const pick = () => {
        const ids = Object.keys(state().doc.stakeholders);
        return ids.length ? ids[Math.floor(rand() * ids.length)] : null;
      };
      const last: Record<string, string> = {};
      const field = tab === 'A' ? 'title' : 'department';
      const end = Date.now() + ms;
      let i = 0;
      while (Date.now() < end) {
        i++;
        const roll = rand();
        const id = pick();
        if (roll < 0.2 || !id) {
          state().addStakeholderAt({ x: rand() * 2000, y: rand() * 1200 }, { name: `${tab}${i}` });
        } else if (roll < 0.6) {
          const value = `${tab}-${i}`;
          state().updateStakeholder(id, { [field]: value }, `soak-${i}`);
          last[id] = value;
        } else if (roll < 0.75) {
          const other = pick();
          if (other && other !== id) state().connect(id, other, rand() < 0.5 ? 'influence' : 'trust');
          state().clearSelection();
        } else if (roll < 0.9) {
          const s = state().doc.stakeholders[id];
          state().dragEnd({ [id]: { x: s.x + 10, y: s.y + 5 } });
        } else if (tab === 'A' && roll < 0.94) {
          state().select([id]);
          state().deleteSelection();
        }
        await new Promise((resolve) => setTimeout(resolve, 40 + rand() * 120));
      }
      return last;
    },
    { tab, ms, seed },
  );
}

const snapshot = (page: Page) =>
  page.evaluate(() => {
    const doc = (window as unknown as { __influenceMap: { store: { getState(): { doc: { stakeholders: Record<string, unknown>; ties: Record<string, unknown> } } } } }).__influenceMap.store.getState().doc;
    const sort = <T,>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
    return { stakeholders: sort(doc.stakeholders), ties: sort(doc.ties) };
  });

test(`two tabs editing one map at random for ${SOAK_MS / 1000} s end with the same map, every edit kept`, async ({ page, context }) => {
  test.setTimeout(SOAK_MS * 2 + 60_000);
  await newMap(page);
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByLabel('Map name')).toBeVisible();

  const [lastA, lastB] = await Promise.all([randomEdits(page, 'A', SOAK_MS, 7), randomEdits(other, 'B', SOAK_MS, 11)]);
  await waitSaved(page);
  await waitSaved(other);

  // Both tabs converge on the same document.
  await expect.poll(async () => JSON.stringify(await snapshot(page)) === JSON.stringify(await snapshot(other)), { timeout: 20_000 }).toBe(true);
  const final = (await snapshot(page)).stakeholders as Record<string, Person>;
  expect(Object.keys(final).length).toBeGreaterThan(5);

  // Every edit either tab made is there, unless tab A deleted that person.
  for (const [id, title] of Object.entries(lastA)) if (final[id]) expect(final[id].title, `title of ${id}`).toBe(title);
  for (const [id, department] of Object.entries(lastB)) if (final[id]) expect(final[id].department, `department of ${id}`).toBe(department);

  // And it is what a fresh tab reads from storage.
  const third = await context.newPage();
  await third.goto(page.url());
  await expect(third.getByLabel('Map name')).toBeVisible();
  await expect.poll(async () => JSON.stringify(await snapshot(third))).toBe(JSON.stringify(await snapshot(page)));
  await third.close();
  await other.close();
});
