/**
 * A helper worker that computes shortest-path measures for a range of sources, so a big map's
 * betweenness uses both cores: the analysis worker takes one half, this worker the other.
 */
import { expose } from 'comlink';
import type { IndexedGraph } from './indexed-graph';
import { partialPathMeasures } from './shortest-paths';

const api = {
  partial(g: IndexedGraph, from: number, to: number) {
    return partialPathMeasures(g, from, to);
  },
};

export type PathsWorkerApi = typeof api;

expose(api);
