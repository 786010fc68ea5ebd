/**
 * The map inside an interactive HTML file ("Export -> Interactive HTML"): the viewer page built
 * from viewer.html carries one data block,
 *
 *   <script type="application/json" id="influence-map-data">null</script>
 *
 * and an export replaces its `null` with the payload below. A data block is never run as a script,
 * but the HTML parser still ends it at the first `</script`, and `<!--` changes how it is parsed:
 * so every `<`, `>` and `&` in the JSON is written as a \u escape (JSON.parse reads them back
 * unchanged), as are U+2028 and U+2029. Nothing a user typed can end the block or reach the page.
 *
 *   { "type": "influence-map-viewer", "version": 1, "redacted": bool, "map": MapFile }
 *   { "type": "influence-map-viewer", "version": 1, "redacted": bool,
 *     "locked": { "salt", "iterations", "check": { iv, data }, "data": { iv, data } } }
 *
 * A locked payload is the map file sealed with AES-GCM under a key derived from a passphrase
 * (PBKDF2-SHA256, as for a locked map in the browser: storage/crypto.ts); the viewer asks for the
 * passphrase and opens it in the page.
 */
import { readMapFile, toMapFile, type ReadResult } from './map-file';
import type { SealedText } from './sealed-map-file';
import type { MapDocument } from '../domain/types';

export const VIEWER_FILE_TYPE = 'influence-map-viewer';
export const VIEWER_FILE_VERSION = 1;
export const VIEWER_DATA_ID = 'influence-map-data';
/** The empty data block exactly as the built viewer page carries it. */
export const VIEWER_PLACEHOLDER = `<script type="application/json" id="${VIEWER_DATA_ID}">null</script>`;

export interface ViewerLock {
  salt: string;
  iterations: number;
  check: SealedText;
  data: SealedText;
}

export type ViewerPayload =
  | { type: typeof VIEWER_FILE_TYPE; version: number; redacted: boolean; map: ReturnType<typeof toMapFile> }
  | { type: typeof VIEWER_FILE_TYPE; version: number; redacted: boolean; locked: ViewerLock };

export function openPayload(doc: MapDocument, redacted: boolean, now?: Date): ViewerPayload {
  return { type: VIEWER_FILE_TYPE, version: VIEWER_FILE_VERSION, redacted, map: toMapFile(doc, now) };
}

/** JSON that is safe inside a <script> data block (see the note at the top). */
export function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The viewer page with the payload in its data block; throws if the page has no placeholder. */
export function embedInViewer(template: string, payload: ViewerPayload): string {
  const at = template.indexOf(VIEWER_PLACEHOLDER);
  if (at < 0 || template.indexOf(VIEWER_PLACEHOLDER, at + 1) >= 0) throw new Error('The viewer page has no single place for the map; reload the app and try again.');
  const block = `<script type="application/json" id="${VIEWER_DATA_ID}">${jsonForScriptBlock(payload)}</script>`;
  // Sliced, not String.replace: a `$` in a name must stay a `$`.
  return template.slice(0, at) + block + template.slice(at + VIEWER_PLACEHOLDER.length);
}

export type ViewerRead =
  | { kind: 'empty' }
  | { kind: 'map'; redacted: boolean; read: ReadResult }
  | { kind: 'locked'; redacted: boolean; lock: ViewerLock }
  | { kind: 'error'; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const isSealed = (v: unknown): v is SealedText => isObject(v) && typeof v.iv === 'string' && typeof v.data === 'string' && BASE64.test(v.iv) && BASE64.test(v.data);

/** Reads the data block's text (the map still goes through readMapFile -> restoreDocument). */
export function readViewerPayload(text: string): ViewerRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'error', error: 'The map inside this page is damaged (not JSON).' };
  }
  if (value === null) return { kind: 'empty' };
  if (!isObject(value) || value.type !== VIEWER_FILE_TYPE) return { kind: 'error', error: 'This page does not hold an Influence Map.' };
  if (value.version !== VIEWER_FILE_VERSION) return { kind: 'error', error: `This page was made by a newer version of Influence Map (format ${String(value.version)}).` };
  const redacted = value.redacted === true;
  const lock = value.locked;
  if (lock !== undefined) {
    if (!isObject(lock) || typeof lock.salt !== 'string' || !BASE64.test(lock.salt) || typeof lock.iterations !== 'number' || !Number.isInteger(lock.iterations) || lock.iterations < 1 || lock.iterations > 10_000_000 || !isSealed(lock.check) || !isSealed(lock.data)) {
      return { kind: 'error', error: 'The locked map inside this page is damaged.' };
    }
    return { kind: 'locked', redacted, lock: { salt: lock.salt, iterations: lock.iterations, check: lock.check, data: lock.data } };
  }
  return { kind: 'map', redacted, read: readMapFile(value.map, 'file') };
}
