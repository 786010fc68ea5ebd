import { useEffect, useState } from 'react';
import { WrongPassphraseError } from '../state/workspace';
import { useEditor, useServices } from '../state/context';
import { Dialog } from './Dialog';
import './LockPanel.css';
import { DialogActions, FormError } from './DialogActions';
import { UnlockForm } from './UnlockForm';

const MIN_PASSPHRASE = 8;

/** Shown instead of the canvas when the chosen map is locked. */
export function UnlockScreen() {
  const { workspace } = useServices();
  const mapId = useEditor((s) => s.lockedMapId);
  if (!mapId) return null;
  return (
    <UnlockForm
      intro="It is encrypted in this browser. Enter its passphrase to open it."
      submitLabel="Unlock"
      busyLabel="Unlocking…"
      unlock={(passphrase) =>
        workspace.unlockAndOpen(mapId, passphrase).then(
          () => null,
          (err: unknown) => (err instanceof WrongPassphraseError ? err.message : `Could not unlock: ${err instanceof Error ? err.message : String(err)}`),
        )
      }
    />
  );
}

/** The map settings section: lock with a passphrase, lock now, or remove the lock. */
export function LockSection() {
  const { workspace } = useServices();
  const map = useEditor((s) => s.doc?.map);
  const [locked, setLocked] = useState<boolean | null>(null);
  const [dialog, setDialog] = useState(false);
  const mapId = map?.id;
  useEffect(() => {
    let live = true;
    // Without working storage there is nothing to lock, so the section stays hidden.
    if (mapId)
      workspace.isLocked(mapId).then(
        (isLocked) => live && setLocked(isLocked),
        () => live && setLocked(null),
      );
    return () => {
      live = false;
    };
  }, [mapId, map, workspace]);
  if (!mapId || locked === null) return null;
  return (
    <fieldset className="lock">
      <legend>Passphrase lock</legend>
      {locked ? (
        <>
          <p className="field__hint">This map is encrypted in this browser. It stays open in this tab until you lock it.</p>
          <div className="inspector__actions">
            <button type="button" className="button" onClick={() => void workspace.lockNow()}>
              Lock now
            </button>
            <button type="button" className="button" onClick={() => void workspace.removeLockFromOpenMap()}>
              Remove lock
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="field__hint">Encrypt this map in the browser so it opens only with a passphrase.</p>
          <button type="button" className="button" onClick={() => setDialog(true)}>
            Lock with a passphrase…
          </button>
        </>
      )}
      {dialog && <LockDialog onClose={() => setDialog(false)} />}
    </fieldset>
  );
}

function LockDialog({ onClose }: { onClose: () => void }) {
  const { workspace, store } = useServices();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const tooShort = passphrase.length < MIN_PASSPHRASE;
  const mismatch = confirm.length > 0 && confirm !== passphrase;
  return (
    <Dialog title="Lock this map with a passphrase" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void workspace
            .lockOpenMap(passphrase)
            .then(() => {
              store.getState().notify('The map is now encrypted in this browser.');
              onClose();
            })
            .catch((err: unknown) => store.getState().notify(`Could not lock the map: ${err instanceof Error ? err.message : String(err)}`, 'error'))
            .finally(() => setBusy(false));
        }}
      >
        <p className="lock__warning" role="note">
          <strong>If you forget this passphrase, the map cannot be recovered.</strong> Nobody can reset it: the map is encrypted with it
          (AES-GCM, key derived with PBKDF2-SHA256, 600,000 iterations). Export a copy first if you are unsure.
        </p>
        <p className="field__hint lock__limits">
          From now on this map, its snapshots and their names are stored encrypted, and so is any copy of it made here. Locking does not erase
          what was stored before: the browser may keep old unencrypted fragments of this map in its own files on this computer until it reuses
          that space, which can take a long time. Files you exported earlier are not locked either.
        </p>
        <div className="field">
          <label htmlFor="lock-passphrase">New passphrase</label>
          <input id="lock-passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus />
          <p className="field__hint">At least {MIN_PASSPHRASE} characters; a few unrelated words work well.</p>
        </div>
        <div className="field">
          <label htmlFor="lock-confirm">Repeat the passphrase</label>
          <input id="lock-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
          {mismatch && <FormError inline>The two passphrases differ.</FormError>}
        </div>
        <div className="field field--check">
          <label>
            <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} /> I understand a forgotten passphrase cannot be recovered
          </label>
        </div>
        <DialogActions onCancel={onClose}>
          <button type="submit" className="button button--primary" disabled={tooShort || confirm !== passphrase || !understood || busy}>
            {busy ? 'Locking…' : 'Lock map'}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
