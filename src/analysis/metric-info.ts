/**
 * The one table of metric names and number formats. The Metrics table, the Metrics CSV, the
 * "Size by / Colour by" menus, the legends and the sentences all read their labels and formats from
 * here, so a metric is called the same thing and shows the same digits everywhere.
 */
import { count, decimal, percent, places } from './format';
import type { MetricKey } from './types';

export interface MetricInfo {
  /** The name people read, everywhere. */
  label: string;
  /** One line, for column titles and tooltips. */
  description: string;
  /** Column header in the Metrics CSV (machine-friendly, stable for spreadsheets and scripts). */
  csv: string;
  /** How the value is shown in the table and in sentences. */
  format: (value: number) => string;
}

/** "+4.5", "−3", "0": places beyond position, as the Metrics table and the sentences show them. */
export function signedPlaces(v: number): string {
  if (Math.abs(v) < 0.25) return '0';
  return `${v > 0 ? '+' : '−'}${places(v)}`;
}

export const METRIC_INFO: Record<MetricKey, MetricInfo> = {
  seniorLeader: { label: 'Senior leader', description: "At or above the map's leadership level.", csv: 'is_senior_leader', format: (v) => (v ? 'yes' : 'no') },
  degree: { label: 'Contacts', description: 'People linked to this person by influence or trust ties, either direction (other ties not counted).', csv: 'degree', format: count },
  inDegree: { label: 'Ties in', description: 'Influence or trust ties coming in: people who sway or trust this person.', csv: 'in_degree', format: count },
  outDegree: { label: 'Ties out', description: 'Influence or trust ties going out: people this person sways or trusts.', csv: 'out_degree', format: count },
  betweenness: { label: 'Brokerage (betweenness)', description: 'Share of the strongest routes between others that pass through this person (strong ties are short).', csv: 'betweenness', format: percent },
  betweennessUnweighted: { label: 'Betweenness (every tie one step)', description: 'The same, counting every tie as one step.', csv: 'betweenness_unweighted', format: percent },
  pagerank: { label: 'Informal influence (PageRank)', description: 'PageRank on influence ties: high when influential people are swayed by this person.', csv: 'pagerank', format: (v) => decimal(v, 3) },
  closeness: { label: 'Closeness', description: 'Harmonic closeness: how few steps it takes to reach everyone else (1 = a direct tie to all).', csv: 'closeness', format: (v) => decimal(v, 2) },
  constraint: { label: 'Constraint', description: "Burt's constraint: high when contacts are few or all tied to each other; low means brokerage opportunity.", csv: 'constraint', format: (v) => decimal(v, 2) },
  effectiveSize: { label: 'Effective size', description: "Burt's effective size: contacts who are not tied to each other (non-redundant).", csv: 'effective_size', format: (v) => decimal(v, 2) },
  brokerage: { label: 'Broker role', description: 'Gould-Fernandez role across departments: coordinator, itinerant, gatekeeper, representative or liaison.', csv: 'brokerage_role', format: count },
  cluster: { label: 'Cluster', description: 'Louvain community: a group more tied to each other than to the rest.', csv: 'cluster', format: (v) => count(v + 1) },
  leadersAdvised: { label: 'Leaders advised', description: "Senior leaders this person influences or is trusted by; informal = not the leader's direct manager or direct report.", csv: 'leaders_advised', format: count },
  keyPersonRisk: { label: 'Key-person risk', description: 'Share of the connections between other people that take more steps or break without this person.', csv: 'key_person_risk', format: percent },
  hiddenInfluence: { label: 'Influence beyond position', description: 'Formal rank minus informal influence rank, in places: positive = more influence than position.', csv: 'hidden_influence', format: signedPlaces },
};

/** Leaders advised from outside their own line: a column of its own in the table and CSV. */
export const INFORMAL_LEADERS_ADVISED = {
  label: 'Leaders advised informally',
  description: "Senior leaders advised by someone who is neither their direct manager nor their direct report, however far below or beside them.",
  csv: 'informal_leaders_advised',
} as const;
