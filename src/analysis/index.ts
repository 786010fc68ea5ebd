/** The analysis package's public surface. */
export { analyse } from './analyse';
export { toAnalysisInput } from './input';
export { introductionPaths } from './paths';
export { createAnalysisClient, isAnalysisCancelled, AnalysisCancelledError, type AnalysisClient, type AnalysisClientOptions } from './client';
export { generateOrganisation } from './generate';
export {
  informalNetwork,
  influenceNetwork,
  endorsementNetwork,
  formalNetwork,
  clusteringNetwork,
  introductionNetwork,
} from './projections';
export { METRIC_INFO } from './metric-info';
export * from './types';
