import { describe, expect, it } from 'vitest';
import { createAnalysisClient, isAnalysisCancelled } from '../../../src/analysis/client';
import { distanceIndex } from '../../../src/analysis/analyse';
import { generateOrganisation } from '../../../src/analysis/generate';
import { toAnalysisInput } from '../../../src/analysis/input';
import { combinePathMeasures, partialPathMeasures, pathMeasures } from '../../../src/analysis/shortest-paths';
import { createSampleOrganisation } from '../../../src/domain/sample';
import { input, person, tie } from './helpers';

describe('createAnalysisClient without a Worker (in-process fallback)', () => {
  it('runs asynchronously and resolves with the analysis', async () => {
    const client = createAnalysisClient({ debounceMs: 1 });
    const promise = client.run(toAnalysisInput(createSampleOrganisation()));
    expect(client.busy).toBe(true);
    const result = await promise;
    expect(result.people).toHaveLength(40);
    expect(client.busy).toBe(false);
    client.dispose();
  });

  it('debounces: a newer run cancels the waiting one', async () => {
    const client = createAnalysisClient({ debounceMs: 20 });
    const first = client.run(input([person('a')]));
    const second = client.run(input([person('a'), person('b')], [tie('a', 'b', 'trust')]));
    await expect(first).rejects.toSatisfy(isAnalysisCancelled);
    expect((await second).people).toHaveLength(2);
    client.dispose();
  });

  it('ignores a stale result that finishes after a newer run was requested', async () => {
    const client = createAnalysisClient({ debounceMs: 0 });
    const first = client.run(input([person('a')]));
    await new Promise((r) => setTimeout(r, 1)); // first is now computing
    const second = client.run(input([person('a'), person('b')]));
    await expect(first).rejects.toSatisfy(isAnalysisCancelled);
    expect((await second).people).toHaveLength(2);
    client.dispose();
  });

  it('dispose cancels what is waiting and refuses new work', async () => {
    const client = createAnalysisClient({ debounceMs: 50 });
    const waiting = client.run(input([person('a')]));
    client.dispose();
    await expect(waiting).rejects.toSatisfy(isAnalysisCancelled);
    await expect(client.run(input([]))).rejects.toSatisfy(isAnalysisCancelled);
    expect(client.busy).toBe(false);
  });

  it('answers introduction paths', async () => {
    const client = createAnalysisClient();
    const r = await client.paths(toAnalysisInput(createSampleOrganisation()), 'p-me', 'p-ceo');
    expect(r.paths.length).toBeGreaterThan(0);
    client.dispose();
  });
});

describe('splitting shortest-path work across workers', () => {
  it('two halves add up to the whole', () => {
    const g = distanceIndex(toAnalysisInput(generateOrganisation(300, 3)));
    const whole = pathMeasures(g);
    const split = combinePathMeasures(g.n, [partialPathMeasures(g, 0, 120), partialPathMeasures(g, 120, g.n)]);
    whole.betweenness.forEach((v, i) => expect(split.betweenness[i]).toBeCloseTo(v, 12));
    whole.betweennessUnweighted.forEach((v, i) => expect(split.betweennessUnweighted[i]).toBeCloseTo(v, 12));
    expect([...split.reach]).toEqual([...whole.reach]);
  });
});
