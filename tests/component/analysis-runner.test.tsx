import { act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PackedInput } from '../../src/analysis/packed-input';
import { makeServices, teamDoc } from './helpers';
import { sameNetwork } from '../../src/ui/useAnalysisRunner';
import { addStakeholderAt, moveStakeholders, removeElements, updateStakeholder } from '../../src/domain/operations';

/**
 * A client stand-in whose runs finish only when the test says so. Like the real client
 * (tests/unit/analysis/client.test.ts), a new run cancels the one before it.
 */
const runs: { input: PackedInput; finish: (result: unknown) => void; cancel: () => void }[] = [];
const CANCELLED = new Error('cancelled');
vi.mock('../../src/analysis/client', () => ({
  isAnalysisCancelled: (error: unknown) => error === CANCELLED,
  createAnalysisClient: () => ({
    run: (input: PackedInput) =>
      new Promise((resolve, reject) => {
        runs.at(-1)?.cancel();
        runs.push({ input, finish: resolve, cancel: () => reject(CANCELLED) });
      }),
    cancel: () => runs.at(-1)?.cancel(),
    dispose: () => undefined,
  }),
}));

/** Counts conversions of the map into analysis input (a full pass over every person and tie). */
const converted = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/analysis/packed-input', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/analysis/packed-input')>();
  return { ...real, toPackedInput: (...args: Parameters<typeof real.toPackedInput>) => (converted.count++, real.toPackedInput(...args)) };
});

const { useAnalysisRunner } = await import('../../src/ui/useAnalysisRunner');

function Runner() {
  useAnalysisRunner();
  return null;
}

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
  runs.length = 0;
  vi.useRealTimers();
});

describe('Analysis runner', () => {
  it('a result from before the latest edit is never shown as ready', async () => {
    vi.useFakeTimers();
    const services = makeServices(teamDoc());
    dispose = services.dispose;
    const { store } = services;
    services.renderUi(<Runner />);
    await act(async () => void vi.advanceTimersByTime(300));
    expect(runs).toHaveLength(1);

    // An edit to the network while the first run is still working.
    act(() => store.getState().updateTie('t1', { strength: 1 }));
    expect(store.getState().analysisState).toBe('updating');
    await act(async () => runs[0].finish({ stale: true }));
    expect(store.getState().analysisState).toBe('updating');
    expect(store.getState().analysis).toBeNull();

    await act(async () => void vi.advanceTimersByTime(300));
    expect(runs).toHaveLength(2);
    const { ties } = runs[1].input;
    expect(ties.strength[ties.ids.indexOf('t1')]).toBe(1);
    await act(async () => runs[1].finish({ fresh: true }));
    expect(store.getState().analysisState).toBe('ready');
    expect(store.getState().analysis).toEqual({ fresh: true });
  });

  it('moving a card does not ask for a new analysis', async () => {
    vi.useFakeTimers();
    const services = makeServices(teamDoc());
    dispose = services.dispose;
    services.renderUi(<Runner />);
    await act(async () => void vi.advanceTimersByTime(300));
    await act(async () => runs[0].finish({ first: true }));
    const conversions = converted.count;
    act(() => services.store.getState().dragEnd({ tom: { x: 500, y: 500 } }));
    await act(async () => void vi.advanceTimersByTime(300));
    expect(runs).toHaveLength(1);
    expect(services.store.getState().analysisState).toBe('ready');
    // Not even converted: at 50,000 people that pass alone is a long task on the page.
    expect(converted.count).toBe(conversions);
  });

  it('converts the map after a yield, not inside the edit (on opening a large map that held back the first image)', async () => {
    vi.useFakeTimers();
    const services = makeServices(teamDoc());
    dispose = services.dispose;
    services.renderUi(<Runner />);
    await act(async () => void vi.advanceTimersByTime(300));
    await act(async () => runs[0].finish({ first: true }));
    const conversions = converted.count;
    act(() => services.store.getState().updateStakeholder('tom', { name: 'Thomas' }));
    // Shown as updating at once, converted only once the page has had its turn.
    expect(services.store.getState().analysisState).toBe('updating');
    expect(converted.count).toBe(conversions);
    await act(async () => void vi.advanceTimersByTime(0));
    expect(converted.count).toBe(conversions + 1);
    expect(runs).toHaveLength(2);
  });

  it('an edit that changes nothing the analysis reads keeps the answer on screen', async () => {
    vi.useFakeTimers();
    const services = makeServices(teamDoc());
    dispose = services.dispose;
    services.renderUi(<Runner />);
    await act(async () => void vi.advanceTimersByTime(300));
    await act(async () => runs[0].finish({ first: true }));
    // A new ties record with the same ties: not the same network by pointer, the same input.
    act(() => services.store.setState((s) => ({ doc: { ...s.doc!, ties: { ...s.doc!.ties } } })));
    await act(async () => void vi.advanceTimersByTime(300));
    expect(runs).toHaveLength(1);
    expect(services.store.getState().analysisState).toBe('ready');
    expect(services.store.getState().analysis).toEqual({ first: true });
  });

  it('a new title is analysed again (advisor sentences name people with their titles)', async () => {
    vi.useFakeTimers();
    const services = makeServices(teamDoc());
    dispose = services.dispose;
    services.renderUi(<Runner />);
    await act(async () => void vi.advanceTimersByTime(300));
    await act(async () => runs[0].finish({ first: true }));
    act(() => services.store.getState().updateStakeholder('tom', { title: 'Chief of Staff' }));
    await act(async () => void vi.advanceTimersByTime(300));
    expect(runs).toHaveLength(2);
    const { people } = runs[1].input;
    expect(people.titles[people.ids.indexOf('tom')]).toBe('Chief of Staff');
  });
});

describe('what needs a new analysis', () => {
  it('a move is the same network; a rename, a new tie or someone else in place of a person is not', () => {
    const doc = teamDoc();
    const [first, second] = Object.keys(doc.stakeholders);
    expect(sameNetwork(doc, moveStakeholders(doc, { [first]: { x: 999, y: 5 } }))).toBe(true);
    expect(sameNetwork(doc, updateStakeholder(doc, first, { notes: 'met at the offsite' }))).toBe(true);
    expect(sameNetwork(doc, updateStakeholder(doc, first, { name: 'Someone Else' }))).toBe(false);
    expect(sameNetwork(doc, updateStakeholder(doc, first, { department: 'Legal' }))).toBe(false);
    expect(sameNetwork(doc, { ...doc, ties: { ...doc.ties } })).toBe(false);
    const swapped = addStakeholderAt(removeElements(doc, new Set([second]), new Set()), { x: 0, y: 0 }, { name: 'New' }).doc;
    expect(sameNetwork({ ...doc, ties: swapped.ties }, swapped)).toBe(false);
  });
});
