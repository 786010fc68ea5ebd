/** Column labels and one-line definitions for tables, legends and "Size by / Colour by" menus. */
import type { MetricKey } from './types';

export const METRIC_INFO: Record<MetricKey, { label: string; description: string }> = {
  seniorLeader: { label: 'Senior leader', description: "At or above the map's leadership level." },
  degree: { label: 'Degree', description: 'People linked by influence or trust ties, either direction.' },
  inDegree: { label: 'In-degree', description: 'Influence or trust ties coming in: people who sway or trust this person.' },
  outDegree: { label: 'Out-degree', description: 'Influence or trust ties going out: people this person sways or trusts.' },
  betweenness: { label: 'Betweenness', description: 'Share of the strongest routes between others that pass through this person (strong ties are short).' },
  betweennessUnweighted: { label: 'Betweenness (unweighted)', description: 'The same, counting every tie as one step.' },
  pagerank: { label: 'Influence score', description: 'PageRank on influence ties: high when influential people are swayed by this person.' },
  closeness: { label: 'Closeness', description: 'Harmonic closeness: how few steps it takes to reach everyone else (1 = a direct tie to all).' },
  constraint: { label: 'Constraint', description: "Burt's constraint: high when contacts all know each other; low means brokerage opportunity." },
  effectiveSize: { label: 'Effective size', description: "Burt's effective size: contacts who are not tied to each other." },
  brokerage: { label: 'Brokerage role', description: 'Gould-Fernandez role across departments: coordinator, itinerant, gatekeeper, representative or liaison.' },
  cluster: { label: 'Cluster', description: 'Louvain community: a group more tied to each other than to the rest.' },
  leadersAdvised: { label: 'Leaders advised', description: 'Senior leaders this person influences or is trusted by.' },
  keyPersonRisk: { label: 'Key-person risk', description: 'Share of the connections between other people that take more steps or break without this person.' },
  hiddenInfluence: { label: 'Hidden influence', description: 'Formal rank minus informal influence rank, in places: positive = more influence than position.' },
};
