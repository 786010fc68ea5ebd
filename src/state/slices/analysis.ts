/** Analysis slice: the latest analysis of the open document (computed in a worker; never saved or undone). */
import type { AnalysisResult } from '../../analysis/types';
import type { Slice } from './tools';

export type AnalysisState = 'idle' | 'updating' | 'ready' | 'error';

export interface AnalysisSliceState {
  analysis: AnalysisResult | null;
  analysisState: AnalysisState;
  analysisError: string | null;
}

export interface AnalysisActions {
  setAnalysis(result: AnalysisResult | null, state: AnalysisState, error?: string | null): void;
  setAnalysisState(state: AnalysisState): void;
}

/** No analysis yet: when the store starts and whenever a document opens. */
export const analysisOnOpen: AnalysisSliceState = { analysis: null, analysisState: 'idle', analysisError: null };

export const analysisSlice: Slice<AnalysisSliceState & AnalysisActions> = ({ set, get }) => ({
  ...analysisOnOpen,
  setAnalysis(result, state, error = null) {
    set({ analysis: result, analysisState: state, analysisError: error });
  },
  setAnalysisState(state) {
    if (get().analysisState !== state) set({ analysisState: state });
  },
});
