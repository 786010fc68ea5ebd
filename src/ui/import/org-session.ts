/**
 * The page's side of a large org-chart CSV kept in the import worker (state/org-import.ts is the
 * worker's side): the worker holds the table, answers with counts for a column mapping, and on
 * Import builds, lays out, sends and stores the chart itself.
 */
import { analysisPerson, rememberAnalysisInput } from '../../analysis/input';
import type { AnalysisPerson, AnalysisTie } from '../../analysis/types';
import { emptyRecord } from '../../domain/records';
import { unpackPeople, unpackTies } from '../../domain/record-transfer';
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

/**
 * Puts the map back together from the worker's slices, a slice per task; with the last one the
 * map is whole and its analysis input (made in the worker) is remembered for it.
 */
export function docAssembler(done: (doc: MapDocument) => void): (slice: DocSlice) => void {
  const stakeholders = emptyRecord<Stakeholder>();
  const ties = emptyRecord<Tie>();
  const people: AnalysisPerson[] = [];
  const analysedTies: AnalysisTie[] = [];
  return (m) => {
    for (const s of unpackPeople(m.people)) {
      stakeholders[s.id] = s;
      people.push(analysisPerson(s));
    }
    const slice = unpackTies(m.ties);
    for (const t of slice) ties[t.id] = t;
    const { index, kind, strength, mutual } = m.analysisTies;
    for (let i = 0; i < index.length; i++) {
      const t = slice[index[i]];
      analysedTies.push({ id: t.id, source: t.source, target: t.target, kind: kind[i], strength: strength[i], mutual: mutual[i] === 1 });
    }
    if (!m.last) return;
    const doc: MapDocument = { map: m.map, stakeholders, ties };
    rememberAnalysisInput(doc, { ...m.last, people, ties: analysedTies });
    done(doc);
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
