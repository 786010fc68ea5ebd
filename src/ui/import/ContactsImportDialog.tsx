import { useId, useMemo, useState } from 'react';
import { defaultAction, planContacts, type ContactAction, type ContactRecord, type ContactRow } from '../../domain/contacts-import';
import { displayName } from '../../domain/describe';
import { formatCount } from '../../domain/limits';
import type { MapDocument } from '../../domain/types';
import { Dialog } from '../Dialog';
import { DialogActions } from '../DialogActions';
import { peopleByName, PersonPicker } from '../PersonPicker';
import { ProblemList } from './ImportDialogs';

/** At most this many rows are listed for a choice; the others keep the proposed action. */
const ROWS_SHOWN = 300;

export type ContactsTarget = { into: 'new' } | { into: 'open'; rows: ContactRow[]; actions: ContactAction[] };

function matchWords(row: ContactRow, doc: MapDocument): string {
  const m = row.match;
  const name = (id: string) => (Object.hasOwn(doc.stakeholders, id) ? displayName(doc.stakeholders[id]) : id);
  if (m.kind === 'sure') return `Same person as ${name(m.id)} (by ${m.by === 'url' ? 'LinkedIn URL' : m.by === 'email' ? 'e-mail' : 'name'})`;
  if (m.kind === 'unsure') return `Unsure: ${m.reason} (${m.ids.map(name).join(', ')})`;
  return m.namesakes.length ? `New: ${m.namesakes.length === 1 ? 'someone' : `${m.namesakes.length} people`} on the map with this name ${m.namesakes.length === 1 ? 'has' : 'have'} other e-mail addresses` : 'New person';
}

/**
 * The preview of a LinkedIn or vCard import: into a new map, or into the open map with every
 * record matched and a choice per record (update the person it matched, add as new, skip).
 * Nothing changes until "Import".
 */
export function ContactsImportDialog({
  fileName,
  source,
  records,
  problems,
  doc,
  busy,
  onCancel,
  onImport,
}: {
  fileName: string;
  source: 'linkedin' | 'vcard';
  records: ContactRecord[];
  problems: string[];
  doc: MapDocument | null;
  busy?: boolean;
  onCancel: () => void;
  onImport: (target: ContactsTarget) => void;
}) {
  const [into, setInto] = useState<'new' | 'open'>(doc ? 'open' : 'new');
  const rows = useMemo(() => (doc ? planContacts(Object.values(doc.stakeholders), records) : []), [doc, records]);
  const [actions, setActions] = useState<ContactAction[]>(() => rows.map(defaultAction));
  const people = useMemo(() => (doc ? peopleByName(doc.stakeholders) : []), [doc]);
  const groupId = useId();
  const what = source === 'linkedin' ? 'LinkedIn connections' : 'contacts';
  const counts = { add: 0, update: 0, skip: 0 };
  for (const a of actions) counts[a.action]++;
  const order = rows.map((_, i) => i).sort((a, b) => rank(rows[a]) - rank(rows[b]) || a - b);
  const set = (i: number, a: ContactAction) => setActions((prev) => prev.map((x, j) => (j === i ? a : x)));
  return (
    <Dialog title={source === 'linkedin' ? 'Import LinkedIn connections' : 'Import contacts'} onClose={onCancel} className="dialog--wide import">
      <p className="import__file">{fileName}</p>
      <p className="import__question">
        {formatCount(records.length)} {records.length === 1 ? (source === 'linkedin' ? 'LinkedIn connection' : 'contact') : what} in the file.
      </p>
      {doc && (
        <fieldset className="import__choice" aria-labelledby={groupId}>
          <legend id={groupId}>Import into</legend>
          <label>
            <input type="radio" name={`${groupId}-into`} checked={into === 'open'} onChange={() => setInto('open')} /> “{doc.map.name || 'Untitled map'}” (the open map)
          </label>
          <label>
            <input type="radio" name={`${groupId}-into`} checked={into === 'new'} onChange={() => setInto('new')} /> A new map
          </label>
        </fieldset>
      )}
      {into === 'open' && doc ? (
        <>
          <p className="import__note" data-testid="contacts-summary">
            {formatCount(counts.update)} matched to people on the map (empty fields filled, nothing overwritten), {formatCount(counts.add)} added as new, {formatCount(counts.skip)} skipped. One change you can undo.
          </p>
          <div className="import__preview-wrap">
            <table className="import__preview import__preview--people" aria-label="Matches">
              <thead>
                <tr>
                  <th scope="col">In the file</th>
                  <th scope="col">On the map</th>
                  <th scope="col">Do</th>
                </tr>
              </thead>
              <tbody>
                {order.slice(0, ROWS_SHOWN).map((i) => {
                  const row = rows[i];
                  const a = actions[i];
                  const value = a.action === 'update' ? a.id : a.action === 'add' ? 'add' : '';
                  return (
                    <tr key={i}>
                      <td>
                        {row.record.name}
                        {row.record.title || row.record.company ? <span className="import__sub">{[row.record.title, row.record.company].filter(Boolean).join(', ')}</span> : null}
                      </td>
                      <td>{matchWords(row, doc)}</td>
                      <td>
                        <select className="input" aria-label={`What to do with ${row.record.name}`} value={value} onChange={(e) => set(i, e.target.value === 'add' ? { action: 'add' } : e.target.value === '' ? { action: 'skip' } : { action: 'update', id: e.target.value })}>
                          <option value="">Skip</option>
                          <option value="add">Add as new person</option>
                          {(row.match.kind === 'sure' ? [row.match.id] : row.match.kind === 'unsure' ? row.match.ids : []).map((id) => (
                            <option key={id} value={id}>{`Update ${displayName(doc.stakeholders[id])}`}</option>
                          ))}
                        </select>
                        {a.action !== 'add' && row.match.kind !== 'sure' && (
                          <PersonPicker label={`Match ${row.record.name} to`} people={people} value={a.action === 'update' ? a.id : ''} onChange={(id) => set(i, id ? { action: 'update', id } : { action: 'skip' })} emptyLabel="Match to…" />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {rows.length > ROWS_SHOWN && <p className="import__note">{formatCount(rows.length - ROWS_SHOWN)} more rows keep the proposed choice.</p>}
        </>
      ) : (
        <p className="import__note">Everyone becomes a person on a new map, with their title, company, e-mail, phone and LinkedIn URL{source === 'linkedin' ? ', and “Connected on” as the first entry in their log' : ''}.</p>
      )}
      <ProblemList problems={problems} />
      <DialogActions onCancel={onCancel}>
        <button
          type="button"
          className="button button--primary"
          disabled={busy || (into === 'open' && counts.add + counts.update === 0)}
          onClick={() => onImport(into === 'open' && doc ? { into: 'open', rows, actions } : { into: 'new' })}
        >
          {busy ? 'Importing…' : 'Import'}
        </button>
      </DialogActions>
    </Dialog>
  );
}

/** Unsure rows first (they need a choice), then new people, then sure matches. */
function rank(row: ContactRow): number {
  return row.match.kind === 'unsure' ? 0 : row.match.kind === 'none' ? 1 : 2;
}
