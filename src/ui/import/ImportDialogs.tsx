/**
 * The dialogs of an import. Nothing is written until the user presses Import: each dialog shows
 * what will be created and every problem found (row or element named), and asks first.
 */
import { useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import type { MapDocument } from '../../domain/types';
import type { CsvTable } from '../../io/csv';
import type { ImportFormat, ImportResult } from '../../io/import';
import { ORG_FIELDS, ORG_FIELD_LABELS, buildOrgChart, guessColumns } from '../../io/org-chart-csv';
import type { ColumnMapping, OrgField } from '../../io/org-chart-csv';
import { plural } from '../../io/text';
import { Dialog } from '../Dialog';
import type { OrgSession, OrgSummary } from './org-session';
import { formatCount } from '../../domain/numbers';
import { DialogActions, FormError } from '../DialogActions';

export type OkImport = Extract<ImportResult, { ok: true }>;

const FORMAT_LABELS: Record<ImportFormat, string> = {
  json: 'Influence Map file',
  backup: 'backup',
  png: 'map inside the image',
  'people-csv': 'people CSV',
  'org-chart-csv': 'org chart CSV',
  graphml: 'GraphML file',
  gexf: 'GEXF file',
};

/** What the skipped things are called in this format. */
function unitOf(format: ImportFormat | 'ties'): [string, string] {
  if (format === 'people-csv' || format === 'org-chart-csv' || format === 'ties') return ['row', 'rows'];
  if (format === 'graphml' || format === 'gexf') return ['element', 'elements'];
  return ['record', 'records'];
}


function counts(docs: MapDocument[]): { people: number; ties: number } {
  let people = 0;
  let ties = 0;
  for (const d of docs) {
    people += Object.keys(d.stakeholders).length;
    ties += Object.keys(d.ties).length;
  }
  return { people, ties };
}

/** "Import 412 people and 20 ties, skip 3 rows with problems?" */
export function importQuestion(people: number, ties: number, skipped: number, format: ImportFormat | 'ties', maps = 1): string {
  const [one, many] = unitOf(format);
  const what = format === 'ties' ? plural(ties, 'tie') : `${plural(people, 'person', 'people')}${ties ? ` and ${plural(ties, 'tie')}` : ''}`;
  const where = maps > 1 ? ` in ${plural(maps, 'map')}` : '';
  const skip = skipped ? `, skip ${plural(skipped, one, many)} with problems` : '';
  return `${format === 'ties' ? 'Add' : 'Import'} ${what}${where}${skip}?`;
}

/** The problem lines; `total` is how many problems there were when the lines are capped. */
export function ProblemList({ problems, total = problems.length, label = 'Problems found' }: { problems: string[]; total?: number; label?: string }) {
  const id = useId();
  if (!problems.length) return null;
  return (
    <section className="import__problems" aria-labelledby={id}>
      <h3 id={id} className="import__problems-title">
        {label} ({formatCount(total)})
      </h3>
      <ul className="import__problem-list" aria-labelledby={id}>
        {problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </section>
  );
}

export function ImportConfirmDialog({
  fileName,
  result,
  busy,
  onImport,
  onCancel,
  onMapColumns,
}: {
  fileName: string;
  result: OkImport;
  busy?: boolean;
  onImport: () => void;
  onCancel: () => void;
  /** Offered for a people CSV: re-read it as an org chart with chosen columns. */
  onMapColumns?: () => void;
}) {
  const { people, ties } = counts(result.docs);
  const skipped = result.skipped;
  const backup = result.format === 'backup';
  return (
    <Dialog title={backup ? 'Restore backup' : `Import ${FORMAT_LABELS[result.format]}`} onClose={onCancel} className="dialog--wide import">
      <p className="import__file">{fileName}</p>
      <p className="import__question">{importQuestion(people, ties, skipped, result.format, result.docs.length)}</p>
      <p className="import__note">
        {backup ? 'Every map in the backup is added as a new map; your existing maps are not changed.' : 'This creates a new map; your existing maps are not changed.'}
      </p>
      {backup && (
        <ul className="import__maps" aria-label="Maps in the backup">
          {result.docs.map((d) => (
            <li key={d.map.id}>
              <strong>{d.map.name || 'Untitled map'}</strong> · {plural(Object.keys(d.stakeholders).length, 'person', 'people')}, {plural(Object.keys(d.ties).length, 'tie')}
            </li>
          ))}
          {result.sealed?.map((m, i) => (
            <li key={`sealed-${i}`}>
              <strong>Locked map</strong> · {plural(m.people, 'person', 'people')}, {plural(m.ties, 'tie')} · restored still locked: it opens with its passphrase
            </li>
          ))}
        </ul>
      )}
      <ProblemList problems={result.problems} total={result.problemCount} />
      <DialogActions>
        {onMapColumns && (
          <button type="button" className="button import__secondary" onClick={onMapColumns}>
            Map columns as an org chart…
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={onImport} disabled={busy || (people === 0 && !result.sealed?.length)}>
          {busy ? 'Importing…' : backup ? 'Restore' : 'Import'}
        </button>
      </DialogActions>
    </Dialog>
  );
}

export function TiesConfirmDialog({
  fileName,
  mapName,
  added,
  problems,
  problemCount = problems.length,
  skipped,
  busy,
  onAdd,
  onCancel,
}: {
  fileName: string;
  mapName: string;
  added: number;
  problems: string[];
  /** How many problems in all (the lines are summarised and capped). */
  problemCount?: number;
  /** How many rows were skipped (the true count). */
  skipped: number;
  busy?: boolean;
  onAdd: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog title="Add ties from CSV" onClose={onCancel} className="dialog--wide import">
      <p className="import__file">{fileName}</p>
      <p className="import__question">{importQuestion(0, added, skipped, 'ties')}</p>
      <p className="import__note">
        The ties are added to “{mapName || 'Untitled map'}” as one change you can undo.
      </p>
      <ProblemList problems={problems} total={problemCount} />
      <DialogActions onCancel={onCancel}>
        <button type="button" className="button button--primary" onClick={onAdd} disabled={busy || added === 0}>
          Add ties
        </button>
      </DialogActions>
    </Dialog>
  );
}

export function ImportErrorDialog({ title, message, onClose }: { title: string; message: string; onClose: () => void }) {
  return (
    <Dialog title={title} onClose={onClose} className="import">
      <FormError>
        {message}
      </FormError>
      <p className="import__note">Nothing was imported; your maps are unchanged.</p>
      <DialogActions>
        <button type="button" className="button button--primary" onClick={onClose}>
          OK
        </button>
      </DialogActions>
    </Dialog>
  );
}

const PREVIEW_ROWS = 5;

/**
 * Org chart from a people CSV: the user picks which column feeds which field (pre-filled with
 * guessColumns), sees the first rows as they will be read, and the counts and problems update
 * as they change the mapping.
 */
export function OrgChartDialog({
  fileName,
  table,
  mapName,
  busy,
  onImport,
  onCancel,
  session,
}: {
  fileName: string;
  /** The whole table, or only its first rows when `session` holds it in the import worker. */
  table: CsvTable;
  mapName: string;
  busy?: boolean;
  onImport: (mapping: ColumnMapping) => void;
  onCancel: () => void;
  /** A large file: the chart is built in the import worker, which answers with counts. */
  session?: OrgSession;
}) {
  const [mapping, setMapping] = useState<Record<OrgField, string | null>>(() => guessColumns(table.headers));
  // Large files: the counts follow the mapping a moment later instead of blocking the select.
  const deferred = useDeferredValue(mapping);
  const local = useMemo(() => (session ? null : summaryOf(table, buildOrgChart(table.rows, deferred, { mapName }))), [session, table, deferred, mapName]);
  const [remote, setRemote] = useState<{ for: ColumnMapping; summary: OrgSummary } | null>(null);
  useEffect(() => {
    if (!session) return;
    let live = true;
    session.summarise(deferred, mapName).then(
      (summary) => live && setRemote({ for: deferred, summary }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [session, deferred, mapName]);
  // With a session: the worker's answer for exactly this mapping, or the first one for the guess.
  const current = local ?? (remote?.for === mapping ? remote.summary : isGuess(mapping, table.headers) ? session!.initial : null);
  const counting = current === null;
  const summary = current ?? remote?.summary ?? session!.initial;
  const { people, skipped, problems } = summary;
  const idBase = useId();
  const fields = ORG_FIELDS.filter((f) => mapping[f]);
  return (
    <Dialog title="Import org chart" onClose={onCancel} className="dialog--wide import import--org">
      <p className="import__file">
        {fileName} · {plural(summary.rowCount, 'row')}
      </p>
      <p className="import__note">Choose which column holds each field. Managers can be given by Email/ID, e-mail or a unique name.</p>
      <div className="import__mapping">
        {ORG_FIELDS.map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`${idBase}-${field}`}>{ORG_FIELD_LABELS[field]}</label>
            <select
              id={`${idBase}-${field}`}
              value={mapping[field] ?? ''}
              onChange={(e) => {
                const value = e.target.value || null;
                setMapping((m) => {
                  const next = { ...m, [field]: value };
                  // One column feeds one field: taking it elsewhere clears the old field.
                  if (value) for (const f of ORG_FIELDS) if (f !== field && next[f] === value) next[f] = null;
                  return next;
                });
              }}
            >
              <option value="">(not in this file)</option>
              {table.headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <div className="import__preview-wrap">
        <table className="import__preview" aria-label="Preview">
          <caption>First {Math.min(PREVIEW_ROWS, table.rows.length)} rows as they will be read</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              {fields.map((f) => (
                <th scope="col" key={f}>
                  {ORG_FIELD_LABELS[f]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.slice(0, PREVIEW_ROWS).map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                {fields.map((f) => (
                  <td key={f}>{row.cells[mapping[f]!] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="import__question" aria-live="polite">
        {counting ? 'Counting…' : people ? `${importQuestion(people, summary.reportsTo, skipped, 'org-chart-csv')}`.replace(/ ties\b/, ' reports-to ties').replace(/ 1 tie\b/, ' 1 reports-to tie') : 'No people can be read with these columns.'}
      </p>
      <ProblemList problems={problems} total={summary.problemCount} />
      <DialogActions onCancel={onCancel}>
        <button type="button" className="button button--primary" disabled={busy || counting || people === 0} onClick={() => onImport(mapping)}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </DialogActions>
    </Dialog>
  );
}

function summaryOf(table: CsvTable, chart: ReturnType<typeof buildOrgChart>): OrgSummary {
  const problems = [...table.problems, ...chart.problems];
  return { rowCount: table.rows.length, people: Object.keys(chart.doc.stakeholders).length, reportsTo: chart.reportsTo, skipped: chart.skipped.length, problems, problemCount: problems.length };
}

function isGuess(mapping: ColumnMapping, headers: string[]): boolean {
  const guess = guessColumns(headers);
  return ORG_FIELDS.every((f) => (mapping[f] ?? null) === guess[f]);
}

/** The busy pill: what is happening, and a way to stop it. */
export function BusyIndicator({ label, progress, onCancel }: { label: string; progress?: number | null; onCancel?: () => void }) {
  return (
    <div className="busy" role="status" aria-live="polite">
      <span className="busy__spinner" aria-hidden="true" />
      <span className="busy__label">
        {label}
        {progress != null && progress > 0 && progress < 1 ? ` ${Math.round(progress * 100)}%` : ''}
      </span>
      {onCancel && (
        <button type="button" className="button busy__cancel" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
