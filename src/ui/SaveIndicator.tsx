import { useEffect, useState } from 'react';
import type { StorageTrouble } from '../state/workspace';
import { useEditor, useServices } from '../state/context';
import { downloadMapJson } from './download';
import { countOf } from '../domain/numbers';

export function SaveIndicator() {
  const save = useEditor((s) => s.save);
  const label = save.state === 'saving' ? 'Saving…' : save.state === 'error' ? 'Not saved' : save.state === 'saved' ? 'Saved' : '';
  return (
    <span className={`save save--${save.state}`} role="status" aria-live="polite" data-testid="save-status">
      <span className="save__dot" aria-hidden="true" />
      {label}
    </span>
  );
}

/** Shown while writes fail: the work stays on screen, and a copy is one click away. */
export function SaveErrorBanner() {
  const save = useEditor((s) => s.save);
  const { store, workspace } = useServices();
  if (save.state !== 'error') return null;
  return (
    <div className="banner banner--error" role="alert">
      <span>{save.message}</span>
      <button type="button" className="button" onClick={() => void workspace.retrySave()}>
        Retry now
      </button>
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          const doc = store.getState().doc;
          if (doc) downloadMapJson(doc);
        }}
      >
        Download a copy (JSON)
      </button>
    </div>
  );
}

export function LoadProblemsBanner() {
  const problems = useEditor((s) => s.loadProblems);
  const { store } = useServices();
  if (problems.length === 0) return null;
  return (
    <div className="banner banner--warning" role="alert">
      <details>
        <summary>
          This map opened with {countOf(problems.length, 'problem')}; everything else is intact.
        </summary>
        <ul>
          {problems.slice(0, 50).map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      </details>
      <button type="button" className="button" onClick={() => store.setState({ loadProblems: [] })}>
        Dismiss
      </button>
    </div>
  );
}

const TROUBLE_TEXT: Record<StorageTrouble, string> = {
  'upgraded-elsewhere': 'Influence Map was updated in another tab, so this tab can no longer save. Reload it to keep working; everything saved so far is safe.',
  blocked: 'Another Influence Map tab is holding the database on an older version. Close the other tabs (or reload them) so this one can finish updating.',
  deleted: "The browser cleared this app's storage. What is on screen is being saved again.",
};

/** Trouble reported by the database connection: an upgrade elsewhere, a blocked upgrade, a wipe. */
export function StorageTroubleBanner() {
  const { store, workspace } = useServices();
  const [trouble, setTrouble] = useState<StorageTrouble | null>(null);
  useEffect(() => workspace.onStorageTrouble(setTrouble), [workspace]);
  if (!trouble) return null;
  return (
    <div className={trouble === 'deleted' ? 'banner banner--warning' : 'banner banner--error'} role="alert">
      <span>{TROUBLE_TEXT[trouble]}</span>
      {trouble === 'upgraded-elsewhere' && (
        <button type="button" className="button button--primary" onClick={() => location.reload()}>
          Reload
        </button>
      )}
      <button
        type="button"
        className="button"
        onClick={() => {
          const doc = store.getState().doc;
          if (doc) downloadMapJson(doc);
        }}
      >
        Download a copy (JSON)
      </button>
      {trouble !== 'upgraded-elsewhere' && (
        <button type="button" className="button" onClick={() => setTrouble(null)}>
          Dismiss
        </button>
      )}
    </div>
  );
}
