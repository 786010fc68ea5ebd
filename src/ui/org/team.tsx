/**
 * Collapsing a manager's team and "Show levels": the controls the context menu, Details and the
 * view bar share. What is collapsed is view state in the store (slices/view.ts).
 */
import { useDeferredValue, useMemo } from 'react';
import { countOf } from '../../domain/numbers';
import { cachedOrgTree, depthOf, teamSize } from '../../domain/org-tree';
import type { Id } from '../../domain/types';
import { useEditor, useServices } from '../../state/context';

/** At most this many "Show levels" choices; deeper charts are opened team by team. */
const MAX_LEVEL_CHOICES = 12;

/** The org tree, worked out only when someone asks about a person (`id`): a menu mounted closed asks nothing. */
function useOrgTree(id: Id | undefined) {
  const doc = useEditor((s) => s.doc);
  return useMemo(() => (doc && id ? cachedOrgTree(doc) : null), [doc, id]);
}

/**
 * The org tree a render after the map's: the view bar's "Show levels" needs it on every map with
 * reporting lines, and at 50,000 people working it out (0.25-0.7 s) was part of the one task
 * that first draws an opened or imported map. Until then the control shows the tree it had.
 */
function useDeferredOrgTree() {
  // Starting from null: a control mounted with the map (an open) also waits a render.
  const doc = useDeferredValue(useEditor((s) => s.doc), null);
  return useMemo(() => (doc ? cachedOrgTree(doc) : null), [doc]);
}

/** A person's team size and whether it is collapsed; the label and action of the toggle. */
export function useTeamToggle(id: Id | undefined): { label: string; toggle: () => void } | null {
  const { store } = useServices();
  const tree = useOrgTree(id);
  const collapsed = useEditor((s) => (id ? s.collapsed.has(id) : false));
  const size = useMemo(() => (tree && id ? teamSize(tree, id) : 0), [tree, id]);
  if (!id || (size === 0 && !collapsed)) return null;
  return collapsed
    ? { label: 'Expand team', toggle: () => store.getState().expandTeam(id) }
    : { label: `Collapse team (${countOf(size, 'person', 'people')})`, toggle: () => store.getState().collapseTeam(id) };
}

/** The Details panel's button for a manager's team. */
export function TeamToggleButton({ id }: { id: Id }) {
  const team = useTeamToggle(id);
  if (!team) return null;
  return (
    <button type="button" className="button button--small inspector__team" onClick={team.toggle}>
      {team.label}
    </button>
  );
}

/** "Show levels: All / 1 / 2 / …" over the canvas, on maps with reporting lines. */
export function ShowLevelsControl() {
  const { store } = useServices();
  const tree = useDeferredOrgTree();
  const showLevels = useEditor((s) => s.showLevels);
  const custom = useEditor((s) => s.showLevels === null && s.collapsed.size > 0);
  const depth = useMemo(() => (tree && tree.reports.size ? depthOf(tree) : 0), [tree]);
  if (depth < 2) return null;
  const choices = Array.from({ length: Math.min(depth - 1, MAX_LEVEL_CHOICES) }, (_, i) => i + 1);
  const value = showLevels !== null ? String(showLevels) : custom ? 'custom' : 'all';
  return (
    <label className="viewbar__levels">
      <span>Show levels</span>
      <select
        className="input"
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          if (v === 'custom') return;
          store.getState().setShowLevels(v === 'all' ? null : Number(v));
        }}
      >
        <option value="all">All</option>
        {choices.map((n) => (
          <option key={n} value={String(n)}>
            {n}
          </option>
        ))}
        {custom && (
          <option value="custom" disabled>
            Custom
          </option>
        )}
      </select>
    </label>
  );
}
