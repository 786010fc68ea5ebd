/**
 * A helper worker that computes shortest-path measures for a range of sources, so a big map's
 * betweenness uses both cores: the analysis worker takes one half, this worker the other.
 */
import { serveWorker } from '../domain/workers';
import type { IndexedGraph } from './indexed-graph';
import { partialPathMeasures } from './shortest-paths';

const api = {
  partial: ({ g, from, to }: { g: IndexedGraph; from: number; to: number }) => partialPathMeasures(g, from, to),
};

export type PathsWorkerApi = typeof api;

serveWorker(api);
