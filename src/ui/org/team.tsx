/**
 * Collapsing a manager's team and "Show levels": the controls the context menu, Details and the
 * view bar share. What is collapsed is view state in the store (slices/view.ts).
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { countOf } from '../../domain/numbers';
import { cachedOrgTree, depthOf, orgTreeIfKnown, orgTreeInSlices, teamSize, type OrgTree } from '../../domain/org-tree';
import { nextTask } from '../../domain/next-task';
import { entryCount } from '../../domain/records';
import type { Id, MapDocument } from '../../domain/types';
import { useEditor, useServices } from '../../state/context';
import { useDrawn } from '../../state/drawn';

/** From this many ties the org tree is worked out in slices (useDeferredOrgTree). */
const SLICED_TREE_FROM_TIES = 20_000;

/** At most this many "Show levels" choices; deeper charts are opened team by team. */
const MAX_LEVEL_CHOICES = 12;

/** The org tree, worked out only when someone asks about a person (`id`): a menu mounted closed asks nothing. */
function useOrgTree(id: Id | undefined) {
  const doc = useEditor((s) => s.doc);
  return useMemo(() => (doc && id ? cachedOrgTree(doc) : null), [doc, id]);
}

/**
 * The org tree, worked out in slices between tasks once the map is drawn: the view bar's "Show
 * levels" needs it on every map with reporting lines, and at 50,000 people working it out in one
 * go (0.1-0.7 s) was a long task of every opened or imported company, first inside the render
 * that draws it, then right after. Until it is ready the control shows the tree it had (none
 * while a map opens).
 */
function useDeferredOrgTree() {
  const doc = useEditor((s) => s.doc);
  // A map with fewer ties: a render after the map's is soon enough (a few milliseconds).
  const deferred = useDeferredValue(doc, null);
  const small = !!doc && entryCount(doc.ties) < SLICED_TREE_FROM_TIES;
  const soon = useMemo(() => (small && deferred ? cachedOrgTree(deferred) : null), [small, deferred]);
  const drawn = useDrawn();
  const known = doc ? orgTreeIfKnown(doc) : null;
  const [worked, setWorked] = useState<{ doc: MapDocument; tree: OrgTree } | null>(null);
  useEffect(() => {
    if (!doc || small || !drawn || orgTreeIfKnown(doc)) return;
    let stopped = false;
    void orgTreeInSlices(doc, nextTask, () => stopped).then((tree) => {
      if (tree && !stopped) setWorked({ doc, tree });
    });
    return () => {
      stopped = true;
    };
  }, [doc, small, drawn]);
  if (small) return soon;
  // Another map's tree never stands in for this one's.
  return known ?? (worked && doc && worked.doc.map.id === doc.map.id ? worked.tree : null);
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
