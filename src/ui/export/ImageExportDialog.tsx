/**
 * PNG / SVG export options: pixel density, background, redaction. The image is drawn from the
 * map's data (one scene from svg-render.ts, written as SVG or drawn on a canvas), never by cloning the page, so large maps export quickly; the PNG
 * carries the map (or, when redacted, only the redacted map) so it re-opens as a map.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { MapDocument } from '../../domain/types';
import { fileBaseName } from '../../io/map-file';
import { planExportSize } from '../../io/png';
import { exportMapPng, preparePngWorker } from '../../io/png-browser';
import { mapImageSize, renderMapSvgSized } from '../../io/svg-render';
import { Dialog } from '../Dialog';
import { downloadBlob, downloadText } from '../download';
import { DialogActions, FormError } from '../DialogActions';

export type ImageFormat = 'png' | 'svg';
type Background = 'white' | 'dark' | 'transparent';

const DENSITIES = [1, 2, 3] as const;
const BACKGROUNDS: { value: Background; label: string }[] = [
  { value: 'white', label: 'White' },
  { value: 'dark', label: 'Dark' },
  { value: 'transparent', label: 'Transparent' },
];

export function imageFileName(doc: MapDocument, format: ImageFormat, redacted: boolean): string {
  return `${fileBaseName(doc.map.name)}${redacted ? ' (redacted)' : ''}.${format}`;
}

/** Makes the file and starts the download; returns the note to show (scaled down), if any. */
export async function exportImage(doc: MapDocument, format: ImageFormat, options: { ratio: number; background: Background; redacted: boolean }): Promise<string | null> {
  const name = imageFileName(doc, format, options.redacted);
  if (format === 'svg') {
    // Redacted SVG: initials drawn; notes, e-mail and tags are never drawn; no map data inside.
    downloadText(renderMapSvgSized(doc, { background: options.background, redacted: options.redacted }).svg, name, 'image/svg+xml');
    return null;
  }
  // Redacted: initials drawn, and only redactDocument(doc) is embedded (exportMapPng does that).
  const { blob, note } = await exportMapPng(doc, { ratio: options.ratio, background: options.background, redacted: options.redacted });
  downloadBlob(blob, name);
  return note;
}

export function ImageExportDialog({ doc, format, initialBackground = 'white', onClose, onDone }: { doc: MapDocument; format: ImageFormat; initialBackground?: Background; onClose: () => void; onDone: (note: string | null) => void }) {
  const [ratio, setRatio] = useState<number>(2);
  const [background, setBackground] = useState<Background>(initialBackground);
  const [redacted, setRedacted] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();
  // The PNG is drawn in a worker: start it while the user picks the options.
  useEffect(() => {
    if (format === 'png') preparePngWorker();
  }, [format]);
  // The image size depends only on where the cards are.
  const size = useMemo(() => mapImageSize(doc, { title: true, legend: true }), [doc]);
  const plan = planExportSize(size.width, size.height, format === 'png' ? ratio : 1);
  const label = format === 'png' ? 'PNG image' : 'SVG image';

  const submit = async () => {
    setWorking(true);
    setError(null);
    try {
      const note = await exportImage(doc, format, { ratio, background, redacted });
      onDone(note);
    } catch (e) {
      setError(`The image could not be made: ${e instanceof Error ? e.message : String(e)}`);
      setWorking(false);
    }
  };

  return (
    <Dialog title={`Export ${label}`} onClose={onClose} className="export">
      <p className="export__lead">The whole map, whatever is in view, with its title and legend.</p>
      {format === 'png' && (
        <fieldset className="export__group">
          <legend>Pixel density</legend>
          <div className="segmented">
            {DENSITIES.map((d) => (
              <label key={d} className={ratio === d ? 'segmented__option segmented__option--on' : 'segmented__option'}>
                <input type="radio" name={`${ids}-density`} value={d} checked={ratio === d} onChange={() => setRatio(d)} />
                {d}x
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <fieldset className="export__group">
        <legend>Background</legend>
        <div className="segmented">
          {BACKGROUNDS.map((b) => (
            <label key={b.value} className={background === b.value ? 'segmented__option segmented__option--on' : 'segmented__option'}>
              <input type="radio" name={`${ids}-background`} value={b.value} checked={background === b.value} onChange={() => setBackground(b.value)} />
              {b.label}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="export__check">
        <input type="checkbox" checked={redacted} onChange={(e) => setRedacted(e.target.checked)} />
        <span>
          <strong>Redacted</strong>
          <span className="export__hint">Initials and titles instead of names; notes, e-mail and tags left out.{format === 'png' ? ' Only the redacted map is embedded.' : ''}</span>
        </span>
      </label>
      <p className="export__size" aria-live="polite">
        {format === 'png' ? `${plan.width.toLocaleString('en-US')} × ${plan.height.toLocaleString('en-US')} pixels` : `${size.width.toLocaleString('en-US')} × ${size.height.toLocaleString('en-US')} units, scalable`}
        {format === 'png' && ' · the map is embedded, so importing this image re-opens it'}
      </p>
      {format === 'png' && plan.note && (
        <p className="export__note" role="note">
          {plan.note}
        </p>
      )}
      {error && (
        <FormError>
          {error}
        </FormError>
      )}
      <DialogActions onCancel={onClose}>
        <button type="button" className="button button--primary" onClick={() => void submit()} disabled={working}>
          {working ? 'Exporting…' : `Export ${format.toUpperCase()}`}
        </button>
      </DialogActions>
    </Dialog>
  );
}
