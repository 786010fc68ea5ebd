import { beforeEach, describe, expect, it, vi } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { toAnalysisInput } from '../../../src/analysis/input';
import { createEditorStore } from '../../../src/state/store';
import { teamDoc } from '../helpers/docs';

const downloads: { text: string; name: string }[] = [];
vi.mock('../../../src/ui/download', () => ({ downloadText: (text: string, name: string) => downloads.push({ text, name }) }));
const analyseSpy = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../../src/analysis/analyse', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/analysis/analyse')>();
  return { ...actual, analyse: (...args: Parameters<typeof actual.analyse>) => (analyseSpy.calls++, actual.analyse(...args)) };
});

const { metricsCsvItem } = await import('../../../src/ui/metricsExport');

beforeEach(() => {
  downloads.length = 0;
  analyseSpy.calls = 0;
});

describe('Export → Metrics CSV', () => {
  it("uses the worker's current answer", () => {
    const store = createEditorStore();
    const doc = teamDoc();
    store.getState().openDocument(doc);
    const result = analyse(toAnalysisInput(doc));
    analyseSpy.calls = 0;
    store.getState().setAnalysis(result, 'ready');
    metricsCsvItem(store).onSelect();
    expect(downloads).toHaveLength(1);
    expect(downloads[0].name).toMatch(/metrics\.csv$/);
    expect(analyseSpy.calls).toBe(0);
  });

  it('while the worker is analysing, waits for its answer instead of analysing again on the page', () => {
    const store = createEditorStore();
    const doc = teamDoc();
    store.getState().openDocument(doc);
    const result = analyse(toAnalysisInput(doc));
    analyseSpy.calls = 0;
    store.getState().setAnalysisState('updating');
    metricsCsvItem(store).onSelect();
    expect(downloads).toHaveLength(0);
    expect(store.getState().notice?.text).toMatch(/as soon as the analysis has finished/);
    store.getState().setAnalysis(result, 'ready');
    expect(downloads).toHaveLength(1);
    expect(downloads[0].text.split('\n').length).toBeGreaterThan(Object.keys(doc.stakeholders).length);
    expect(analyseSpy.calls).toBe(0);
    // Only once.
    store.getState().setAnalysis(result, 'ready');
    expect(downloads).toHaveLength(1);
  });

  it('with no analysis running, computes it on the page (the user asked)', () => {
    const store = createEditorStore();
    store.getState().openDocument(teamDoc());
    metricsCsvItem(store).onSelect();
    expect(downloads).toHaveLength(1);
    expect(analyseSpy.calls).toBe(1);
  });
});
