import { generateOrganisation } from '../../src/analysis/generate';
import { expect, storeAndOpen, test } from './fixtures';

/**
 * A map of 400 people or more is analysed on two workers (analysis/worker-api.ts): a helper takes
 * two thirds of the shortest paths while the analysis worker computes the rest. The result arrives
 * in slices and its sentences are written on the page when read (analysis/explanations.ts).
 */
test.describe.configure({ timeout: 300_000 });

type Analysis = { people: { id: string }[]; topBrokerIds: string[]; explanations: Record<string, { betweenness: string; degree: string }> };
type AppWindow = { __influenceMap: { store: { getState(): { analysisState: string; analysis: Analysis | null; analysisError: string | null } } } };

test('a 2,000-person map is analysed by the two workers and its brokers explained', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await storeAndOpen(page, generateOrganisation(2000, 7));
  await page.waitForFunction(() => ['ready', 'error'].includes((window as unknown as AppWindow).__influenceMap.store.getState().analysisState), null, { timeout: 240_000, polling: 200 });
  const seen = await page.evaluate(() => {
    const { analysis, analysisError } = (window as unknown as AppWindow).__influenceMap.store.getState();
    const top = analysis?.topBrokerIds[0] ?? '';
    return { error: analysisError, people: analysis?.people.length ?? 0, top, why: analysis?.explanations[top]?.betweenness ?? '', contacts: analysis?.explanations[top]?.degree ?? '' };
  });
  expect(seen.error).toBeNull();
  expect(seen.people).toBe(2000);
  expect(seen.why).toMatch(/lies on .* of the strongest routes between other people\.$/);
  expect(seen.contacts).toMatch(/^\d+ contacts?: /);
  expect(errors).toEqual([]);
});
