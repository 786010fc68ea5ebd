/**
 * The import Web Worker: parses a dropped or picked file off the main thread. Created by
 * read-file.ts with new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' }).
 * A large org-chart CSV stays here afterwards (org-session.ts): the page maps its columns, and
 * the chart is built, laid out and stored here.
 */
/// <reference lib="webworker" />
import { emptyRecord } from '../../domain/records';
import { guessColumns } from '../../io/org-chart';
import { readImport } from './read-file';
import type { ReadReply, ReadRequest } from './read-file';
import { LARGE_ORG_ROWS, handleOrgMessage, holdTable, previewOf, summarise } from './org-session';
import type { OrgReply, OrgRequest } from './org-session';

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<ReadRequest | OrgRequest>) => {
  const request = event.data;
  if (request && 'type' in request) {
    handleOrgMessage(request, (reply: OrgReply) => self.postMessage(reply));
    return;
  }
  if (!request || typeof request.id !== 'number' || !(request.bytes instanceof Uint8Array)) return;
  const reply: ReadReply = readImport(request);
  if (reply.result.ok && reply.result.format === 'org-chart-csv' && reply.table && reply.table.rows.length >= LARGE_ORG_ROWS) {
    // Keep the table (and build the chart) here; the page gets the map's name, a preview and counts.
    const table = reply.table;
    holdTable(table);
    const doc = reply.result.doc;
    const header = { ...doc, stakeholders: emptyRecord<never>(), ties: emptyRecord<never>() };
    reply.result = { ...reply.result, doc: header, docs: [header], problems: [] };
    reply.table = previewOf(table);
    reply.session = summarise(table, guessColumns(table.headers), doc.map.name);
  }
  self.postMessage(reply);
});
