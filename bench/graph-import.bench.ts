/**
 * Whole-company GraphML/GEXF import (issue 15): a GEXF as NetworkX writes it (positions, with
 * 250,000 ties at 50,000 people) read as the import worker reads it, in 1 MB chunks, against two
 * same-run baselines: decoding the bytes to one string (what any whole-text reader pays first)
 * and importFile on the whole text (the same reader fed one piece).
 *   npx vitest bench --run --project unit bench/graph-import.bench.ts
 */
import { bench, describe } from 'vitest';
import { generateOrganisation } from '../src/analysis/generate';
import { createTie } from '../src/domain/factories';
import { importFile, importGraphStream } from '../src/io/import';
import type { ByteChunks } from '../src/io/import';
import { networkxStyleGexf } from './lib/formats';

const SIZES = [20000, 50000];
const options = { iterations: 2, warmupIterations: 1, time: 0 };

/** The generated organisation with extra trust ties up to five per person. */
function company(size: number) {
  const doc = generateOrganisation(size, 7);
  const ids = Object.keys(doc.stakeholders);
  let n = Object.keys(doc.ties).length;
  for (let i = 0; n < size * 5; i++) {
    const a = ids[i % size];
    const b = ids[(i * 7919 + 13) % size];
    if (a === b) continue;
    const tie = createTie(a, b, 'trust', { id: `x${i}` });
    doc.ties[tie.id] = tie;
    n++;
  }
  return doc;
}

function chunksOf(bytes: Uint8Array, size = 1 << 20): ByteChunks {
  return async function* () {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  };
}

for (const size of SIZES) {
  const bytes = new TextEncoder().encode(networkxStyleGexf(company(size)));
  const mb = (bytes.length / 1024 / 1024).toFixed(1);
  describe(`${size.toLocaleString('en-US')} people, ${(size * 5).toLocaleString('en-US')} ties: GEXF of ${mb} MB`, () => {
    bench('baseline: decode to one string only', () => void new TextDecoder('utf-8', { fatal: true }).decode(bytes), options);
    bench('baseline: importFile on the whole text', () => {
      const r = importFile('company.gexf', bytes);
      if (!r.ok) throw new Error(r.error);
    }, options);
    bench('streamed in 1 MB chunks (importGraphStream)', async () => {
      const r = await importGraphStream('company.gexf', 'gexf', bytes.length, chunksOf(bytes));
      if (!r.ok) throw new Error(r.error);
    }, options);
  });
}
