import type { MapSettings, Stance, Strength, TieKind } from './types';

export const DEFAULT_LEVELS = ['Executive', 'Senior leader', 'Manager', 'Individual contributor'];

export function defaultSettings(): MapSettings {
  return {
    levels: [...DEFAULT_LEVELS],
    leadershipLevel: 1,
    cadenceDays: [30, 30, 45, 60],
  };
}

export const STANCE_LABELS: Record<Stance, string> = {
  champion: 'Champion',
  supporter: 'Supporter',
  neutral: 'Neutral',
  sceptic: 'Sceptic',
  blocker: 'Blocker',
  unknown: 'Unknown',
};

export const TIE_KIND_LABELS: Record<TieKind, string> = {
  influence: 'Influence',
  trust: 'Trust',
  'reports-to': 'Reports to',
  tension: 'Tension',
};

export const STRENGTH_LABELS: Record<Strength, string> = { 1: 'weak', 2: 'moderate', 3: 'strong' };

/** Which direction a new tie of each kind gets, and whether the user may change it. */
export const TIE_DIRECTION_RULES: Record<TieKind, { defaultMutual: boolean; fixed: boolean }> = {
  influence: { defaultMutual: false, fixed: false },
  trust: { defaultMutual: true, fixed: false },
  'reports-to': { defaultMutual: false, fixed: true },
  tension: { defaultMutual: true, fixed: true },
};

export const NODE_BASE_WIDTH = 150;
/** Extra width per influence point above 1, so influence reads as size at a glance. */
export const NODE_WIDTH_STEP = 18;

export function nodeWidth(influence: number): number {
  return NODE_BASE_WIDTH + (Math.min(5, Math.max(1, influence)) - 1) * NODE_WIDTH_STEP;
}

/** Cards have a fixed height so React Flow never has to measure them (fast on large maps). */
export const NODE_HEIGHT = 76;
