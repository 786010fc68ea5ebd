/** Messages between the layout client and the layout worker. */
import type { LayoutInput, Positions } from './types';

export type LayoutKind = 'org-chart' | 'network';
export type LayoutEngine = 'elk' | 'tree' | 'compact' | 'forceatlas2';

export interface LayoutRequest {
  id: number;
  /** 'warm-up' loads elkjs ahead of time and answers nothing. */
  kind: LayoutKind | 'warm-up';
  input: LayoutInput;
  /** Network: stop iterating after this long (ms). */
  budgetMs?: number;
}

export type LayoutReply =
  | { id: number; type: 'progress'; fraction: number }
  | { id: number; type: 'done'; positions: Positions; engine: LayoutEngine }
  | { id: number; type: 'error'; error: string };
