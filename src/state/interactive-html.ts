/**
 * "Export -> Interactive HTML": the viewer page the build made (build/viewer.ts emits it as
 * interactive-viewer.html next to the app, precached for offline use) with the map inside,
 * optionally redacted, optionally sealed with a passphrase. Opening a sealed one needs the same
 * passphrase; the viewer (app/viewer-main.tsx) calls openLockedPayload in the page.
 * In state/ because it seals with storage/crypto (ui/ may not import storage/).
 */
import type { MapDocument } from '../domain/types';
import { readMapFile, redactDocument, toMapFile, type ReadResult } from '../io/map-file';
import { fromBase64, toBase64 } from '../io/sealed-map-file';
import { embedInViewer, openPayload, VIEWER_FILE_TYPE, VIEWER_FILE_VERSION, type ViewerLock, type ViewerPayload } from '../io/viewer-file';
import { createLock, seal, unlock, unseal } from '../storage/crypto';

/** Where the built viewer page is, relative to the app's own page. */
export const VIEWER_TEMPLATE_PATH = 'interactive-viewer.html';

export interface InteractiveHtmlOptions {
  redacted: boolean;
  /** Locks the map inside with this passphrase; none or empty leaves it readable. */
  passphrase?: string;
  now?: Date;
}

export async function interactiveHtml(template: string, doc: MapDocument, options: InteractiveHtmlOptions): Promise<string> {
  const shown = options.redacted ? redactDocument(doc) : doc;
  let payload: ViewerPayload;
  if (options.passphrase) {
    const { lock, key } = await createLock(options.passphrase);
    const sealed = await seal(key, toMapFile(shown, options.now));
    payload = {
      type: VIEWER_FILE_TYPE,
      version: VIEWER_FILE_VERSION,
      redacted: options.redacted,
      locked: {
        salt: toBase64(lock.salt),
        iterations: lock.iterations,
        check: { iv: toBase64(lock.check.iv), data: toBase64(lock.check.data) },
        data: { iv: toBase64(sealed.iv), data: toBase64(sealed.data) },
      },
    };
  } else payload = openPayload(shown, options.redacted, options.now);
  return embedInViewer(template, payload);
}

/** The map from a locked page; WrongPassphraseError (storage/crypto.ts) when the passphrase is wrong. */
export async function openLockedPayload(lock: ViewerLock, passphrase: string): Promise<ReadResult> {
  const key = await unlock(passphrase, { salt: fromBase64(lock.salt), iterations: lock.iterations, check: { iv: fromBase64(lock.check.iv), data: fromBase64(lock.check.data).buffer } });
  const value = await unseal(key, { iv: fromBase64(lock.data.iv), data: fromBase64(lock.data.data).buffer });
  return readMapFile(value, 'file');
}

/** The viewer page, from the app's own origin (or the offline cache): never from anywhere else. */
export async function fetchViewerTemplate(): Promise<string> {
  const response = await fetch(new URL(VIEWER_TEMPLATE_PATH, document.baseURI), { cache: 'no-cache' });
  if (!response.ok) throw new Error(`the viewer page is missing from this copy of the app (${response.status})`);
  return response.text();
}
