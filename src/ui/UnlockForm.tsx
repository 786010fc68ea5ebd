/**
 * The passphrase form shown instead of a locked map: in the app (a map locked in this browser)
 * and in the interactive HTML viewer (a locked exported page). Only what it says and what
 * unlocking means differ.
 */
import { useId, useState } from 'react';
import { FormError } from './DialogActions';

export interface UnlockFormProps {
  /** One sentence under the title: where the passphrase is checked. */
  intro: string;
  submitLabel: string;
  busyLabel: string;
  /** Tries the passphrase: resolves to what went wrong, or null once the map is open. */
  unlock: (passphrase: string) => Promise<string | null>;
}

export function UnlockForm({ intro, submitLabel, busyLabel, unlock }: UnlockFormProps) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  return (
    <section className="empty" aria-labelledby="unlock-title">
      <form
        className="empty__card unlock"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          unlock(passphrase)
            .catch((err: unknown) => (err instanceof Error ? err.message : String(err)))
            .then(setError)
            .finally(() => setBusy(false));
        }}
      >
        <h1 id="unlock-title">This map is locked</h1>
        <p>{intro}</p>
        <div className="field">
          <label htmlFor={inputId}>Passphrase</label>
          <input id={inputId} type="password" autoComplete="current-password" value={passphrase} autoFocus onChange={(e) => setPassphrase(e.target.value)} />
        </div>
        {error && <FormError inline>{error}</FormError>}
        <div className="empty__actions">
          <button type="submit" className="button button--primary" disabled={!passphrase || busy}>
            {busy ? busyLabel : submitLabel}
          </button>
        </div>
      </form>
    </section>
  );
}
