/**
 * Shapes that cross the worker boundary. Everything here is plain data (arrays, records, numbers,
 * strings, null) so structured clone copies it cheaply and nothing depends on graphology instances.
 */
import type { ExplanationData } from './explanations';
import type { Id, TieKind } from '../domain/types';

/** One person as analysis needs them: no notes, contacts or positions. */
export interface AnalysisPerson {
  id: Id;
  name: string;
  department: string;
  /** Index into `levels`; 0 is the most senior level. */
  seniority: number;
  /** Job title, for sentences ("Rita Sol (Engineer, 3 levels below)"); may be empty. */
  title?: string;
}

export interface AnalysisTie {
  id: Id;
  source: Id;
  target: Id;
  kind: TieKind;
  /** 1-3. */
  strength: number;
  mutual: boolean;
}

/** The compact input sent to the worker (see input.ts). */
export interface AnalysisInput {
  people: AnalysisPerson[];
  ties: AnalysisTie[];
  levels: string[];
  leadershipLevel: number;
  meId: Id | null;
}

export const BROKERAGE_ROLES = ['coordinator', 'itinerant', 'gatekeeper', 'representative', 'liaison'] as const;
export type BrokerageRole = (typeof BROKERAGE_ROLES)[number];
export type BrokerageCounts = Record<BrokerageRole, number>;

/** Every metric for one person. Numbers are finite; `null` means "does not apply" (never NaN). */
export interface PersonMetrics {
  id: Id;
  /** Distinct people linked to this person by influence or trust ties, in either direction. */
  degree: number;
  /** Arcs into / out of the person in the informal network (a mutual tie counts once each way). */
  inDegree: number;
  outDegree: number;
  /** The same, summing tie strengths (1-3). */
  weightedInDegree: number;
  weightedOutDegree: number;
  /** Normalized directed betweenness, distance = 1/strength. */
  betweenness: number;
  /** Normalized directed betweenness, every tie one step. */
  betweennessUnweighted: number;
  /** PageRank on influence ties pointing at the influencer (sums to 1 over the map). */
  pagerank: number;
  /** Harmonic closeness over hops, outgoing, divided by (people - 1): 1 = a direct tie to everyone. */
  closeness: number;
  /** How many other people this person can reach through influence or trust ties. */
  reach: number;
  /** Burt's constraint (0 = open network, towards 1 = tied into one closed group); null without ties. */
  constraint: number | null;
  /** Burt's effective size: non-redundant contacts; null without ties. */
  effectiveSize: number | null;
  brokerage: BrokerageCounts;
  /** The role with the highest count, null if the person brokers nothing. */
  brokerageRole: BrokerageRole | null;
  /** Index into `AnalysisResult.clusters`, null for people with no influence or trust ties. */
  cluster: number | null;
  isSeniorLeader: boolean;
  /** Senior leaders this person advises (influence tie into the leader, or trusted by the leader). */
  leadersAdvised: number;
  /** Of those, leaders whose direct manager or direct report this person is not (see LeaderAdvice). */
  informalLeadersAdvised: number;
  /** Reports-to steps up to someone with no manager (0 at the top or without a manager). */
  reportingDepth: number;
  /** 0-1: PageRank and strength-weighted influence received, each scaled to the map's maximum, averaged. */
  informalScore: number;
  /** 1 = most influential informally; tied people share the average of their places. */
  informalRank: number;
  /** 1 = highest position (seniority, then fewer reports-to steps from the top); ties share the average. */
  formalRank: number;
  /**
   * formalRank - informalRank, in places. Positive: more informal influence than the position
   * suggests (a hidden influencer); negative: less (a figurehead). Equivalently "informal standing
   * minus formal standing" when standing counts upwards.
   */
  hiddenInfluence: number;
  /**
   * 0-1: share of the connections between other people (ordered pairs, one reaching the other
   * through influence or trust ties) that take more steps or break without this person.
   */
  keyPersonRisk: number;
}

export interface Cluster {
  index: number;
  /** "Ana Silva's circle (Sales)": the most central member and their own department. */
  name: string;
  /** The most central member (highest strength-weighted degree inside the cluster). */
  centralId: Id;
  /** The most central member's own department ("" when they have none): the name's department. */
  department: string;
  memberIds: Id[];
}

