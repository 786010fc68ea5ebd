/**
 * Collapsed teams at 50,000 people: what a collapse or "Show levels" costs on the main thread
 * (the reporting tree, who is hidden, and the canvas overlay), against the overlay with nothing
 * collapsed as the same-run baseline.
 *   npx vitest bench --run --project unit bench/org-collapse.bench.ts
 */
import { bench, describe } from 'vitest';
import { generateOrganisation } from '../src/analysis/generate';
import { computeOverlay } from '../src/canvas/overlay';
import { collapsedForLevels, collapseOf, orgTree } from '../src/domain/org-tree';

const options = { iterations: 3, warmupIterations: 1, time: 0 };
const doc = generateOrganisation(50_000, 5);
const tree = orgTree(doc);
const ids = Object.keys(doc.stakeholders);
const twoLevels = collapsedForLevels(tree, 2);
const base = { doc, analysis: null, lens: 'none', sizeBy: 'influence', colourBy: 'stance', paths: null, today: '2026-11-30' } as const;

describe('collapse at 50,000 people', () => {
  bench('overlay, nothing collapsed (baseline)', () => void computeOverlay({ ...base, collapsed: new Set() }), options);
  bench('reporting tree (orgTree)', () => void orgTree(doc), options);
  bench('who is hidden, Show 2 levels (collapseOf)', () => void collapseOf(tree, ids, twoLevels), options);
  bench('overlay, Show 2 levels', () => void computeOverlay({ ...base, collapsed: twoLevels }), options);
});
