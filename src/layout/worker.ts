/**
 * The layout Web Worker, started by client.ts (see domain/workers.ts for the protocol).
 * elkjs (about 1.5 MB) is imported only when an org chart is first asked for.
 *
 * elk.bundled.js, when evaluated in a worker, installs its own `self.onmessage` (it thinks it is
 * ELK's worker); serveWorker listens with addEventListener, and that handler is cleared right
 * after loading.
 */
/// <reference lib="webworker" />
import { serveWorker } from '../domain/workers';
import { networkLayout } from './network';
import { COMPACT_MIN_PEOPLE, compactOrgChart } from './compact-org';
import { layoutOrgChart } from './org-chart';
import type { ElkLike } from './org-chart';
import type { LayoutInput, LayoutWorkerApi } from './types';

declare const self: DedicatedWorkerGlobalScope;

let elk: Promise<ElkLike> | null = null;

function loadElk(): Promise<ElkLike> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((mod) => {
    self.onmessage = null;
    const ELK = mod.default;
    return new ELK() as unknown as ElkLike; // elkjs's own typing is its class; we use the two methods ElkLike names
  });
  return elk;
}

/**
 * A small org chart (40 people, three reports each) laid out once after loading: ELK is compiled
 * Java, and its first layout runs cold. Warmed like this, a 1,000-person chart takes about 0.7 s
 * instead of 1 s (measured in Node).
 */
export function warmUpInput(): LayoutInput {
  const cards: LayoutInput['cards'] = [];
  const ties: LayoutInput['ties'] = [];
  for (let i = 0; i < 40; i++) {
    cards.push({ id: `w${i}`, x: 0, y: 0, width: 150 + (i % 3) * 20, height: 76 });
    if (i > 0) ties.push({ source: `w${i}`, target: `w${Math.floor((i - 1) / 3)}`, kind: 'reports-to', strength: 2 });
  }
  return { cards, ties };
}

const api: LayoutWorkerApi = {
  warmUp: async () => layoutOrgChart(warmUpInput(), await loadElk()),
  orgChart: async ({ input }) =>
    input.cards.length >= COMPACT_MIN_PEOPLE
      ? { positions: compactOrgChart(input), engine: 'compact' }
      : { positions: await layoutOrgChart(input, await loadElk()), engine: 'elk' },
  network: ({ input, budgetMs }, context) => ({
    positions: networkLayout(input, { budgetMs, onProgress: (fraction) => context.progress(fraction) }),
    engine: 'forceatlas2',
  }),
};

serveWorker(api);
