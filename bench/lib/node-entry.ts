/**
 * What scripts/bench.mjs needs in Node, bundled by scripts/bench.mjs with Vite into
 * bench/dist/node/bench-node.mjs (Node 20 cannot import TypeScript directly).
 */
export { generateOrganisation } from '../../src/analysis/generate';
export { toAnalysisInput } from '../../src/analysis/input';
export { distanceIndex } from '../../src/analysis/analyse';
export { pathMeasures } from '../../src/analysis/shortest-paths';
export { peopleCsv, networkxStyleGexf } from './formats';
export * from './stats';
