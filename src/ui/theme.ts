import { useEffect, useLayoutEffect, useState } from 'react';
import { PALETTE, cssVariables, type ColourMode } from '../io/palette';

export type ThemeChoice = 'light' | 'dark' | 'system';
const KEY = 'influence-map:theme';

function systemDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The chosen theme (kept in localStorage: it is a display preference, not map data). */
export function useTheme(): { choice: ThemeChoice; resolved: 'light' | 'dark'; setChoice: (c: ThemeChoice) => void } {
  const [choice, setChoice] = useState<ThemeChoice>(() => (localStorage.getItem(KEY) as ThemeChoice | null) ?? 'system');
  const [dark, setDark] = useState(systemDark);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const resolved = choice === 'system' ? (dark ? 'dark' : 'light') : choice;
  // Before paint and before the children's effects (the canvas layers read the mode then).
  useLayoutEffect(() => {
    applyPalette(document.documentElement, resolved);
    localStorage.setItem(KEY, choice);
  }, [choice, resolved]);
  return { choice, resolved, setChoice };
}

/**
 * Puts the theme's colours on the page as CSS custom properties (io/palette.ts is their only
 * source; the stylesheet refers to them by name). Inline properties on <html>, which the CSP
 * allows (a <style> element would not be).
 */
export function applyPalette(root: HTMLElement, mode: ColourMode): void {
  root.dataset.theme = mode;
  for (const [name, value] of Object.entries(cssVariables(PALETTE[mode]))) root.style.setProperty(name, value);
}