/**
 * Where an advisor sits relative to the leader they advise, from the reporting lines:
 * direct-report / manager = the leader's own line (formal advice); below / above = further down or
 * up the same chain (skip-level); beside = not in the leader's chain at all.
 */
export type AdviceRelation = 'direct-report' | 'manager' | 'below' | 'above' | 'beside';

export interface LeaderAdvice {
  leaderId: Id;
  /** Strongest advising tie (1-3). */
  strength: number;
  via: 'influence' | 'trust' | 'both';
  relation: AdviceRelation;
  /** Reports-to steps between them (fewest), for the in-line relations; null when beside. */
  levels: number | null;
  /** True unless the advisor is the leader's direct manager or direct report. */
  informal: boolean;
}

export interface Advisor {
  id: Id;
  /** Informal advice first, then by strength. */
  leaders: LeaderAdvice[];
  leaderCount: number;
  informalLeaderCount: number;
  totalStrength: number;
  /** About the first advice: "Rita Sol (Engineer, 3 levels below) has the ear of Ana Diaz (Chief Executive)." */
  headline: string;
}

export type MetricKey =
  | 'seniorLeader'
  | 'degree'
  | 'inDegree'
  | 'outDegree'
  | 'betweenness'
  | 'betweennessUnweighted'
  | 'pagerank'
  | 'closeness'
  | 'constraint'
  | 'effectiveSize'
  | 'brokerage'
  | 'cluster'
  | 'leadersAdvised'
  | 'hiddenInfluence'
  | 'keyPersonRisk';

/** One plain sentence per metric, for the Inspector and tooltips. */
export type PersonExplanations = Record<MetricKey, string>;

export interface AnalysisResult {
  /** Same order as the input's people. */
  people: PersonMetrics[];
  /** id -> index into `people`. */
  indexById: Record<Id, number>;
  /** Written per person on first read (explanations.ts). */
  explanations: Record<Id, PersonExplanations>;
  /** What the explanations are written from, besides the metrics (crosses to the page as typed arrays). */
  explanationData: ExplanationData;
  clusters: Cluster[];
  /** Louvain modularity of the clustering (0 when there is nothing to cluster). */
  modularity: number;
  seniorLeaderIds: Id[];
  /** Ranked: more leaders first, then stronger ties. */
  advisors: Advisor[];
  /** Advisors with at least one leader outside their reporting line, ranked the same way. */
  informalAdvisorIds: Id[];
  hiddenInfluencerIds: Id[];
  figureheadIds: Id[];
  /** A short list for the canvas badge, strongest broker first. */
  topBrokerIds: Id[];
  /** Map-level notes in plain words (empty map, no leaders, separate groups...). */
  messages: string[];
  /**
   * Set when the map was too large for exact betweenness: it was estimated from `sources`
   * sampled people (closeness and key-person risk of the others from distances to them).
   */
  estimate?: { sources: number; people: number; relativeError: number };
  stats: {
    people: number;
    informalTies: number;
    influenceTies: number;
    reportsToTies: number;
    tensionTies: number;
    /** Weakly connected groups in the informal network, counting isolated people. */
    components: number;
    durationMs: number;
  };
}

export interface IntroductionStep {
  from: Id;
  to: Id;
  /** Ties that carry this step (the strongest first). */
  tieIds: Id[];
  /** reports-to: a reporting line used as an introduction (the manager introduces). */
  kind: 'influence' | 'trust' | 'reports-to';
  /** Relative to the walk: forward = from -> to as stored. */
  direction: 'forward' | 'backward' | 'mutual';
  strength: number;
  /** "trusts Ben", "advises Cho", "listens to Dee", "manages Eve", "reports to Fay". */
  phrase: string;
}

export interface IntroductionPath {
  /** From the asker to the target, inclusive. */
  personIds: Id[];
  steps: IntroductionStep[];
  /** Sum of 1/strength over the steps (a reporting line counts as REPORTING_LINE_STRENGTH). */
  cost: number;
  sentence: string;
}

export interface IntroductionResult {
  fromId: Id;
  toId: Id;
  /** Best first; at most three, each through different intermediaries. */
  paths: IntroductionPath[];
  /** A plain summary, also when there is no path. */
  message: string;
}
