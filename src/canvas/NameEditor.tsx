import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { updateStakeholder } from '../domain/operations';
import type { Id } from '../domain/types';
import { useServices } from '../state/context';
import './name-editor.css';

/**
 * A person's name edited where it is shown, on their card (as in a diagram tool). It opens with
 * the name selected, so typing replaces it; Enter (or clicking away) keeps it, Escape cancels.
 * One naming is one undo step. Focus goes back to the card, so the keyboard work carries on there.
 */
export function NameEditor({ id, name }: { id: Id; name: string }) {
  const { store } = useServices();
  const [draft, setDraft] = useState(name);
  const input = useRef<HTMLInputElement>(null);
  const finished = useRef(false);

  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    // Someone quicker than this render has already gone on to type in another field: that field
    // keeps the keyboard, and the card shows its name again.
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== el && (active.isContentEditable || active.matches('textarea, select, input:not([type=checkbox], [type=radio], [type=button], [type=submit])'))) {
      finished.current = true;
      store.getState().setRenaming(null);
      return;
    }
    // preventScroll: the canvas is a transformed, overflow-hidden box; scrolling it would shift the map.
    el.focus({ preventScroll: true });
    el.select();
  }, [store]);

  const finish = (keep: boolean) => {
    if (finished.current) return;
    finished.current = true;
    const card = input.current?.closest<HTMLElement>('.react-flow__node');
    // Focus moves before the input goes away, or it would fall to the page.
    if (card && document.activeElement === input.current) card.focus({ preventScroll: true });
    const value = draft.trim();
    // An emptied name is taken as "never mind", not as a person with no name.
    if (keep && value && value !== name) store.getState().edit((doc) => updateStakeholder(doc, id, { name: value }));
    store.getState().setRenaming(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // The card and the canvas must not act on keys typed into the name (arrows move cards).
    e.stopPropagation();
    if (e.key === 'Enter') {
      e.preventDefault();
      finish(true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      finish(false);
    }
  };

  return (
    <input
      ref={input}
      className="person__name-input nodrag nopan nowheel"
      aria-label="Name on the card"
      value={draft}
      autoComplete="off"
      spellCheck={false}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => finish(true)}
      onDoubleClick={(e) => e.stopPropagation()}
    />
  );
}
