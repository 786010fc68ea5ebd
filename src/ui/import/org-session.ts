/**
 * The page's side of a large org-chart CSV kept in the import worker (state/org-import.ts is the
 * worker's side): the worker holds the table, answers with counts for a column mapping, and on
 * Import builds, lays out, sends and stores the chart itself.
 */
import { emptyRecord, rememberEntries } from '../../domain/records';
import { unpackRecordsInto } from '../../domain/record-transfer';
import type { MapDocument, Stakeholder, Tie } from '../../domain/types';
import type { WorkerHandle } from '../../domain/workers';
import type { ColumnMapping } from '../../io/org-chart-csv';
import type { DocSlice, OrgProgress, OrgStored, OrgSummary } from '../../state/org-import';
import type { ReadWorkerApi } from './read-file';

export type { OrgSummary } from '../../state/org-import';

export interface OrgCommit {
  /** The laid-out map, put together from the worker's chunks. */
  doc: Promise<MapDocument>;
  /** Resolves once every record is stored. */
  stored: Promise<OrgStored>;
}


/** Puts the map back together from the worker's slices, a slice per task. */
export function docAssembler(done: (doc: MapDocument) => void): (slice: DocSlice) => void {
  const stakeholders = emptyRecord<Stakeholder>();
  const ties = emptyRecord<Tie>();
  const people: Stakeholder[] = [];
  const tieList: Tie[] = [];
  return (m) => {
    unpackRecordsInto(m.people, stakeholders, people);
    unpackRecordsInto(m.ties, ties, tieList);
    if (!m.last) return;
    // The worker's map has no id twice: the lists are the records' values, as restore's are.
    rememberEntries(stakeholders, people);
    rememberEntries(ties, tieList);
    done({ map: m.map, stakeholders, ties });
  };
}

export class OrgSession {
  private closed = false;

  constructor(
    private readonly worker: WorkerHandle<ReadWorkerApi>,
    /** Counts and problems for the guessed columns. */
    readonly initial: OrgSummary,
  ) {}

  summarise(mapping: ColumnMapping, mapName: string): Promise<OrgSummary> {
    if (this.closed) return Promise.reject(new Error('closed'));
    return this.worker.call('orgSummary', { mapping, mapName }).promise;
  }

  commit(mapping: ColumnMapping, mapName: string, dbName: string, onProgress: (fraction: number) => void): OrgCommit {
    let gotDoc!: (doc: MapDocument) => void;
    let failDoc!: (error: Error) => void;
    const doc = new Promise<MapDocument>((resolve, reject) => {
      gotDoc = resolve;
      failDoc = reject;
    });
    const take = docAssembler(gotDoc);
    const call = this.worker.call(
      'orgCommit',
      { mapping, mapName, dbName },
      {
        onProgress: (value) => {
          const m = value as OrgProgress;
          if (m.kind === 'doc') take(m);
          else onProgress(m.fraction);
        },
      },
    );
    const stored = call.promise.then(
      (result) => {
        this.close();
        return result;
      },
      (): OrgStored => {
        failDoc(new Error('The import worker stopped.'));
        this.close();
        return { ok: false, error: 'The import worker stopped before the map was stored.' };
      },
    );
    return { doc, stored };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.terminate();
  }
}
