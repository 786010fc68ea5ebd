/**
 * "Export -> Interactive HTML": one self-contained page with the viewer and the map inside, to
 * open offline in any browser (pan, zoom, Find, Insights). Optionally redacted, optionally locked.
 */
import { useId, useState } from 'react';
import type { MapDocument } from '../../domain/types';
import { fileBaseName } from '../../io/map-file';
import { Dialog } from '../Dialog';
import { DialogActions, FormError } from '../DialogActions';
import { downloadText } from '../download';
import { fetchViewerTemplate, interactiveHtml } from '../../state/interactive-html';

const MIN_PASSPHRASE = 8;

export function interactiveHtmlFileName(doc: MapDocument, redacted: boolean): string {
  return `${fileBaseName(doc.map.name)}${redacted ? ' (redacted)' : ''}.html`;
}

export function InteractiveHtmlDialog({ doc, onClose, onDone }: { doc: MapDocument; onClose: () => void; onDone: (note: string) => void }) {
  const [redacted, setRedacted] = useState(false);
  const [locked, setLocked] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();
  const tooShort = locked && passphrase.length < MIN_PASSPHRASE;
  const mismatch = locked && confirm.length > 0 && confirm !== passphrase;
  const people = Object.keys(doc.stakeholders).length;

  const submit = async () => {
    setWorking(true);
    setError(null);
    try {
      const template = await fetchViewerTemplate();
      const html = await interactiveHtml(template, doc, { redacted, passphrase: locked ? passphrase : undefined });
      downloadText(html, interactiveHtmlFileName(doc, redacted), 'text/html');
      onDone(`Exported an interactive page with ${people.toLocaleString('en-US')} ${people === 1 ? 'person' : 'people'}${redacted ? ', redacted' : ''}${locked ? ', locked with a passphrase' : ''}.`);
    } catch (e) {
      setError(`The page could not be made: ${e instanceof Error ? e.message : String(e)}`);
      setWorking(false);
    }
  };

  return (
    <Dialog title="Export interactive HTML" onClose={onClose} className="export">
      <p className="export__lead">
        One file with the map and a viewer inside. Anyone can open it in a browser, even offline, to pan, zoom, find people and read the
        insights; nobody can change the map in it, and it makes no request to any server.
      </p>
      <label className="export__check">
        <input type="checkbox" checked={redacted} onChange={(e) => setRedacted(e.target.checked)} />
        <span>
          <strong>Redacted</strong>
          <span className="export__hint">Initials and titles instead of names; notes, e-mail, tags and the contact log left out. Only the redacted map is in the file.</span>
        </span>
      </label>
      <label className="export__check">
        <input type="checkbox" checked={locked} onChange={(e) => setLocked(e.target.checked)} />
        <span>
          <strong>Lock with a passphrase</strong>
          <span className="export__hint">The map in the file is encrypted (AES-GCM, key from PBKDF2-SHA256); the page asks for the passphrase. A forgotten passphrase cannot be recovered.</span>
        </span>
      </label>
      {locked && (
        <>
          <div className="field">
            <label htmlFor={`${ids}-pass`}>Passphrase</label>
            <input id={`${ids}-pass`} type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
            <p className="field__hint">At least {MIN_PASSPHRASE} characters; send it another way than the file.</p>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-confirm`}>Repeat the passphrase</label>
            <input id={`${ids}-confirm`} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
            {mismatch && <FormError inline>The two passphrases differ.</FormError>}
          </div>
        </>
      )}
      {error && <FormError>{error}</FormError>}
      <DialogActions onCancel={onClose}>
        <button type="button" className="button button--primary" onClick={() => void submit()} disabled={working || tooShort || (locked && confirm !== passphrase)}>
          {working ? 'Exporting…' : 'Export HTML'}
        </button>
      </DialogActions>
    </Dialog>
  );
}
