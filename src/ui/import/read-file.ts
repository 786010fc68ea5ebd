/**
 * Reads an imported file: `importFile` (src/io/import.ts) run in a Web Worker so a large file
 * never freezes the page, with an in-process fallback where there is no Worker (tests). Besides
 * the import result it returns what the dialogs need: the parsed table of an org-chart CSV (the
 * user re-maps its columns) and whether a CSV is a ties file (added to the open map instead).
 */
import type { CsvTable } from '../../io/csv';
import { findColumn, parseCsvTable } from '../../io/csv';
import { sniffBytes, sniffText } from '../../io/detect';
import { importFile } from '../../io/import';
import type { ImportResult } from '../../io/import';
import { decodeText } from '../../io/text';

export interface ReadRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
}

export interface ReadReply {
  id: number;
  result: ImportResult;
  /** The table, for a CSV the user maps in the org-chart dialog (or may choose to). */
  table: CsvTable | null;
  /** The file is a ties CSV (from, to, ...). */
  tiesFile: boolean;
  ms: number;
}

/** The whole read, synchronous: what the worker runs. Never throws. */
export function readImport(request: ReadRequest): ReadReply {
  const started = performance.now();
  const result = importFile(request.name, request.bytes);
  let table: CsvTable | null = null;
  let tiesFile = false;
  try {
    if (sniffBytes(request.bytes) === null) {
      const text = decodeText(request.bytes).text;
      if (sniffText(text, request.name) === 'csv') {
        const parsed = parseCsvTable(text);
        if (parsed.ok) {
          const h = parsed.table.headers;
          tiesFile = !!findColumn(h, 'from', 'source') && !!findColumn(h, 'to', 'target') && !findColumn(h, 'name');
          if (result.ok && (result.format === 'org-chart-csv' || result.format === 'people-csv')) table = parsed.table;
        }
      }
    }
  } catch {
    // The import result already says what went wrong.
  }
  return { id: request.id, result, table, tiesFile, ms: Math.round(performance.now() - started) };
}

export class ReadCancelledError extends Error {
  constructor() {
    super('Reading the file was cancelled.');
    this.name = 'ReadCancelledError';
  }
}

export interface ReadJob {
  promise: Promise<ReadReply>;
  cancel(): void;
}

let nextId = 1;

function defaultWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

/** Reads a file off the main thread; `cancel` stops the worker and rejects with ReadCancelledError. */
export function startRead(name: string, bytes: Uint8Array, createWorker: () => Worker | null = defaultWorker): ReadJob {
  const id = nextId++;
  let worker: Worker | null = null;
  let finished = false;
  let resolve!: (reply: ReadReply) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<ReadReply>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const finish = () => {
    finished = true;
    worker?.terminate();
    worker = null;
  };
  const inProcess = () =>
    setTimeout(() => {
      if (finished) return;
      finish();
      resolve(readImport({ id, name, bytes }));
    }, 0);

  worker = createWorker();
  if (!worker) inProcess();
  else {
    worker.addEventListener('message', (event: MessageEvent<ReadReply>) => {
      if (finished || event.data?.id !== id) return;
      finish();
      resolve(event.data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (finished) return;
      // The worker could not start: read here instead (still correct, just on the main thread).
      worker?.terminate();
      worker = null;
      inProcess();
    });
    worker.postMessage({ id, name, bytes } satisfies ReadRequest);
  }
  return {
    promise,
    cancel() {
      if (finished) return;
      finish();
      reject(new ReadCancelledError());
    },
  };
}
