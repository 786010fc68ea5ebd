import './StartNotice.css';

/** A message above the start screen, e.g. why the app started on the list of maps. */
export function StartNotice({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div className="start-notice" role="alert">
      <p className="start-notice__text">{message}</p>
      <button type="button" className="button start-notice__close" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
