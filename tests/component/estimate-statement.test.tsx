/**
 * A whole-company map's betweenness is estimated from sampled sources (issue 15). The Metrics table
 * and the Insights say so with the sample size and the error bound, thousands separators included,
 * and the same numbers the Metrics CSV carries (tests/unit/analysis/metrics-csv.test.ts).
 */
import { act, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse';
import { estimateSentence } from '../../src/analysis/format';
import { toAnalysisInput } from '../../src/analysis/input';
import { InsightsPanel } from '../../src/ui/InsightsPanel';
import { MetricsTable } from '../../src/ui/MetricsTable';
import { makeServices, teamDoc } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

describe('the betweenness estimate is stated where the numbers are shown', () => {
  it('in the Metrics table and the Insights, with thousands separators', () => {
    const doc = teamDoc();
    const services = makeServices(doc);
    dispose = services.dispose;
    const estimate = { sources: 1234, people: 50000, relativeError: 0.0834 };
    const exact = analyse(toAnalysisInput(doc));
    // What analyse() returns for an estimated map: the estimate, and its sentence first among the messages.
    const estimated = { ...exact, estimate, messages: [estimateSentence(estimate), ...exact.messages] };
    act(() => services.store.getState().setAnalysis(estimated, 'ready'));
    services.renderUi(
      <ReactFlowProvider>
        <MetricsTable />
        <InsightsPanel />
      </ReactFlowProvider>,
    );
    const sentences = screen.getAllByText(/^Betweenness estimated from 1,234 of 50,000 people .*within ±8% \(95% interval\)\.$/);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
  });
});
