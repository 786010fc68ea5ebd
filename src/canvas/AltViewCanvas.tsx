/**
 * The power/interest grid and "Me at the centre": the same people and cards as the network, laid
 * out by the pure layouts in domain/views.ts. Layout positions are view-only: they never touch the
 * stored network x/y. In the grid, dropping a card in another cell changes Influence and Interest
 * (one undo step); in the ego view cards do not move.
 */
import { Background, BackgroundVariant, Controls, ReactFlow, ViewportPortal, useReactFlow, useStore, type EdgeChange, type NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { NODE_HEIGHT, nodeWidth } from '../domain/defaults';
import { displayName } from '../domain/describe';
import type { Position } from '../domain/operations';
import { updateStakeholder } from '../domain/operations';
import type { Id, MapDocument } from '../domain/types';
import { egoRings, gridLayout, gridQuadrants, GRID_CELLS, scoresAt, type Box, type EgoLayout, type Point } from '../domain/views';
import { useEditor, useServices } from '../state/context';
import { useIntroductionPaths } from '../state/hooks';
import { createEdgeMapper, createNodeMapper, type StakeholderFlowNode, type TieFlowEdge } from './flow-mapping';
import { NODE_CONTEXT_MENU_EVENT, type NodeContextMenuDetail } from './MapCanvas';
import { LodContext } from './lod/context';
import { LodLayer } from './lod/LodLayer';
import { isLodZoom } from './lod/scene';
import { TieMarkers } from './markers';
import { computeOverlay } from './overlay';
import { StakeholderNode } from './StakeholderNode';
import { TieEdge } from './TieEdge';
import './canvas.css';
import { copyRecord, emptyRecord } from '../domain/records';

const nodeTypes = { stakeholder: StakeholderNode };
const edgeTypes = { tie: TieEdge };
const NO_EDGES: TieFlowEdge[] = [];
/** Asks the visible view to centre a person (search uses it in the grid and ego views). */
export const REVEAL_PERSON_EVENT = 'influence-map:reveal-person';

export type AltView = 'grid' | 'ego';

/** A grid big enough that the busiest cell holds its people side by side without overlap. */
export function gridBox(doc: Pick<MapDocument, 'stakeholders'>): Box {
  const counts = new Map<string, number>();
  let max = 1;
  for (const s of Object.values(doc.stakeholders)) {
    const key = `${Math.round(s.influence)}:${Math.round(s.interest)}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    max = Math.max(max, n);
  }
  const cols = Math.ceil(Math.sqrt(max));
  const rows = Math.ceil(max / cols);
  const cellW = Math.max(280, cols * 250);
  const cellH = Math.max(150, rows * 100);
  return { x: 0, y: 0, width: cellW * GRID_CELLS, height: cellH * GRID_CELLS };
}

export function AltViewCanvas({ mode, colorMode }: { mode: AltView; colorMode: 'light' | 'dark' }) {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc)!;
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedTies = useEditor((s) => s.selectedTies);
  const analysis = useEditor((s) => s.analysis);
  const lens = useEditor((s) => s.lens);
  const sizeBy = useEditor((s) => s.sizeBy);
  const colourBy = useEditor((s) => s.colourBy);
  const filters = useEditor((s) => s.filters);
  const introductions = useIntroductionPaths();
  const flow = useReactFlow();
  const lod = useStore(isLodZoom);
  const [drag, setDrag] = useState<Record<Id, Position> | null>(null);

  const { overlay } = useMemo(
    () => computeOverlay({ doc, analysis, lens, sizeBy, colourBy, paths: introductions?.paths ?? null, filters, focus: null }),
    [doc, analysis, lens, sizeBy, colourBy, introductions, filters],
  );

  // Layouts depend on scores (grid) or ties (ego), never on the network positions.
  const people = doc.stakeholders;
  const ties = doc.ties;
  const meId = doc.map.meId;
  const box = useMemo(() => gridBox({ stakeholders: people }), [people]);
  const ego: EgoLayout | null = useMemo(() => (mode === 'ego' && meId ? egoRings({ map: doc.map, stakeholders: people, ties }, meId) : null), [mode, meId, people, ties, doc.map]);
  const centres: Record<Id, Point> = useMemo(() => (mode === 'grid' ? gridLayout({ stakeholders: people }, box) : (ego?.positions ?? {})), [mode, people, box, ego]);

  const widthOf = useCallback((id: Id) => nodeWidth(overlay.sizes?.get(id) ?? people[id]?.influence ?? 3), [overlay, people]);
  const corners = useMemo(() => {
    const out: Record<Id, Position> = emptyRecord();
    for (const [id, c] of Object.entries(centres)) out[id] = { x: Math.round(c.x - widthOf(id) / 2), y: Math.round(c.y - NODE_HEIGHT / 2) };
    return out;
  }, [centres, widthOf]);

  const mapNodes = useMemo(createNodeMapper, []);
  const mapEdges = useMemo(createEdgeMapper, []);
  const positions = useMemo(() => (drag ? Object.assign(copyRecord(corners), drag) : corners), [corners, drag]);
  const nodes = useMemo(() => {
    const all = mapNodes(doc, selectedNodes, positions, overlay);
    // Without a Me there are no rings: show nobody rather than a pile at the origin.
    return mode === 'ego' && !ego ? [] : all;
  }, [mapNodes, doc, selectedNodes, positions, overlay, mode, ego]);
  const edges = useMemo(() => (mode === 'ego' && ego ? mapEdges(doc, selectedTies, overlay) : NO_EDGES), [mode, ego, mapEdges, doc, selectedTies, overlay]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StakeholderFlowNode>[]) => {
      const state = store.getState();
      const moving: Record<Id, Position> = emptyRecord();
      const dropped: Record<Id, Position> = emptyRecord();
      let selection: Set<Id> | null = null;
      for (const change of changes) {
        if (change.type === 'position' && change.position && mode === 'grid') {
          (change.dragging ? moving : dropped)[change.id] = change.position;
        } else if (change.type === 'select') {
          selection ??= new Set(state.selectedNodes);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
      }
      if (selection) state.select(selection, state.selectedTies);
      if (Object.keys(moving).length) setDrag((d) => Object.assign(copyRecord(d ?? {}), moving));
      if (Object.keys(dropped).length) {
        // Every card dropped in this gesture changes its scores in one undoable edit.
        state.edit((d) => {
          let next = d;
          for (const [id, p] of Object.entries(dropped)) {
            const person = next.stakeholders[id];
            if (!person) continue;
            const scores = scoresAt({ x: p.x + widthOf(id) / 2, y: p.y + NODE_HEIGHT / 2 }, box);
            if (scores.influence !== person.influence || scores.interest !== person.interest) next = updateStakeholder(next, id, scores);
          }
          return next;
        });
        setDrag(null);
      }
    },
    [store, mode, box, widthOf],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<TieFlowEdge>[]) => {
      const state = store.getState();
      let selection: Set<Id> | null = null;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selection ??= new Set(state.selectedTies);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
      if (selection) state.select(state.selectedNodes, selection);
    },
    [store],
  );

  // Fit the whole grid (with its labels) or all the rings when the view opens.
  const bounds = useMemo(() => {
    if (mode === 'grid') return { x: box.x - 110, y: box.y - 40, width: box.width + 150, height: box.height + 150 };
    const r = (ego?.rings.at(-1)?.radius ?? 200) + 140;
    return { x: -r, y: -r, width: 2 * r, height: 2 * r };
  }, [mode, box, ego]);
  const [fitted, setFitted] = useState(false);
  useEffect(() => {
    if (fitted) return;
    const frame = requestAnimationFrame(() => {
      void flow.fitBounds(bounds, { padding: 0.04 });
      setFitted(true);
    });
    return () => cancelAnimationFrame(frame);
  }, [flow, bounds, fitted]);

  const onNodeContextMenu = useCallback((event: MouseEvent, node: StakeholderFlowNode) => {
    event.preventDefault();
    window.dispatchEvent(new CustomEvent<NodeContextMenuDetail>(NODE_CONTEXT_MENU_EVENT, { detail: { id: node.id, x: event.clientX, y: event.clientY } }));
  }, []);

  useEffect(() => {
    const onReveal = (e: Event) => {
      const id = (e as CustomEvent<{ id: Id }>).detail?.id;
      const c = id ? centres[id] : undefined;
      if (c) void flow.setCenter(c.x, c.y, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
    };
    window.addEventListener(REVEAL_PERSON_EVENT, onReveal);
    return () => window.removeEventListener(REVEAL_PERSON_EVENT, onReveal);
  }, [centres, flow]);

  const label = mode === 'grid' ? 'Power and interest grid' : 'Me at the centre';
  return (
    <div className={`canvas alt-view alt-view--${mode}${lod ? ' canvas--lod' : ''}`} data-testid="canvas" data-view={mode}>
      <TieMarkers />
      <LodContext.Provider value={lod}>
      <ReactFlow<StakeholderFlowNode, TieFlowEdge>
        nodes={nodes}
        edges={lod ? NO_EDGES : edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeContextMenu={onNodeContextMenu}
        nodesDraggable={mode === 'grid'}
        nodesConnectable={false}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        zoomOnDoubleClick={false}
        minZoom={0.05}
        maxZoom={2.5}
        colorMode={colorMode}
        proOptions={{ hideAttribution: true }}
        aria-label={label}
      >
        <LodLayer nodes={nodes} edges={edges} active={lod} colorMode={colorMode} moving={drag} />
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <ViewportPortal>{mode === 'grid' ? <GridBackdrop box={box} /> : ego ? <EgoBackdrop layout={ego} /> : null}</ViewportPortal>
        <Controls position="bottom-left" aria-label="Zoom controls" showInteractive={false} />
      </ReactFlow>
      </LodContext.Provider>
      {mode === 'ego' && !ego && (
        <div className="canvas__hint" role="note">
          <strong>Who is Me?</strong>
          <span>Mark yourself as Me (select your card and tick “This is me”, or right-click it) to see your network in rings around you.</span>
        </div>
      )}
      {mode === 'grid' && <p className="alt-view__hint">Drag a person to another cell to change their influence and interest.</p>}
      {mode === 'ego' && ego && <p className="alt-view__hint">Rings by steps from {displayName(people[ego.meId!])}; stronger ties sit closer in.</p>}
    </div>
  );
}

function GridBackdrop({ box }: { box: Box }) {
  const quadrants = gridQuadrants(box);
  const cellW = box.width / GRID_CELLS;
  const cellH = box.height / GRID_CELLS;
  const lines = [];
  for (let i = 1; i < GRID_CELLS; i++) {
    lines.push(<line key={`v${i}`} x1={box.x + i * cellW} y1={box.y} x2={box.x + i * cellW} y2={box.y + box.height} className="grid-bg__cell" />);
    lines.push(<line key={`h${i}`} x1={box.x} y1={box.y + i * cellH} x2={box.x + box.width} y2={box.y + i * cellH} className="grid-bg__cell" />);
  }
  const pad = 90 * Math.max(1, box.width / 1500);
  // Text scales with the grid so it stays readable when the whole grid is in view.
  const u = Math.max(1, box.width / 1500);
  const fs = (n: number) => ({ fontSize: n * u });
  return (
    <svg
      className="alt-bg grid-bg"
      aria-hidden="true"
      style={{ left: box.x - pad, top: box.y - pad }}
      width={box.width + pad * 2}
      height={box.height + pad * 2}
      viewBox={`${box.x - pad} ${box.y - pad} ${box.width + pad * 2} ${box.height + pad * 2}`}
    >
      {quadrants.map((q) => (
        <g key={q.id} className={`grid-bg__quadrant grid-bg__quadrant--${q.id}`}>
          <rect x={q.rect.x} y={q.rect.y} width={q.rect.width} height={q.rect.height} />
          <text x={q.rect.x + 20 * u} y={q.rect.y + 40 * u} className="grid-bg__label" style={fs(28)}>
            {q.label}
          </text>
          <text x={q.rect.x + 20 * u} y={q.rect.y + 64 * u} className="grid-bg__desc" style={fs(14)}>
            {q.description}
          </text>
        </g>
      ))}
      {lines}
      <rect x={box.x} y={box.y} width={box.width} height={box.height} className="grid-bg__frame" />
      {[1, 2, 3, 4, 5].map((n) => (
        <text key={`x${n}`} x={box.x + (n - 0.5) * cellW} y={box.y + box.height + 24 * u} className="grid-bg__tick" textAnchor="middle" style={fs(16)}>
          {n}
        </text>
      ))}
      {[1, 2, 3, 4, 5].map((n) => (
        <text key={`y${n}`} x={box.x - 18 * u} y={box.y + (GRID_CELLS - n + 0.5) * cellH} className="grid-bg__tick" textAnchor="middle" dominantBaseline="middle" style={fs(16)}>
          {n}
        </text>
      ))}
      <text x={box.x + box.width / 2} y={box.y + box.height + 52 * u} className="grid-bg__axis" textAnchor="middle" style={fs(18)}>
        Interest →
      </text>
      <text x={box.x - 44 * u} y={box.y + box.height / 2} className="grid-bg__axis" textAnchor="middle" style={fs(18)} transform={`rotate(-90 ${box.x - 44 * u} ${box.y + box.height / 2})`}>
        Influence →
      </text>
    </svg>
  );
}

function EgoBackdrop({ layout }: { layout: EgoLayout }) {
  const outer = layout.rings.length ? layout.rings[layout.rings.length - 1].radius + 160 : 200;
  const c = layout.meId ? { x: 0, y: 0 } : { x: 0, y: 0 };
  return (
    <svg className="alt-bg ego-bg" aria-hidden="true" style={{ left: c.x - outer, top: c.y - outer }} width={outer * 2} height={outer * 2} viewBox={`${c.x - outer} ${c.y - outer} ${outer * 2} ${outer * 2}`}>
      {layout.rings.map((r, i) => (
        <g key={i} className={r.distance === null ? 'ego-bg__ring ego-bg__ring--none' : 'ego-bg__ring'}>
          <circle cx={c.x} cy={c.y} r={r.radius} />
          <text x={c.x + r.radius * Math.SQRT1_2 + 12} y={c.y - r.radius * Math.SQRT1_2 - 12} className="ego-bg__label" style={{ fontSize: Math.max(16, outer / 40) }}>
            {r.distance === null ? 'No path to you' : r.distance === 1 ? '1 step' : `${r.distance} steps`}
          </text>
        </g>
      ))}
    </svg>
  );
}
