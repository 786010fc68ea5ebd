import { beforeAll, describe, expect, it, vi } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { generateOrganisation } from '../../../src/analysis/generate';
import { toAnalysisInput } from '../../../src/analysis/input';
import { fromPosted, packInput, packTexts, postedForTransfer, toPackedInput, toPosted, unpackTexts, type PackedInput } from '../../../src/analysis/packed-input';
import { packResult, unpackResult } from '../../../src/analysis/transfer';
import { createStakeholder } from '../../../src/domain/factories';

/** The columns with the ties named by position, as the worker names them (PostedInput). */
const withTiesByPosition = (p: PackedInput): PackedInput => ({ ...p, ties: { ...p.ties, ids: p.ties.ids.map((_, k) => String(k)) } });

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
  it('rebuilds the people a few milliseconds at a time, letting other tasks run between slices', async () => {
    const size = 6010;
    const doc = generateOrganisation(size, 3);
    // Only the reporting lines: no shortest paths to count, so the analysis itself is quick.
    const full = toAnalysisInput(doc);
    const input = { ...full, ties: full.ties.filter((t) => t.kind === 'reports-to') };
    const packed = packResult(analyse(input));
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 0);
    // A slow clock: every look at it says 10 ms have passed, so every check pauses.
    const now = performance.now.bind(performance);
    let fake = now();
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => (fake += 10));
    const received = await unpackResult(packed, packInput(input));
    spy.mockRestore();
    clearInterval(ticking);
    expect(received.people).toHaveLength(input.people.length);
    expect(received.people[size - 5].id).toBe(input.people[size - 5].id);
    expect(received.indexById[input.people[2000].id]).toBe(2000);
    // Pauses: a timer queued by another task got to run meanwhile.
    expect(ticks).toBeGreaterThanOrEqual(1);
  }, 120_000);
});

describe('the map crosses to the worker in columns', () => {
  const doc = generateOrganisation(300, 11);
  doc.stakeholders.loner = createStakeholder({ id: 'loner', name: 'Lone Person' });

  it('packed from the map, it is the same input as the object form, and the same result lands', async () => {
    const packed = await toPackedInput(doc);
    expect(packed.ties.source).toBeInstanceOf(Int32Array);
    const objects = toAnalysisInput(doc);
    expect(packInput(objects)).toEqual(packed);
    const result = analyse(objects);
    const received = await unpackResult(structuredClone(packResult(result)), structuredClone(packed));
    expect(received.people).toEqual(result.people);
    expect(received.clusters).toEqual(result.clusters);
    for (const id of Object.keys(result.explanations).slice(0, 20)) expect(received.explanations[id]).toEqual(result.explanations[id]);
  }, 60_000);

  it('the worker analyses the packed form as the object form', async () => {
    const { analysisApi } = await import('../../../src/analysis/worker-api');
    const fromPacked = await analysisApi.analyse(await toPackedInput(doc));
    const fromObjects = await analysisApi.analyse(toAnalysisInput(doc));
    const timeless = (r: typeof fromPacked) => ({ ...r, rest: { ...r.rest, stats: { ...r.rest.stats, durationMs: 0 } } });
    expect(timeless(fromPacked)).toEqual(timeless(fromObjects));
    // As posted: the texts joined, the ties without their ids, and back the same after a
    // structured clone but for the ties' names (their positions), which the analysis never reads.
    const posted = toPosted(await toPackedInput(doc));
    expect(typeof posted.people.names.text).toBe('string');
    expect('ids' in posted.ties).toBe(false);
    expect(withTiesByPosition(fromPosted(structuredClone(posted)))).toEqual(withTiesByPosition(await toPackedInput(doc)));
    expect(fromPosted(structuredClone(posted)).ties.ids.slice(0, 3)).toEqual(['0', '1', '2']);
    expect(timeless(await analysisApi.analyse(structuredClone(posted)))).toEqual(timeless(fromObjects));
  }, 60_000);

  it('columns posted for transfer arrive as toPosted has them, and the page keeps its own columns whole', async () => {
    const columns = await toPackedInput(doc);
    const { arg, transfer } = postedForTransfer(columns);
    expect(transfer).toHaveLength(10);
    const arrived = structuredClone(arg, { transfer });
    expect(withTiesByPosition(fromPosted(arrived))).toEqual(withTiesByPosition(await toPackedInput(doc)));
    // Transferred: the posted copies are gone from the page, the page's columns are not.
    expect(arg.ties.source.length).toBe(0);
    expect(columns.ties.source.length).toBe(columns.ties.ids.length);
    expect(columns.ties.source.length).toBeGreaterThan(0);
    expect(columns.people.seniority.length).toBe(columns.people.ids.length);
  });

  it('texts cross joined with their ends, a missing title kept missing and empty texts kept empty', () => {
    const list = ['Ann', undefined, '', 'Bo\u0000b', 'é👩‍💼', undefined];
    const packed = packTexts(list);
    expect(packed.text).toBe('AnnBo\u0000bé👩‍💼');
    expect(unpackTexts(structuredClone(packed))).toEqual(list);
    expect(unpackTexts(packTexts([]))).toEqual([]);
  });
});
