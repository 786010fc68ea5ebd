/**
 * The map's colours in one place, for the SVG/PNG export and for the canvas to reuse, so an
 * exported image looks like the screen. Hex strings only (they work in SVG, CSS and canvas).
 */
import { departmentHue } from '../domain/describe';
import type { Stance, TieKind } from '../domain/types';

export interface Theme {
  /** Page behind the map. */
  background: string;
  card: string;
  cardBorder: string;
  text: string;
  mutedText: string;
  badge: string;
  badgeText: string;
  stance: Record<Stance, string>;
  tie: Record<TieKind, string>;
}

export const PALETTE: { light: Theme; dark: Theme } = {
  light: {
    background: '#ffffff',
    card: '#ffffff',
    cardBorder: '#cbd5e1',
    text: '#0f172a',
    mutedText: '#475569',
    badge: '#f1f5f9',
    badgeText: '#334155',
    stance: { champion: '#15803d', supporter: '#4d7c0f', neutral: '#64748b', sceptic: '#b45309', blocker: '#b91c1c', unknown: '#a1a1aa' },
    tie: { influence: '#2563eb', trust: '#0d9488', 'reports-to': '#94a3b8', tension: '#dc2626' },
  },
  dark: {
    background: '#0f172a',
    card: '#1e293b',
    cardBorder: '#334155',
    text: '#f1f5f9',
    mutedText: '#94a3b8',
    badge: '#334155',
    badgeText: '#e2e8f0',
    stance: { champion: '#4ade80', supporter: '#a3e635', neutral: '#94a3b8', sceptic: '#fbbf24', blocker: '#f87171', unknown: '#71717a' },
    tie: { influence: '#60a5fa', trust: '#2dd4bf', 'reports-to': '#64748b', tension: '#f87171' },
  },
};

/** The department band colour (stable per department name), as a hex string. */
export function departmentColour(department: string, dark = false): string {
  if (!department.trim()) return dark ? '#475569' : '#e2e8f0';
  return hslToHex(departmentHue(department), dark ? 0.55 : 0.65, dark ? 0.45 : 0.55);
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}
