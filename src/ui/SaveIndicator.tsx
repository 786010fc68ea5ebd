import { useEditor, useServices } from '../state/context';
import { downloadMapJson } from './download';

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
      <button type="button" className="button" onClick={() => void workspace.autosave?.flush()}>
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
          This map opened with {problems.length} {problems.length === 1 ? 'problem' : 'problems'}; everything else is intact.
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
