/**
 * Key-person risk in words. The numbers come from the shortest-path pass (shortest-paths.ts:
 * `dependentPairs`, `reach`, `reachedBy`; `keyPersonRisk` is their ratio), so the sentence and the
 * Metrics table always show the same value.
 */
import { percent } from './format';
import type { PathMeasures } from './shortest-paths';

/** The counts behind the sentence: the shortest-path pass's, or the same columns sent to the page. */
export type KeyPersonCounts = Pick<PathMeasures, 'reach' | 'reachedBy' | 'dependentPairs'>;
import { formatCount } from '../domain/numbers';

/** "4,560": numbers in sentences carry thousands separators. */
export function count(value: number): string {
  return formatCount(Math.round(value));
}

const totals = new WeakMap<KeyPersonCounts, number>();

/** Ordered pairs (s, t), s != t, where s reaches t through influence or trust ties. */
export function connectedPairs(m: KeyPersonCounts): number {
  let total = totals.get(m);
  if (total === undefined) {
    total = 0;
    for (let i = 0; i < m.reach.length; i++) total += m.reach[i];
    totals.set(m, total);
  }
  return total;
}

export function explainKeyPersonRisk(m: KeyPersonCounts, i: number, name: string): string {
  const others = connectedPairs(m) - m.reach[i] - m.reachedBy[i];
  const dependent = m.dependentPairs[i];
  if (others <= 0) return 'No other two people are connected through influence or trust ties, so nothing depends on them.';
  if (dependent === 0) return `Nobody else depends on ${name}: every connection between other people has a route just as short without them.`;
  return (
    `Without ${name}, ${count(dependent)} of the ${count(others)} connections between other people (${percent(dependent / others)}) ` +
    'would take more steps or break (one person reaching another through influence or trust ties).'
  );
}
