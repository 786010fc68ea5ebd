/**
 * Louvain communities on the undirected informal projection. Seeded, so the same map always gets
 * the same colours. A cluster is named after its most central member and THAT member's own
 * department ("Jordan Lee's circle (Sales)"): a name in parentheses beside a person reads as their
 * department, so it must be theirs, not the cluster's most common one.
 */
import louvain from 'graphology-communities-louvain';
import { displayName } from '../domain/describe';
import { clusteringNetwork, type Arcs } from './projections';
import { seededRandom } from './rng';
import type { AnalysisInput, Cluster } from './types';

const LOUVAIN_SEED = 20240601;

export interface Clustering {
  /** Per person (input order): index into `clusters`, or null without influence or trust ties. */
  clusterOf: (number | null)[];
  clusters: Cluster[];
  modularity: number;
}

export function findClusters(input: AnalysisInput, informal?: Arcs): Clustering {
  const graph = clusteringNetwork(input, informal);
  const clusterOf: (number | null)[] = input.people.map(() => null);
  if (graph.size === 0) return { clusterOf, clusters: [], modularity: 0 };
  const detailed = louvain.detailed(graph, { getEdgeWeight: 'weight', rng: seededRandom(LOUVAIN_SEED), resolution: 1 });

  const members = new Map<number, number[]>();
  input.people.forEach((p, i) => {
    if (graph.degree(p.id) === 0) return;
    const community = detailed.communities[p.id];
    if (!members.has(community)) members.set(community, []);
    members.get(community)!.push(i);
  });

  const drafts = [...members.values()].map((indices) => {
    const ids = new Set(indices.map((i) => input.people[i].id));
    // Most central = the strongest ties inside the cluster; ties broken by name, then id.
    let central = indices[0];
    let centralStrength = -1;
    for (const i of indices) {
      const id = input.people[i].id;
      let strength = 0;
      graph.forEachEdge(id, (_e, attrs, s, t) => {
        if (ids.has(s === id ? t : s)) strength += attrs.weight;
      });
      const better =
        strength > centralStrength ||
        (strength === centralStrength && displayName(input.people[i]).localeCompare(displayName(input.people[central])) < 0);
      if (better) {
        central = i;
        centralStrength = strength;
      }
    }
    const department = input.people[central].department.trim();
    const name = `${displayName(input.people[central])}'s circle${department ? ` (${department})` : ''}`;
    return { indices, central, department, name };
  });
  drafts.sort((a, b) => b.indices.length - a.indices.length || a.name.localeCompare(b.name));

  const clusters: Cluster[] = drafts.map((d, index) => {
    for (const i of d.indices) clusterOf[i] = index;
    return {
      index,
      name: d.name,
      centralId: input.people[d.central].id,
      department: d.department,
      memberIds: d.indices.map((i) => input.people[i].id),
    };
  });
  const modularity = Number.isFinite(detailed.modularity) ? detailed.modularity : 0;
  return { clusterOf, clusters, modularity };
}
