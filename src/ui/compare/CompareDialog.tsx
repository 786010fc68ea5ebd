/**
 * Compare two versions of the map (a snapshot and now, or two snapshots): the later version is
 * drawn with what changed marked (people and ties added, removed as ghosts, strengthened,
 * weakened, changed), beside the changes in words and how the key brokers, advisors and hidden
 * influencers changed. A timeline slider steps through the history one version at a time.
 * Nothing here edits the map.
 */
import { Controls, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useId, useMemo, useState } from 'react';
import { createAnalysisClient, toAnalysisInput } from '../../analysis';
import { compareInsights, type InsightChange } from '../../analysis/compare';
import { comparisonScene, compareMaps, countChanges, type ChangeKind, type MapComparison } from '../../domain/compare';
import { displayName } from '../../domain/describe';
import type { Id, MapDocument } from '../../domain/types';
import { createEdgeMapper, createNodeMapper, type StakeholderFlowNode, type TieFlowEdge } from '../../canvas/flow-mapping';
import { TieMarkers } from '../../canvas/markers';
import { StakeholderNode } from '../../canvas/StakeholderNode';
import { TieEdge } from '../../canvas/TieEdge';
import { Dialog } from '../Dialog';
import './compare.css';
import { formatCount } from '../../domain/numbers';
import { FormError } from '../DialogActions';

/** One version of the map that can be compared: a snapshot, or the map as it is now. */
export interface MapVersion {
  id: string;
  label: string;
  load(): Promise<MapDocument>;
}

const nodeTypes = { stakeholder: StakeholderNode };
const edgeTypes = { tie: TieEdge };
const NOTHING: ReadonlySet<Id> = new Set();

const LEGEND: { kind: ChangeKind[]; label: string; className: string }[] = [
  { kind: ['person-added'], label: 'Added', className: 'change-key--added' },
  { kind: ['person-removed'], label: 'Removed', className: 'change-key--removed' },
  { kind: ['stance', 'department', 'level', 'title'], label: 'Changed', className: 'change-key--changed' },
  { kind: ['tie-added'], label: 'New tie', className: 'change-key--tie-added' },
  { kind: ['tie-removed'], label: 'Removed tie', className: 'change-key--tie-removed' },
  { kind: ['tie-strengthened'], label: 'Stronger', className: 'change-key--tie-strengthened' },
  { kind: ['tie-weakened'], label: 'Weaker', className: 'change-key--tie-weakened' },
];

type Loaded = { before: MapDocument; after: MapDocument; comparison: MapComparison };

