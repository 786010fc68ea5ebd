/**
 * What React Flow's change lists mean for the editor, as one pure reducer used by both canvases
 * (MapCanvas: the network and focus views; AltViewCanvas: the grid and ego views). React Flow runs
 * controlled: it reports selections and drags as changes, and the store decides what they do.
 *
 * - `select` changes add to or take from the current selection (null: the selection is untouched).
 * - `position` changes are split into cards still `moving` (a drag under way) and cards `dropped`
 *   (the drag ended: one undo step for all of them). Views where cards do not move pass
 *   `movable: false`, and then position changes are ignored.
 * Everything else (dimensions, React Flow's own removals) changes nothing here.
 */
import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { Position } from '../domain/operations';
import { emptyRecord } from '../domain/records';
import type { Id } from '../domain/types';

export interface NodeChangeOutcome {
  /** The new selection of people, or null when these changes select nothing. */
  selection: Set<Id> | null;
  /** Cards being dragged, where they are now. */
  moving: Record<Id, Position>;
  /** Cards let go, where they were put. */
  dropped: Record<Id, Position>;
}

type SelectChange = { type: 'select'; id: string; selected: boolean };

function applySelect(selected: ReadonlySet<Id>, changes: readonly { type: string }[]): Set<Id> | null {
  let selection: Set<Id> | null = null;
  for (const change of changes) {
    if (change.type !== 'select') continue;
    const c = change as SelectChange;
    selection ??= new Set(selected);
    if (c.selected) selection.add(c.id);
    else selection.delete(c.id);
  }
  return selection;
}

export function reduceNodeChanges(selected: ReadonlySet<Id>, changes: readonly NodeChange[], options: { movable?: boolean } = {}): NodeChangeOutcome {
  const movable = options.movable ?? true;
  const moving: Record<Id, Position> = emptyRecord();
  const dropped: Record<Id, Position> = emptyRecord();
  if (movable) {
    for (const change of changes) {
      if (change.type !== 'position' || !change.position) continue;
      (change.dragging ? moving : dropped)[change.id] = { x: change.position.x, y: change.position.y };
    }
  }
  return { selection: applySelect(selected, changes), moving, dropped };
}

/** The new selection of ties, or null when these changes select nothing. */
export function reduceEdgeChanges(selected: ReadonlySet<Id>, changes: readonly EdgeChange[]): Set<Id> | null {
  return applySelect(selected, changes);
}

/** True when a record of positions has any entry. */
export function hasPositions(positions: Record<Id, Position>): boolean {
  for (const key in positions) if (Object.hasOwn(positions, key)) return true;
  return false;
}
