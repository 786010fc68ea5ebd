/**
 * The import Web Worker: parses a dropped or picked file off the main thread. Started by
 * read-file.ts (see domain/workers.ts for the protocol).
 * A large org-chart CSV stays here afterwards (state/org-import.ts): the page maps its columns,
 * and the chart is built, laid out and stored here.
 */
import { emptyRecord } from '../../domain/records';
import { serveWorker, type CallContext } from '../../domain/workers';
import { guessColumns } from '../../io/org-chart-csv';
import { LARGE_ORG_ROWS, holdTable, previewOf, summarise } from '../../state/org-import';
import { packDocs, readApi, readImport, type ReadRequest, type SentReadReply } from './read-file';

/**
 * Reads the file; a large org-chart CSV's table is kept here, and the page gets a preview and
 * counts. Maps cross to the page packed (packDocs).
 */
async function readAndHold(request: Parameters<typeof readImport>[0], context: CallContext): Promise<SentReadReply> {
  const reply = await readImport(request as ReadRequest);
  if (reply.result.ok && reply.result.format === 'org-chart-csv' && reply.table && reply.table.rows.length >= LARGE_ORG_ROWS) {
    const table = reply.table;
    holdTable(table);
    const doc = reply.result.doc;
    const header = { ...doc, stakeholders: emptyRecord<never>(), ties: emptyRecord<never>() };
    reply.result = { ...reply.result, doc: header, docs: [header], problems: [] };
    reply.table = previewOf(table);
    reply.session = summarise(table, guessColumns(table.headers), doc.map.name);
  }
  return packDocs(reply, context);
}

serveWorker({ ...readApi, read: readAndHold });
