import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { generateOrganisation } from '../../../src/analysis/generate';
import { toAnalysisInput } from '../../../src/analysis/input';
import { packResult, unpackResult, UNPACK_SLICE } from '../../../src/analysis/transfer';
import { createStakeholder } from '../../../src/domain/factories';

describe('Analysis result across the worker boundary', () => {
  const doc = generateOrganisation(300, 11);
  // Someone with no ties: their constraint, effective size and cluster are null.
  doc.stakeholders.loner = createStakeholder({ id: 'loner', name: 'Lone Person' });
  const input = toAnalysisInput(doc);
  const result = analyse(input);
  // What the page receives: the packed form after a structured clone, as postMessage does it.
  let received: Awaited<ReturnType<typeof unpackResult>>;
  beforeAll(async () => {
    received = await unpackResult(structuredClone(packResult(result)), input);
  });

  it('arrives equal to what the worker computed, every metric and null kept', () => {
    expect(received.people).toEqual(result.people);
    expect(received.indexById).toEqual(result.indexById);
    const { people: _a, indexById: _b, explanations: _c, ...rest } = result;
    expect(received).toMatchObject(rest);
    expect(received.people[received.indexById.loner]).toMatchObject({ constraint: null, effectiveSize: null, cluster: null });
  });

  it('explanations read by id as before, and the same object each time', () => {
    for (const id of Object.keys(result.explanations)) expect(received.explanations[id]).toEqual(result.explanations[id]);
    const id = result.people[0].id;
    expect(received.explanations[id]).toBe(received.explanations[id]);
    expect(received.explanations['nobody']).toBeUndefined();
    expect(Object.keys(received.explanations).sort()).toEqual(Object.keys(result.explanations).sort());
    expect(id in received.explanations).toBe(true);
  });

  it('crosses as typed arrays, not one object per person', () => {
    const packed = packResult(result);
    expect(packed.people.numbers.betweenness).toBeInstanceOf(Float64Array);
    expect(packed.people.numbers.betweenness).toHaveLength(301);
    expect(packed.rest.explanationData.neighbourList).toBeInstanceOf(Int32Array);
    // No sentence crosses: the page writes them when it shows a person.
    expect(JSON.stringify({ ...packed, people: null, rest: { ...packed.rest, explanationData: null } })).not.toContain('contacts');
  });
});

describe('a whole-company result arrives in slices', () => {
  it('rebuilds the people a slice at a time, letting other tasks run between slices', async () => {
    const doc = generateOrganisation(UNPACK_SLICE * 3 + 10, 3);
    // Only the reporting lines: no shortest paths to count, so the analysis itself is quick.
    const full = toAnalysisInput(doc);
    const input = { ...full, ties: full.ties.filter((t) => t.kind === 'reports-to') };
    const packed = packResult(analyse(input));
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 0);
    const received = await unpackResult(packed, input);
    clearInterval(ticking);
    expect(received.people).toHaveLength(input.people.length);
    expect(received.people[UNPACK_SLICE * 3 + 5].id).toBe(input.people[UNPACK_SLICE * 3 + 5].id);
    expect(received.indexById[input.people[UNPACK_SLICE].id]).toBe(UNPACK_SLICE);
    // Three pauses: a timer queued by another task got to run meanwhile.
    expect(ticks).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
