/**
 * Gould-Fernandez brokerage roles (Gould & Fernandez 1989), with the department as the group.
 * For each ordered pair a -> v -> c with a != c and no arc a -> c, v brokers between a and c:
 *   coordinator     a, v, c all in one group          (inside their own department)
 *   itinerant       a and c share a group, v does not (an outsider linking two colleagues)
 *   gatekeeper      v and c share a group, a does not (lets an outside view into v's group)
 *   representative  a and v share a group, c does not (carries v's group's view outside)
 *   liaison         all three groups differ           (links two groups that are not v's own)
 * People with no department form one group "no department". Written by hand (graphology lacks it)
 * and tested against a brute-force count in Python.
 */
import { hasArc, type IndexedGraph } from './indexed-graph';
import { BROKERAGE_ROLES, type BrokerageCounts, type BrokerageRole } from './types';

export function emptyBrokerage(): BrokerageCounts {
  return { coordinator: 0, itinerant: 0, gatekeeper: 0, representative: 0, liaison: 0 };
}

function roleOf(ga: number, gv: number, gc: number): BrokerageRole {
  if (ga === gv) return gv === gc ? 'coordinator' : 'representative';
  if (ga === gc) return 'itinerant';
  return gv === gc ? 'gatekeeper' : 'liaison';
}

/** `groups[i]` is a small integer naming person i's department. */
export function brokerageCounts(g: IndexedGraph, groups: ArrayLike<number>): BrokerageCounts[] {
  const result: BrokerageCounts[] = [];
  for (let v = 0; v < g.n; v++) {
    const counts = emptyBrokerage();
    for (let i = g.inStart[v]; i < g.inStart[v + 1]; i++) {
      const a = g.inSource[i];
      for (let o = g.outStart[v]; o < g.outStart[v + 1]; o++) {
        const c = g.outTarget[o];
        if (a === c || hasArc(g, a, c)) continue;
        counts[roleOf(groups[a], groups[v], groups[c])]++;
      }
    }
    result.push(counts);
  }
  return result;
}

/** The most frequent role; on a tie the rarer, more strategic role wins (liaison first). */
export function dominantRole(counts: BrokerageCounts): BrokerageRole | null {
  let best: BrokerageRole | null = null;
  for (const role of [...BROKERAGE_ROLES].reverse()) {
    if (counts[role] > 0 && (best === null || counts[role] > counts[best])) best = role;
  }
  return best;
}

/** Department names -> group numbers, ignoring case and surrounding spaces. */
export function departmentGroups(departments: string[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(departments, (d) => {
    const key = d.trim().toLowerCase();
    if (!ids.has(key)) ids.set(key, ids.size);
    return ids.get(key)!;
  });
}