export function CompareDialog({ versions, from: initialFrom, to: initialTo, onClose }: { versions: MapVersion[]; from: number; to: number; onClose: () => void }) {
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [insights, setInsights] = useState<InsightChange[] | null>(null);
  const cache = useMemo(() => new Map<string, Promise<MapDocument>>(), []);
  const timelineId = useId();

  useEffect(() => {
    let live = true;
    const load = (v: MapVersion) => {
      let doc = cache.get(v.id);
      if (!doc) cache.set(v.id, (doc = v.load()));
      return doc;
    };
    setError(null);
    Promise.all([load(versions[from]), load(versions[to])]).then(
      ([before, after]) => live && setLoaded({ before, after, comparison: compareMaps(before, after) }),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [versions, from, to, cache]);

  // How the analysis changed, computed in the analysis worker (both versions, one after the other).
  useEffect(() => {
    if (!loaded) return;
    setInsights(null);
    const client = createAnalysisClient({ debounceMs: 0 });
    let live = true;
    (async () => {
      const was = await client.run(toAnalysisInput(loaded.before));
      const now = await client.run(toAnalysisInput(loaded.after));
      const nameOf = (id: Id) => displayName(loaded.after.stakeholders[id] ?? loaded.before.stakeholders[id]);
      if (live) setInsights(compareInsights(was, now, { matched: loaded.comparison.matched, nameOf }));
    })().catch(() => live && setInsights([]));
    return () => {
      live = false;
      client.dispose();
    };
  }, [loaded]);

  const counts = loaded ? countChanges(loaded.comparison) : null;
  const summary = loaded ? summarise(loaded.comparison) : '';

  return (
    <Dialog title="Compare versions" onClose={onClose} className="dialog--compare">
      <div className="compare__pick">
        <label>
          From
          <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {versions.map((v, i) => (
              <option key={v.id} value={i} disabled={i === to}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          To
          <select value={to} onChange={(e) => setTo(Number(e.target.value))}>
            {versions.map((v, i) => (
              <option key={v.id} value={i} disabled={i === from}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        {versions.length > 2 && (
          <div className="compare__timeline">
            <label htmlFor={timelineId}>Timeline</label>
            <input
              id={timelineId}
              type="range"
              min={1}
              max={versions.length - 1}
              step={1}
              value={Math.max(1, to)}
              aria-valuetext={`${versions[Math.max(1, to)].label}, compared with the version before`}
              onChange={(e) => {
                const step = Number(e.target.value);
                setFrom(step - 1);
                setTo(step);
              }}
            />
            <span className="compare__step">
              Step {formatCount(Math.max(1, to))} of {formatCount(versions.length - 1)}
            </span>
          </div>
        )}
      </div>
      {error ? (
        <FormError>
          Could not open that version: {error}
        </FormError>
      ) : !loaded ? (
        <p className="panel__empty">Loading…</p>
      ) : (
        <div className="compare__body">
          <div className="compare__canvas" aria-label="Map with changes marked" role="region">
            <ReactFlowProvider>
              <CompareCanvas after={loaded.after} comparison={loaded.comparison} />
            </ReactFlowProvider>
            <ul className="compare__legend" aria-label="Legend">
              {LEGEND.map((entry) => (
                <li key={entry.label} className={`change-key ${entry.className}`}>
                  <span className="change-key__swatch" aria-hidden="true" />
                  {entry.label} <span className="change-key__count">{formatCount(entry.kind.reduce((n, k) => n + counts![k], 0))}</span>
                </li>
              ))}
            </ul>
          </div>
          <div className="compare__lists">
            <p className="compare__summary">{summary}</p>
            <h3>How the analysis changed</h3>
            {insights === null ? (
              <p className="panel__empty">Analysing both versions…</p>
            ) : insights.length === 0 ? (
              <p className="panel__empty">The key brokers, advisors of senior leaders and hidden influencers are the same.</p>
            ) : (
              <ul className="compare__list" aria-label="How the analysis changed">
                {insights.map((c, i) => (
                  <li key={i}>{c.text}</li>
                ))}
              </ul>
            )}
            <h3>Changes</h3>
            {loaded.comparison.changes.length === 0 ? (
              <p className="panel__empty">Nothing changed between these versions.</p>
            ) : (
              <ul className="compare__list" aria-label="Changes">
                {loaded.comparison.changes.map((c, i) => (
                  <li key={i} className={`compare__change compare__change--${c.kind}`}>
                    {c.text}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** "2 people added, 1 removed and 3 changed; 4 ties added and 1 stronger." Zero counts are left out. */
export function summarise(comparison: MapComparison): string {
  if (comparison.changes.length === 0) return 'No changes.';
  const c = countChanges(comparison);
  const changedPeople = [...comparison.people.values()].filter((s) => s === 'changed').length;
  const phrase = (parts: [number, string][], one: string, many: string) => {
    const shown = parts.filter(([count]) => count > 0);
    if (!shown.length) return '';
    const words = shown.map(([count, what], i) => `${formatCount(count)}${i === 0 ? ` ${count === 1 ? one : many}` : ''} ${what}`);
    return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  };
  const people = phrase([[c['person-added'], 'added'], [c['person-removed'], 'removed'], [changedPeople, 'changed']], 'person', 'people');
  const ties = phrase([[c['tie-added'], 'added'], [c['tie-removed'], 'removed'], [c['tie-strengthened'], 'stronger'], [c['tie-weakened'], 'weaker'], [c['tie-changed'], 'changed']], 'tie', 'ties');
  const text = [people, ties].filter(Boolean).join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function CompareCanvas({ after, comparison }: Pick<Loaded, "after" | "comparison">) {
  const scene = useMemo(() => comparisonScene(after, comparison), [after, comparison]);
  const nodes = useMemo(() => {
    const mapped = createNodeMapper()(scene.doc, NOTHING, null, {});
    return mapped.map((n): StakeholderFlowNode => {
      const status = scene.people.get(n.id);
      return { ...n, className: status ? `change change--${status}` : undefined, draggable: false, connectable: false };
    });
  }, [scene]);
  const edges = useMemo(() => {
    const mapped = createEdgeMapper()(scene.doc, NOTHING, {});
    return mapped.map((e): TieFlowEdge => {
      const status = scene.ties.get(e.id);
      return { ...e, className: status ? `change change--${status}` : undefined };
    });
  }, [scene]);
  const flow = useReactFlow();
  useEffect(() => {
    // A new pair of versions: show all of it.
    void flow.fitView({ padding: 0.15, maxZoom: 1 });
  }, [flow, scene]);
  return (
    <>
      <TieMarkers />
      <ReactFlow<StakeholderFlowNode, TieFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        minZoom={0.05}
        proOptions={{ hideAttribution: true }}
      >
        <Controls showInteractive={false} />
      </ReactFlow>
    </>
  );
}
