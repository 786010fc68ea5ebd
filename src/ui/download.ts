/** Saves a file to the user's machine: the only way data leaves the app. */
import { exportMapJson, fileBaseName } from '../io/map-file';
import type { MapDocument } from '../domain/types';

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(text: string, filename: string, type: string): void {
  downloadBlob(new Blob([text], { type }), filename);
}

export function downloadMapJson(doc: MapDocument): void {
  downloadText(exportMapJson(doc), `${fileBaseName(doc.map.name)}.json`, 'application/json');
}
