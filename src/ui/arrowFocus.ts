/**
 * Arrow-key movement through a list of controls: the context menu, the header menus and the long
 * checkbox lists of the import dialogs use the one rule.
 */
import { useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

/** Moves focus for ArrowDown/ArrowUp (wrapping) and Home/End; true when the key was one of them. */
export function moveFocusByArrow(e: KeyboardEvent, items: readonly HTMLElement[]): boolean {
  if (items.length === 0) return false;
  const at = items.indexOf(document.activeElement as HTMLElement);
  let next: number;
  if (e.key === 'ArrowDown') next = (at + 1) % items.length;
  else if (e.key === 'ArrowUp') next = at <= 0 ? items.length - 1 : at - 1;
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = items.length - 1;
  else return false;
  e.preventDefault();
  items[next].focus();
  return true;
}

/**
 * One Tab stop for a long list (a roving tab index): Tab enters the list at the control last
 * used, the arrow keys move within it, and the next Tab leaves it, so a keyboard user reaches the
 * dialog's buttons without stepping through fifty checkboxes.
 */
export function useRovingFocus<T extends HTMLElement>(selector: string): { ref: RefObject<T | null>; onKeyDown: (e: KeyboardEvent) => void; onFocus: (e: React.FocusEvent) => void } {
  const ref = useRef<T | null>(null);
  const current = useRef<HTMLElement | null>(null);
  const items = () => [...(ref.current?.querySelectorAll<HTMLElement>(selector) ?? [])];
  // Every render: rows come and go ("Show 50 more"), and the tabbable one must still be in the list.
  const makeTabbable = (active: HTMLElement | null) => {
    const all = items();
    const one = active && all.includes(active) ? active : all[0];
    for (const el of all) el.tabIndex = el === one ? 0 : -1;
    return one;
  };
  useLayoutEffect(() => {
    makeTabbable(current.current);
  });
  return {
    ref,
    onKeyDown: (e) => {
      moveFocusByArrow(e, items());
    },
    onFocus: (e) => {
      if (!items().includes(e.target as HTMLElement)) return;
      current.current = makeTabbable(e.target as HTMLElement);
    },
  };
}
