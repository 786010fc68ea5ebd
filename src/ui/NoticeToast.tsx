import { useEffect } from 'react';
import { useEditor, useServices } from '../state/context';

/** Short messages ("A person cannot have a tie to themselves."), dismissed after a few seconds. */
export function NoticeToast() {
  const notice = useEditor((s) => s.notice);
  const { store } = useServices();
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => store.getState().dismissNotice(), notice.tone === 'error' ? 6000 : 3500);
    return () => clearTimeout(timer);
  }, [notice, store]);
  return (
    <div className="toast-region" aria-live="polite">
      {notice && (
        <div className={`toast toast--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" className="button button--icon" aria-label="Dismiss message" onClick={() => store.getState().dismissNotice()}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
