import { useEffect, type RefObject } from 'react';

/**
 * When a map opens from a button that then leaves the page ("New map" or "Explore a sample
 * organisation" on the start screen), the keyboard focus would fall back to the page itself and a
 * keyboard user would start over from the top. The canvas takes it instead: N adds a person
 * there, and Tab goes on to the people on the map. `drawn`: the canvas is in the page (it waits for
 * its first measurement).
 */
export function useCatchLostFocus(canvas: RefObject<HTMLElement | null>, drawn: boolean) {
  useEffect(() => {
    if (!drawn) return;
    const active = document.activeElement;
    if (!active || active === document.body) canvas.current?.querySelector<HTMLElement>('.react-flow')?.focus({ preventScroll: true });
  }, [canvas, drawn]);
}
