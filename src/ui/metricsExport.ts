/** "Export → Metrics CSV": the analysis of the open map, one row per person. */
import { analyse } from '../analysis/analyse';
import { toAnalysisInput } from '../analysis/input';
import { fileBaseName } from '../io/map-file';
import { metricsCsv } from '../io/metrics-csv';
import type { EditorStoreApi } from '../state/store';
import { downloadText } from './download';
import type { MenuItem } from './Header';

export function metricsCsvItem(store: EditorStoreApi): MenuItem {
  return {
    label: 'Metrics CSV',
    onSelect: () => {
      const { doc, analysis, analysisState } = store.getState();
      if (!doc) return;
      // The worker's latest answer when it is current; otherwise compute it now (the user asked).
      const result = analysis && analysisState === 'ready' ? analysis : analyse(toAnalysisInput(doc));
      downloadText(metricsCsv(doc, result), `${fileBaseName(doc.map.name)} metrics.csv`, 'text/csv');
    },
  };
}
