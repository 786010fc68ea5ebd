import { useCallback, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { Id, MapDocument, Tie } from '../domain/types';
import { asNewMap } from '../io/map-file';
import { createMapDocument } from '../domain/factories';
import { buildOrgChart } from '../io/org-chart-csv';
import type { ColumnMapping } from '../io/org-chart-csv';
import { plural, quote } from '../io/text';
import { prepareLayoutWorker, startLayout } from '../layout/client';
import { layoutInputFromDoc } from '../layout/types';
import { useServices } from '../state/context';
import type { CsvTable } from '../io/csv';
import { BusyIndicator, ImportConfirmDialog, ImportErrorDialog, OrgChartDialog, TiesConfirmDialog } from './import/ImportDialogs';
import type { OkImport } from './import/ImportDialogs';
import { ReadCancelledError, startRead } from './import/read-file';
import { OrgSession } from './import/org-session';
import type { SealedMapFile } from '../io/sealed-map-file';
import { copyRecord, hasEntry } from '../domain/records';
import { countOf, formatCount } from '../domain/numbers';
import { applyContacts, contactsToNewMap, type ContactRecord } from '../domain/contacts-import';
import { applyCalendar, type CalendarEvent } from '../domain/calendar-import';
import { ContactsImportDialog } from './import/ContactsImportDialog';
import { CalendarImportDialog } from './import/CalendarImportDialog';

type Stage =
  | { kind: 'reading'; name: string; cancel: () => void }
  | { kind: 'error'; title: string; message: string }
  | { kind: 'confirm'; name: string; result: OkImport; table: CsvTable | null }
  | { kind: 'org'; name: string; table: CsvTable; mapName: string; session?: OrgSession }
  | { kind: 'storing'; name: string; label: string; progress: number | null }
  | { kind: 'ties'; name: string; mapName: string; mapId: string; ties: Tie[]; problems: string[]; problemCount: number; skipped: number }
  | { kind: 'contacts'; name: string; source: 'linkedin' | 'vcard'; records: ContactRecord[]; problems: string[]; doc: MapDocument | null }
  | { kind: 'calendar'; name: string; events: CalendarEvent[]; problems: string[]; calendarName: string; doc: MapDocument };

const ACCEPT = '.json,.png,.csv,.tsv,.txt,.graphml,.gexf,.xml,.ics,.vcf,application/json,image/png,text/csv,text/calendar,text/vcard';

/**
 * Import from the picker or a file dropped anywhere on the window: the file is read in a
 * worker, a dialog shows what will be created and every problem, and only "Import" writes.
 * Every import creates NEW maps; "Add ties from CSV…" adds ties to the open map as one undo step.
 */
export function useImport(): {
  openPicker: () => void;
  openTiesPicker: () => void;
  fileInput: ReactNode;
  importDialog: ReactNode;
  onWindowDrop: (e: DragEvent) => void;
  onWindowDragOver: (e: DragEvent) => void;
} {
  const { store, workspace } = useServices();
  const inputRef = useRef<HTMLInputElement>(null);
  const tiesInputRef = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = useCallback((message: string, title = 'Could not import') => setStage({ kind: 'error', title, message }), []);

  /**
   * Applies an import to the map its dialog was made for, on the document as it is now (edits
   * made meanwhile are kept), as one undo step; then closes the dialog and says what it did. If
   * another map was opened meanwhile, nothing is changed and `changed` says so.
   */
  const applyToOpenMap = <T extends { doc: MapDocument }>(mapId: Id | undefined, apply: (doc: MapDocument) => T, describe: (outcome: T) => string, changed: { message: string; title?: string }) => {
    const state = store.getState();
    if (state.doc?.map.id !== mapId) return fail(changed.message, changed.title);
    const outcome: { value?: T } = {};
    const applied = state.edit((doc) => (outcome.value = apply(doc)).doc);
    setStage(null);
    if (applied && outcome.value) state.notify(describe(outcome.value));
  };

  /**
   * A ties CSV: read in the worker against the open map (a file of 400,000 rows must not freeze
   * the page), then added to that map after the dialog, never to a new one.
   */
  const offerTies = useCallback(
    async (name: string, file: Blob) => {
      const doc = store.getState().doc;
      if (!doc) {
        fail(`${quote(name, 60)} is a ties file (from, to, ...). Open the map its people are in (or import the people first), then add these ties to it.`);
        return;
      }
      const job = startRead(name, file, undefined, doc);
      setStage({ kind: 'reading', name, cancel: job.cancel });
      let result;
      try {
        result = (await job.promise).ties;
      } catch (error) {
        if (error instanceof ReadCancelledError) setStage(null);
        else fail(`${quote(name, 60)} could not be read (${error instanceof Error ? error.message : String(error)}).`, 'Could not add ties');
        return;
      }
      if (!result) return fail(`${quote(name, 60)} could not be read.`, 'Could not add ties');
      if (!result.ok) return fail(result.error, 'Could not add ties');
      if (result.ties.length === 0) return fail(`None of the ties in ${quote(name, 60)} could be added to “${doc.map.name}”. ${result.problems[0] ?? ''}`.trim(), 'Could not add ties');
      setStage({ kind: 'ties', name, mapName: doc.map.name, mapId: doc.map.id, ties: result.ties, problems: result.problems, problemCount: result.problemCount, skipped: result.skipped });
    },
    [fail, store],
  );

  const importOne = useCallback(
    async (file: File) => {
      // The worker reads the file itself (and refuses it when too large for its format).
      const job = startRead(file.name, file);
      setStage({ kind: 'reading', name: file.name, cancel: job.cancel });
      let reply;
      try {
        reply = await job.promise;
      } catch (error) {
        if (error instanceof ReadCancelledError) setStage(null);
        else fail(`${quote(file.name, 60)} could not be read (${error instanceof Error ? error.message : String(error)}).`);
        return;
      }
      if (reply.personal) {
        const personal = reply.personal;
        if (!personal.parse.ok) return fail(personal.parse.error);
        const open = store.getState().doc;
        if (personal.kind === 'contacts') {
          workspace.prepareImport();
          setStage({ kind: 'contacts', name: file.name, source: personal.source, records: personal.parse.records, problems: personal.parse.problems, doc: open });
          return;
        }
        if (!open) return fail(`${quote(file.name, 60)} is a calendar. Open the map whose people you met, then import the calendar into it: a calendar adds meetings to people's logs and never makes a map.`, 'Open a map first');
        if (personal.parse.events.length === 0) return fail(`${quote(file.name, 60)} has no meetings with attendees to log.${personal.parse.problems[0] ? ` ${personal.parse.problems[0]}` : ''}`, 'Nothing to import');
        setStage({ kind: 'calendar', name: file.name, events: personal.parse.events, problems: personal.parse.problems, calendarName: personal.parse.calendarName, doc: open });
        return;
      }
      if (!reply.result.ok) {
        if (reply.tiesFile) return void offerTies(file.name, file);
        return fail(reply.result.error);
      }
      if (reply.result.format === 'org-chart-csv' && reply.table) {
        if (reply.session && reply.worker) {
          // A large file: its table stays in the worker, which builds, lays out and stores the chart.
          const session = new OrgSession(reply.worker, reply.session);
          setStage({ kind: 'org', name: file.name, table: reply.table, mapName: reply.result.doc.map.name, session });
          return;
        }
        prepareLayoutWorker();
        workspace.prepareImport();
        setStage({ kind: 'org', name: file.name, table: reply.table, mapName: reply.result.doc.map.name });
        return;
      }
      // Start the worker that will store the map while the user reads the dialog.
      if (reply.result.docs.length === 1) workspace.prepareImport();
      setStage({ kind: 'confirm', name: file.name, result: reply.result, table: reply.table });
    },
    [fail, offerTies, store, workspace],
  );

  const addTies = useCallback(
    (file: File) => offerTies(file.name, file),
    [offerTies],
  );

  const write = useCallback(
    async (imported: MapDocument[], sealed: SealedMapFile[] = []) => {
      setBusy(true);
      try {
        const docs = await workspace.withFreeNames(imported);
        const written = await workspace.importMaps(docs, { sealed });
        if (!written.ok) return fail(written.error);
        setStage(null);
        const names = docs.length > 1 ? countOf(docs.length, 'map') : docs.length ? `“${docs[0].map.name}”` : '';
        const locked = sealed.length ? `${formatCount(sealed.length)} locked ${sealed.length === 1 ? 'map is' : 'maps are'} restored still locked: ${sealed.length === 1 ? 'it opens' : 'each opens'} with ${sealed.length === 1 ? 'its' : 'its own'} passphrase.` : '';
        store.getState().notify(docs.length ? `Imported ${names} as ${docs.length > 1 ? 'new maps' : 'a new map'}.${locked ? ` ${locked}` : ''}` : locked);
      } finally {
        setBusy(false);
      }
    },
    [fail, store, workspace],
  );

  const importOrgChart = useCallback(
    async (table: CsvTable, mapping: ColumnMapping, mapName: string) => {
      setBusy(true);
      try {
        const chart = buildOrgChart(table.rows, mapping, { mapName });
        let doc = chart.doc;
        // Lay it out as a layered org chart (ELK in a worker); the tidy tree from buildOrgChart
        // stays if that cannot finish in time.
        try {
          const outcome = await startLayout('org-chart', layoutInputFromDoc(doc)).promise;
          const stakeholders = copyRecord(doc.stakeholders);
          for (const [id, p] of Object.entries(outcome.positions)) if (hasEntry(stakeholders, id)) stakeholders[id] = { ...stakeholders[id], x: p.x, y: p.y };
          doc = { ...doc, stakeholders };
        } catch {
          // keep the tree positions
        }
        await write([asNewMap(doc)]);
      } finally {
        setBusy(false);
      }
    },
    [write],
  );

  /** A large org chart: built, laid out and stored by the import worker, drawn as soon as it arrives. */
  const importLargeOrgChart = useCallback(
    async (session: OrgSession, mapping: ColumnMapping, mapName: string, fileName: string) => {
      setBusy(true);
      try {
        const [named] = await workspace.withFreeNames([createMapDocument(mapName)]);
        const name = named.map.name;
        setStage({ kind: 'storing', name: fileName, label: `Building the org chart from ${fileName}…`, progress: null });
        const job = session.commit(mapping, name, workspace.databaseName, (fraction) =>
          setStage((s) => (s?.kind === 'storing' ? { ...s, label: `Saving “${name}”…`, progress: fraction } : s)),
        );
        let doc: MapDocument;
        try {
          doc = await job.doc;
        } catch (error) {
          return fail(error instanceof Error ? error.message : String(error));
        }
        setStage((s) => (s?.kind === 'storing' ? { ...s, label: `Saving “${name}”…` } : s));
        const written = await workspace.openWhileStored(doc, job.stored);
        if (!written.ok) return fail(written.error);
        setStage(null);
        store.getState().notify(`Imported “${name}” as a new map.`);
      } finally {
        session.close();
        setBusy(false);
      }
    },
    [fail, store, workspace],
  );

  const onFiles = useCallback(
    (files: FileList | null) => {
      const file = files?.[0];
      if (!file) return;
      if (files.length > 1) store.getState().notify('One file at a time: importing the first one.');
      void importOne(file);
    },
    [importOne, store],
  );

  const close = () => {
    if (busy) return;
    if (stage?.kind === 'org') stage.session?.close();
    setStage(null);
  };

  let dialog: ReactNode = null;
  if (stage?.kind === 'reading') dialog = <BusyIndicator label={`Reading ${stage.name}…`} onCancel={stage.cancel} />;
  else if (stage?.kind === 'storing') dialog = <BusyIndicator label={stage.label} progress={stage.progress} />;
  else if (stage?.kind === 'error') dialog = <ImportErrorDialog title={stage.title} message={stage.message} onClose={() => setStage(null)} />;
  else if (stage?.kind === 'confirm') {
    const { result, table, name } = stage;
    dialog = (
      <ImportConfirmDialog
        fileName={name}
        result={result}
        busy={busy}
        onCancel={close}
        onImport={() => void write(result.docs, result.sealed)}
        onMapColumns={result.format === 'people-csv' && table ? () => setStage({ kind: 'org', name, table, mapName: result.doc.map.name }) : undefined}
      />
    );
  } else if (stage?.kind === 'org') {
    const { table, mapName, name, session } = stage;
    dialog = (
      <OrgChartDialog
        fileName={name}
        table={table}
        mapName={mapName}
        busy={busy}
        session={session}
        onCancel={close}
        onImport={(mapping) => void (session ? importLargeOrgChart(session, mapping, mapName, name) : importOrgChart(table, mapping, mapName))}
      />
    );
  } else if (stage?.kind === 'contacts') {
    const s = stage;
    dialog = (
      <ContactsImportDialog
        fileName={s.name}
        source={s.source}
        records={s.records}
        problems={s.problems}
        doc={s.doc}
        busy={busy}
        onCancel={close}
        onImport={(target) => {
          if (target.into === 'new') {
            const base = s.name.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,10}$/, '').trim() || (s.source === 'linkedin' ? 'LinkedIn connections' : 'Contacts');
            void write([asNewMap(contactsToNewMap(s.records, s.source === 'linkedin' && /^connections$/i.test(base) ? 'LinkedIn connections' : base))]);
            return;
          }
          applyToOpenMap(
            s.doc?.map.id,
            (doc) => applyContacts(doc, target.rows, target.actions),
            (o) => `Added ${plural(o.added.length, 'person', 'people')} and updated ${plural(o.updated.length, 'person', 'people')} from ${quote(s.name, 60)}. Undo removes it all.`,
            { message: 'The map changed to another one before the import; nothing was changed.' },
          );
        }}
      />
    );
  } else if (stage?.kind === 'calendar') {
    const s = stage;
    dialog = (
      <CalendarImportDialog
        fileName={s.name}
        events={s.events}
        problems={s.problems}
        calendarName={s.calendarName}
        doc={s.doc}
        onCancel={close}
        onApply={(plan, choices) => {
          applyToOpenMap(
            s.doc.map.id,
            (doc) => applyCalendar(doc, plan, choices),
            (o) => {
              const parts = [`Logged ${plural(o.logged, 'meeting')}`];
              if (o.added.length) parts.push(`added ${plural(o.added.length, 'person', 'people')}`);
              if (o.ties) parts.push(`added ${plural(o.ties, 'trust tie')}`);
              const again = o.already ? ` ${plural(o.already, 'meeting was', 'meetings were')} already in the log.` : '';
              return `${parts.join(', ')} from ${quote(s.name, 60)}.${again}${o.logged || o.added.length || o.ties ? ' Undo removes it all.' : ''}`;
            },
            { message: 'The map changed to another one before the meetings were logged; nothing was changed.' },
          );
        }}
      />
    );
  } else if (stage?.kind === 'ties') {
    const s = stage;
    dialog = (
      <TiesConfirmDialog
        fileName={s.name}
        mapName={s.mapName}
        added={s.ties.length}
        problems={s.problems}
        problemCount={s.problemCount}
        skipped={s.skipped}
        onCancel={close}
        onAdd={() => {
          applyToOpenMap(
            s.mapId,
            (doc) => {
              // Only ties that are still new and whose people are still there.
              const ties = copyRecord(doc.ties);
              for (const tie of s.ties) if (!Object.hasOwn(doc.ties, tie.id) && Object.hasOwn(doc.stakeholders, tie.source) && Object.hasOwn(doc.stakeholders, tie.target)) ties[tie.id] = tie;
              return { doc: { ...doc, ties } };
            },
            () => `Added ${plural(s.ties.length, 'tie')} to “${s.mapName}”. Undo removes them all.`,
            { message: 'The map changed to another one before the ties were added; nothing was added.', title: 'Could not add ties' },
          );
        }}
      />
    );
  }

  return {
    openPicker: () => inputRef.current?.click(),
    openTiesPicker: () => tiesInputRef.current?.click(),
    fileInput: (
      <>
        <input
          ref={inputRef}
          type="file"
          hidden
          aria-label="Import file"
          accept={ACCEPT}
          onChange={(e) => {
            onFiles(e.target.files);
            e.target.value = '';
          }}
        />
        <input
          ref={tiesInputRef}
          type="file"
          hidden
          aria-label="Ties CSV file"
          accept=".csv,.tsv,.txt,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void addTies(file);
            e.target.value = '';
          }}
        />
      </>
    ),
    importDialog: dialog,
    onWindowDrop: (e) => {
      if (e.dataTransfer.files.length === 0) return;
      e.preventDefault();
      onFiles(e.dataTransfer.files);
    },
    onWindowDragOver: (e) => {
      if (e.dataTransfer.types.includes('Files')) e.preventDefault();
    },
  };
}
