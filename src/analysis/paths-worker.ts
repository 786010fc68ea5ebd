/**
 * A helper worker that computes shortest-path measures for a range of sources, so a big map's
 * betweenness uses both cores: the analysis worker takes one half, this worker the other.
 */
import { serveWorker } from '../domain/workers';
import type { IndexedGraph } from './indexed-graph';
import { partialPathMeasures } from './shortest-paths';

const api = {
  /** Sources [from, to) of `sources` (a sample), or people [from, to) when it is null. */
  partial: ({ g, from, to, sources = null }: { g: IndexedGraph; from: number; to: number; sources?: Int32Array | null }) =>
    partialPathMeasures(g, from, to, sources),
};

export type PathsWorkerApi = typeof api;

serveWorker(api);
