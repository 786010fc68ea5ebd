/** Pure helpers for animating cards to new places: easing and interpolated frames. */
import type { Positions } from './types';
import { emptyRecord } from '../domain/records';

export const ANIMATION_MS = 300;
/** Above this many moving cards the change is applied at once (a frame would cost too much). */
export const MAX_ANIMATED = 1500;

export function easeInOutCubic(t: number): number {
  const c = Math.min(1, Math.max(0, t));
  return c < 0.5 ? 4 * c * c * c : 1 - (-2 * c + 2) ** 3 / 2;
}

/** Only the cards that actually move (others are left out of every frame). */
export function movingOnly(from: Positions, to: Positions): Positions {
  const out: Positions = emptyRecord();
  for (const [id, p] of Object.entries(to)) {
    const a = from[id];
    if (a && (Math.abs(a.x - p.x) > 0.5 || Math.abs(a.y - p.y) > 0.5)) out[id] = p;
  }
  return out;
}

/** Positions at time fraction `t` (0..1, eased) between `from` and `to`. */
export function frameAt(from: Positions, to: Positions, t: number): Positions {
  const e = easeInOutCubic(t);
  const out: Positions = emptyRecord();
  for (const [id, b] of Object.entries(to)) {
    const a = from[id] ?? b;
    out[id] = { x: a.x + (b.x - a.x) * e, y: a.y + (b.y - a.y) * e };
  }
  return out;
}
