/** CSV export: people (one row each, every field) or ties (from, to, kind, strength, direction). */
import type { MapDocument } from '../../domain/types';
import { exportPeopleCsv, exportTiesCsv } from '../../io/csv';
import { fileBaseName } from '../../io/map-file';
import { plural } from '../../io/text';
import { Dialog } from '../Dialog';
import { downloadText } from '../download';
import { DialogActions } from '../DialogActions';

const CSV = 'text/csv;charset=utf-8';
/** A byte-order mark so spreadsheet programs read the file as UTF-8. */
const BOM = '\ufeff';

export function CsvExportDialog({ doc, onClose }: { doc: MapDocument; onClose: () => void }) {
  const base = fileBaseName(doc.map.name);
  const people = Object.keys(doc.stakeholders).length;
  const ties = Object.keys(doc.ties).length;
  return (
    <Dialog title="Export CSV" onClose={onClose} className="export">
      <p className="export__lead">Spreadsheets read one table per file. Download either or both; the ties file refers to people by id and by name.</p>
      <div className="export__choices">
        <button
          type="button"
          className="button export__choice"
          onClick={() => downloadText(BOM + exportPeopleCsv(doc), `${base} - people.csv`, CSV)}
        >
          <strong>People CSV</strong>
          <span>{plural(people, 'row')}: name, title, department, seniority, scores, stance, tags, notes…</span>
        </button>
        <button type="button" className="button export__choice" onClick={() => downloadText(BOM + exportTiesCsv(doc), `${base} - ties.csv`, CSV)}>
          <strong>Ties CSV</strong>
          <span>{plural(ties, 'row')}: from, to, kind, strength, direction, note</span>
        </button>
      </div>
      <DialogActions>
        <button type="button" className="button" onClick={onClose}>
          Done
        </button>
      </DialogActions>
    </Dialog>
  );
}
