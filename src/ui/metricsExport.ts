/** "Export → Metrics CSV": the analysis of the open map, one row per person. */
import { analyse } from '../analysis/analyse';
import { toAnalysisInput } from '../analysis/input';
import type { AnalysisResult } from '../analysis/types';
import { fileBaseName } from '../io/map-file';
import { metricsCsv } from '../io/metrics-csv';
import type { EditorStoreApi } from '../state/store';
import { downloadText } from './download';
import type { MenuItem } from './Header';

export function metricsCsvItem(store: EditorStoreApi): MenuItem {
  return {
    label: 'Metrics CSV',
    onSelect: () => {
      const { doc, analysis, analysisState, notify } = store.getState();
      if (!doc) return;
      const download = (result: AnalysisResult) => {
        const current = store.getState().doc ?? doc;
        downloadText(metricsCsv(current, result), `${fileBaseName(current.map.name)} metrics.csv`, 'text/csv');
      };
      if (analysis && analysisState === 'ready') return download(analysis);
      if (analysisState === 'updating') {
        // The worker is on it: wait for its answer rather than run the whole analysis again on the
        // page, which froze it for seconds on a whole company.
        notify('The Metrics CSV will download as soon as the analysis has finished.');
        const unsubscribe = store.subscribe((s) => {
          if (s.doc?.map.id !== doc.map.id) return unsubscribe();
          if (s.analysisState === 'ready' && s.analysis) {
            unsubscribe();
            download(s.analysis);
          } else if (s.analysisState === 'error') {
            unsubscribe();
            download(analyse(toAnalysisInput(s.doc)));
          }
        });
        return;
      }
      // No analysis running (it has not started, or it failed): compute it now, the user asked.
      download(analyse(toAnalysisInput(doc)));
    },
  };
}
