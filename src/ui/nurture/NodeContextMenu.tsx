import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { displayName } from '../../domain/describe';
import { useEditor, useServices } from '../../state/context';
import { whatIfStore } from '../../state/what-if';
import { LogCatchUpDialog } from './LogCatchUpDialog';
import { useTeamToggle } from '../org/team';
import { moveFocusByArrow } from '../arrowFocus';

/** The right-click menu of a card: log a catch-up, focus, mark as me, delete. */
export function NodeContextMenu() {
  const { store } = useServices();
  // Which card's menu is open lives in the store (the canvas opens it on right-click).
  const menu = useEditor((s) => s.contextMenu);
  const [logFor, setLogFor] = useState<string | null>(null);
  // Where the menu was put on screen, for the request it was measured for.
  const [placed, setPos] = useState<{ left: number; top: number; for: typeof menu } | null>(null);
  const pos = placed && placed.for === menu ? placed : null;
  const ref = useRef<HTMLDivElement>(null);
  const person = useEditor((s) => (menu ? s.doc?.stakeholders[menu.id] : undefined));
  const isMe = useEditor((s) => (menu ? s.doc?.map.meId === menu.id : false));
  const readOnly = useEditor((s) => s.readOnly);
  const team = useTeamToggle(menu?.id);

  // Keep the menu on screen, then focus its first item.
  useLayoutEffect(() => {
    if (!menu || !ref.current) return;
    const rect = ref.current.getBoundingClientRect();
    const left = Math.max(4, Math.min(menu.x, window.innerWidth - rect.width - 4));
    const top = Math.max(4, Math.min(menu.y, window.innerHeight - rect.height - 4));
    setPos({ left, top, for: menu });
    ref.current.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [menu]);

  useEffect(() => {
    if (!menu) return;
    const close = (e: Event) => {
      if (ref.current && e.target instanceof Node && ref.current.contains(e.target)) return;
      store.getState().closeContextMenu();
    };
    const onBlur = () => store.getState().closeContextMenu();
    window.addEventListener('pointerdown', close, true);
    window.addEventListener('wheel', close, true);
    window.addEventListener('blur', onBlur);
    window.addEventListener('resize', onBlur);
    return () => {
      window.removeEventListener('pointerdown', close, true);
      window.removeEventListener('wheel', close, true);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('resize', onBlur);
    };
  }, [menu, store]);

  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      store.getState().closeContextMenu();
    } else moveFocusByArrow(e, items);
  };

  const id = menu?.id;
  const act = (fn: () => void) => () => {
    store.getState().closeContextMenu();
    fn();
  };

  return (
    <>
      {menu && person && id && (
        <div
          ref={ref}
          className="context-menu"
          role="menu"
          aria-label={`Actions for ${displayName(person)}`}
          style={{ left: pos?.left ?? menu.x, top: pos?.top ?? menu.y, visibility: pos ? 'visible' : 'hidden' }}
          onKeyDown={onKeyDown}
          onContextMenu={(e) => e.preventDefault()}
        >
          <div className="context-menu__title" aria-hidden="true">
            {displayName(person)}
          </div>
          {!isMe && !readOnly && (
            <button type="button" role="menuitem" className="menu__item" onClick={act(() => setLogFor(id))}>
              Log a catch-up
            </button>
          )}
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            onClick={act(() => {
              const state = store.getState();
              state.select([id]);
              state.setView('focus');
              state.setFocus({ id });
            })}
          >
            Focus on this person
          </button>
          {team && (
            <button type="button" role="menuitem" className="menu__item" onClick={act(team.toggle)}>
              {team.label}
            </button>
          )}
          <button type="button" role="menuitem" className="menu__item" onClick={act(() => whatIfStore.getState().start(id))}>
            What if {displayName(person)} leaves…
          </button>
          {!readOnly && (
            <button type="button" role="menuitem" className="menu__item" onClick={act(() => store.getState().setMe(isMe ? null : id))}>
              {isMe ? 'Unmark as me' : 'Mark as me'}
            </button>
          )}
          {!readOnly && <div className="context-menu__sep" role="separator" />}
          {!readOnly && <button
            type="button"
            role="menuitem"
            className="menu__item menu__item--danger"
            onClick={act(() => {
              const state = store.getState();
              state.select([id]);
              state.deleteSelection();
            })}
          >
            Delete
          </button>}
        </div>
      )}
      {logFor && <LogCatchUpDialog personId={logFor} onClose={() => setLogFor(null)} />}
    </>
  );
}
