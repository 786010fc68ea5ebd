/**
 * What happens when the page may go away (closed, reloaded, navigated from, hidden): the last
 * edits are journaled synchronously and a save starts; the browser asks "Leave site?" only when
 * something on screen would really be lost (the journal could not be written).
 */
import type { Workspace } from './workspace';

export function attachPageLifecycle(workspace: Pick<Workspace, 'journal' | 'flush'>, target: Window = window): () => void {
  const goingAway = () => {
    workspace.journal.persist();
    void workspace.flush();
  };
  const onVisibility = () => {
    if (target.document.visibilityState === 'hidden') goingAway();
  };
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (workspace.journal.persist()) return;
    event.preventDefault();
    // Older browsers need returnValue set to show the prompt (read-only outside a real page).
    try {
      event.returnValue = '';
    } catch {
      // preventDefault() is enough there.
    }
  };
  target.addEventListener('pagehide', goingAway);
  target.addEventListener('beforeunload', onBeforeUnload);
  target.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    target.removeEventListener('pagehide', goingAway);
    target.removeEventListener('beforeunload', onBeforeUnload);
    target.document.removeEventListener('visibilitychange', onVisibility);
  };
}
