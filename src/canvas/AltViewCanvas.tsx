/**
 * The power/interest grid and "Me at the centre": the same people and cards as the network, laid
 * out by the pure layouts in domain/views.ts. Layout positions are view-only: they never touch the
 * stored network x/y. In the grid, dropping a card in another cell changes Influence and Interest
 * (one undo step); in the ego view cards do not move.
 */
import { Background, BackgroundVariant, ConnectionMode, Controls, ReactFlow, ViewportPortal, getViewportForBounds, useReactFlow, useStore, useStoreApi, type NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { NODE_HEIGHT, nodeWidth } from '../domain/defaults';
import { displayName } from '../domain/describe';
import type { Position } from '../domain/operations';
import { updateStakeholder } from '../domain/operations';
import type { Id, MapDocument } from '../domain/types';
import { isShortOfTarget } from '../domain/stance-history';
import { countOf } from '../domain/numbers';
import { egoRings, GRID_CELLS, type Box, type EgoLayout, type Point } from '../domain/views';
import { boardBox, boardLayout, boardQuadrants, boardScoresAt, BOARD_OPTIONS, gridBoard, type Board } from '../domain/grid-board';
import { GridChip } from './GridChip';
import { PeerSelections } from './PeerSelections';
import { useEditor, useServices } from '../state/context';
import { createEdgeMapper, createNodeMapper, type StakeholderFlowNode, type TieFlowEdge } from './flow-mapping';
import { LodContext } from './lod/context';
import { LodLayer } from './lod/LodLayer';
import { showsLodMarks } from './lod/scene';
import { TieMarkers } from './markers';
import { useEdgeChanges, useMapOverlay } from './shared-hooks';
import { StakeholderNode } from './StakeholderNode';
import { TieEdge } from './TieEdge';
import { hasPositions, reduceNodeChanges } from './flow-changes';
import './canvas.css';
import { copyRecord, emptyRecord, hasEntry } from '../domain/records';

const nodeTypes = { stakeholder: StakeholderNode };
/** In the grid the same nodes are drawn as name chips. */
const gridNodeTypes = { stakeholder: GridChip };
const CHIP = { width: BOARD_OPTIONS.chipWidth, height: BOARD_OPTIONS.chipHeight };
/** Before React Flow has measured the canvas: a typical canvas's shape. */
const DEFAULT_ASPECT = 1.4;
/** Chip names are 13.5 px: below 0.6 they would be drawn smaller than 8 px. */
const GRID_MIN_ZOOM = 0.6;
const canvasAspect = (s: { width: number; height: number }) => (s.width > 0 && s.height > 0 ? Math.round((s.width / s.height) * 20) / 20 : DEFAULT_ASPECT);
const edgeTypes = { tie: TieEdge };
const NO_EDGES: TieFlowEdge[] = [];

export type AltView = 'grid' | 'ego';

export function AltViewCanvas({ mode, colorMode }: { mode: AltView; colorMode: 'light' | 'dark' }) {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc)!;
  const readOnly = useEditor((s) => s.readOnly);
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedTies = useEditor((s) => s.selectedTies);
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const lod = useStore(showsLodMarks);
  const [drag, setDrag] = useState<Record<Id, Position> | null>(null);

  const { overlay } = useMapOverlay(doc, { withFocus: false });

  // Layouts depend on scores (grid) or ties (ego), never on the network positions.
  const people = doc.stakeholders;
  const ties = doc.ties;
  const meId = doc.map.meId;
  // People in collapsed teams are left out as on the network canvas: the grid is laid out (and its
  // legend counts) without them; the rings keep routes through them but do not place them.
  const hidden = overlay.hidden;
  const drawnPeople = useMemo(() => withoutHidden(people, hidden), [people, hidden]);
  const meHidden = !!meId && !!hidden?.has(meId);
  // The grid takes the canvas's shape (rounded, so a resize by a few pixels does not re-lay it out).
  const aspect = useStore(canvasAspect);
  const board = useMemo(() => gridBoard({ stakeholders: drawnPeople }, aspect), [drawnPeople, aspect]);
  const box = useMemo(() => boardBox(board), [board]);
  const ego: EgoLayout | null = useMemo(
    () => (mode === 'ego' && meId && !meHidden ? egoRings({ map: doc.map, stakeholders: people, ties }, meId, { hidden: hidden ?? undefined }) : null),
    [mode, meId, meHidden, people, ties, doc.map, hidden],
  );
  const centres: Record<Id, Point> = useMemo(() => (mode === 'grid' ? boardLayout({ stakeholders: drawnPeople }, board) : (ego?.positions ?? {})), [mode, drawnPeople, board, ego]);

  const widthOf = useCallback((id: Id) => (mode === 'grid' ? CHIP.width : nodeWidth(overlay.sizes?.get(id) ?? people[id]?.influence ?? 3)), [mode, overlay, people]);
  const heightOf = mode === 'grid' ? CHIP.height : NODE_HEIGHT;
  const corners = useMemo(() => {
    const out: Record<Id, Position> = emptyRecord();
    for (const [id, c] of Object.entries(centres)) out[id] = { x: Math.round(c.x - widthOf(id) / 2), y: Math.round(c.y - heightOf / 2) };
    return out;
  }, [centres, widthOf, heightOf]);

  // Where the cards are, so the ring labels can be put where no card is.
  const cardBoxes = useMemo(() => Object.entries(corners).map(([id, c]) => ({ x: c.x, y: c.y, width: widthOf(id), height: heightOf })), [corners, widthOf, heightOf]);
  const mapNodes = useMemo(createNodeMapper, []);
  const mapEdges = useMemo(createEdgeMapper, []);
  const positions = useMemo(() => (drag ? Object.assign(copyRecord(corners), drag) : corners), [corners, drag]);
  const nodes = useMemo(() => {
    const all = mapNodes(doc, selectedNodes, positions, overlay);
    // Without a Me there are no rings: show nobody rather than a pile at the origin.
    if (mode === 'ego' && !ego) return [];
    // The grid draws name chips (gridNodeTypes), at the chip's size.
    return mode === 'grid' ? all.map((n) => ({ ...n, width: CHIP.width, height: CHIP.height, handles: undefined })) : all;
  }, [mapNodes, doc, selectedNodes, positions, overlay, mode, ego]);
  // Peers' selections on this view's own layout (only people this view shows).
  const peerBox = useCallback((id: Id) => (hasEntry(positions, id) && (mode === 'grid' || ego) ? { ...positions[id], width: widthOf(id), height: heightOf } : null), [positions, mode, ego, widthOf, heightOf]);
  const edges = useMemo(() => (mode === 'ego' && ego ? mapEdges(doc, selectedTies, overlay) : NO_EDGES), [mode, ego, mapEdges, doc, selectedTies, overlay]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StakeholderFlowNode>[]) => {
      const state = store.getState();
      // Only grid cards move (dropping one in another cell changes their scores).
      const { selection, moving, dropped } = reduceNodeChanges(state.selectedNodes, changes, { movable: mode === 'grid' });
      if (selection) state.select(selection, state.selectedTies);
      if (hasPositions(moving)) setDrag((d) => Object.assign(copyRecord(d ?? {}), moving));
      if (hasPositions(dropped)) {
        // Every card dropped in this gesture changes its scores in one undoable edit.
        state.edit((d) => {
          let next = d;
          for (const [id, p] of Object.entries(dropped)) {
            const person = next.stakeholders[id];
            if (!person) continue;
            const scores = boardScoresAt(board, { x: p.x + CHIP.width / 2, y: p.y + CHIP.height / 2 });
            if (scores.influence !== person.influence || scores.interest !== person.interest) next = updateStakeholder(next, id, scores);
          }
          return next;
        });
        setDrag(null);
      }
    },
    [store, mode, board],
  );

  const onEdgesChange = useEdgeChanges();

  // Fit the whole grid (with its labels) or all the rings when the view opens.
  const bounds = useMemo(() => {
    if (mode === 'grid') return { x: box.x - 44, y: box.y - 8, width: box.width + 52, height: box.height + 52 };
    const r = (ego?.rings.at(-1)?.radius ?? 200) + 140;
    return { x: -r, y: -r, width: 2 * r, height: 2 * r };
  }, [mode, box, ego]);
  // Fitted when the view opens, and again when the canvas changes shape (the grid follows it).
  const fitKey = mode === 'grid' ? `grid:${aspect}` : 'ego';
  const [fitted, setFitted] = useState<string | null>(null);
  useEffect(() => {
    if (fitted === fitKey) return;
    const frame = requestAnimationFrame(() => {
      const { width, height } = flowStore.getState();
      // Never below a readable zoom: on a small canvas the grid opens at its top left (the
      // "Keep satisfied" corner) and the rest is a pan away.
      const minZoom = mode === 'grid' ? GRID_MIN_ZOOM : 0.05;
      const fit = getViewportForBounds(bounds, width, height, minZoom, 1.2, 0.04);
      if (mode === 'grid' && fit.zoom <= minZoom) void flow.setViewport({ x: -bounds.x * minZoom, y: -bounds.y * minZoom, zoom: minZoom });
      else void flow.setViewport(fit);
      setFitted(fitKey);
    });
    return () => cancelAnimationFrame(frame);
  }, [flow, flowStore, bounds, fitted, fitKey, mode]);

  const onNodeContextMenu = useCallback((event: MouseEvent, node: StakeholderFlowNode) => {
    event.preventDefault();
    store.getState().openContextMenu({ id: node.id, x: event.clientX, y: event.clientY });
  }, [store]);

  // Search asks (store.revealPerson) for a person to be brought into view: centre their card.
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        if (!state.reveal || state.reveal === prev.reveal) return;
        const id = state.reveal.id;
        if (hasEntry(centres, id)) void flow.setCenter(centres[id].x, centres[id].y, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
      }),
    [store, centres, flow],
  );

  const label = mode === 'grid' ? 'Power and interest grid' : 'Me at the centre';
  return (
    <div className={`canvas alt-view alt-view--${mode}${lod ? ' canvas--lod' : ''}`} data-testid="canvas" data-view={mode}>
      <TieMarkers />
      <LodContext.Provider value={lod}>
      <ReactFlow<StakeholderFlowNode, TieFlowEdge>
        nodes={nodes}
        edges={lod ? NO_EDGES : edges}
        nodeTypes={mode === 'grid' ? gridNodeTypes : nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeContextMenu={onNodeContextMenu}
        nodesDraggable={mode === 'grid' && !readOnly}
        nodesConnectable={false}
        // Every card's dots are "source" handles (as on the network canvas): in React Flow's default
        // strict mode an edge needs a "target" handle, so without this no tie is drawn at all.
        connectionMode={ConnectionMode.Loose}
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
        <ViewportPortal>{mode === 'grid' ? <GridBackdrop board={board} /> : ego ? <EgoBackdrop layout={ego} cards={cardBoxes} /> : null}</ViewportPortal>
        <PeerSelections boxOf={peerBox} />
        <Controls position="bottom-left" aria-label="Zoom controls" showInteractive={false} />
      </ReactFlow>
      </LodContext.Provider>
      {mode === 'ego' && !ego && !meHidden && (
        <div className="canvas__hint" role="note">
          <strong>Who is Me?</strong>
          <span>Mark yourself as Me (select your card and tick “This is me”, or right-click it) to see your network in rings around you.</span>
        </div>
      )}
      {mode === 'ego' && meHidden && (
        <div className="canvas__hint" role="note">
          <strong>You are in a collapsed team</strong>
          <span>Expand your manager’s team, or choose Show levels: All, to see your network in rings around you.</span>
        </div>
      )}
      {mode === 'grid' && <TargetLegend people={drawnPeople} />}
      {mode === 'grid' && <p className="alt-view__hint">Drag a person to another cell to change their influence and interest.</p>}
      {mode === 'ego' && ego && <p className="alt-view__hint">Rings by steps from {displayName(people[ego.meId!])}; stronger ties sit closer in.</p>}
    </div>
  );
}

/** The people a view draws: all but those in collapsed teams (the same record when none are hidden). */
function withoutHidden(people: MapDocument['stakeholders'], hidden: ReadonlySet<Id> | null | undefined): MapDocument['stakeholders'] {
  if (!hidden?.size) return people;
  const out: MapDocument['stakeholders'] = emptyRecord();
  for (const [id, p] of Object.entries(people)) if (!hidden.has(id)) out[id] = p;
  return out;
}

/** The legend entry for target-stance arrows, with how many people are not yet there; only once someone has a target. */
function TargetLegend({ people }: { people: MapDocument['stakeholders'] }) {
  const { withTarget, short } = useMemo(() => {
    let withTarget = 0;
    let short = 0;
    for (const p of Object.values(people)) {
      if (!p.targetStance) continue;
      withTarget++;
      if (isShortOfTarget(p)) short++;
    }
    return { withTarget, short };
  }, [people]);
  if (withTarget === 0) return null;
  return (
    <div className="overlay-legend target-legend" role="note" aria-label="Target stance legend">
      <span className="target-legend__entry">
        <span className="chip__target" aria-hidden="true">
          <span className="chip__arrow" style={{ width: 18 }} />
          <span className="chip__target-dot" style={{ background: 'var(--stance-supporter)' }} />
        </span>
        <span>Target stance: where you need them; a longer arrow, a bigger gap</span>
      </span>
      <span className="target-legend__count">{short === 0 ? 'Everyone with a target is where you need them.' : `${countOf(short, 'person is', 'people are')} not yet where you need them.`}</span>
    </div>
  );
}

/** The description on one line if it fits the quadrant (12.5 px text, about 7 units a character), else two. */
function descriptionLines(text: string, width: number): string[] {
  if (text.length * 7 <= width) return [text];
  const cut = text.indexOf(': ');
  if (cut > 0) return [text.slice(0, cut + 1), text.slice(cut + 2)];
  const mid = text.lastIndexOf(' ', Math.floor(text.length / 2));
  return mid > 0 ? [text.slice(0, mid), text.slice(mid + 1)] : [text];
}

function GridBackdrop({ board }: { board: Board }) {
  const box = boardBox(board);
  const quadrants = boardQuadrants(board);
  const band = board.options.band;
  const lines = [];
  for (let i = 1; i < GRID_CELLS; i++) {
    lines.push(<line key={`v${i}`} x1={board.xs[i]} y1={box.y} x2={board.xs[i]} y2={box.y + box.height} className="grid-bg__cell" />);
    lines.push(<line key={`h${i}`} x1={box.x} y1={board.ys[i]} x2={box.x + box.width} y2={board.ys[i]} className="grid-bg__cell" />);
  }
  const pad = 60;
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
          {/* The label band at the quadrant's top is kept free of people (domain/grid-board.ts). */}
          <text x={q.rect.x + 12} y={q.rect.y + band * 0.36} className="grid-bg__label">
            {q.label}
          </text>
          <text x={q.rect.x + 12} y={q.rect.y + band * 0.62} className="grid-bg__desc">
            {descriptionLines(q.description, q.rect.width - 24).map((line, i) => (
              <tspan key={i} x={q.rect.x + 12} dy={i === 0 ? 0 : 15}>
                {line}
              </tspan>
            ))}
          </text>
        </g>
      ))}
      {lines}
      <rect x={box.x} y={box.y} width={box.width} height={box.height} className="grid-bg__frame" />
      {[1, 2, 3, 4, 5].map((n) => (
        <text key={`x${n}`} x={(board.xs[n - 1] + board.xs[n]) / 2} y={box.y + box.height + 20} className="grid-bg__tick" textAnchor="middle">
          {n}
        </text>
      ))}
      {[1, 2, 3, 4, 5].map((n) => (
        <text key={`y${n}`} x={box.x - 14} y={(board.ys[GRID_CELLS - n] + board.ys[GRID_CELLS - n + 1]) / 2} className="grid-bg__tick" textAnchor="middle" dominantBaseline="middle">
          {n}
        </text>
      ))}
      <text x={box.x + box.width / 2} y={box.y + box.height + 44} className="grid-bg__axis" textAnchor="middle">
        Interest →
      </text>
      <text x={box.x - 34} y={box.y + box.height / 2} className="grid-bg__axis" textAnchor="middle" transform={`rotate(-90 ${box.x - 34} ${box.y + box.height / 2})`}>
        Influence →
      </text>
    </svg>
  );
}

/** Angles tried for a ring's label, in degrees from 12 o'clock clockwise: up-right first. */
const LABEL_ANGLES = [45, 30, 60, 15, 75, 0, 90, 120, 150, 180, 210, 240, 270, 300, 330];

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A spot on the ring for its label where it covers no card (the first free one of LABEL_ANGLES). */
export function ringLabelBox(radius: number, text: string, cards: readonly Box[], font: number): Box {
  const width = text.length * font * 0.6 + 8;
  const height = font * 1.4;
  let first: Box | null = null;
  for (const deg of LABEL_ANGLES) {
    const a = (deg * Math.PI) / 180;
    const px = radius * Math.sin(a);
    const py = -radius * Math.cos(a);
    // Sit just outside the ring, on the side away from the centre.
    const box = { x: px >= 0 ? px + 6 : px - width - 6, y: py <= 0 ? py - height - 4 : py + 4, width, height };
    first ??= box;
    if (!cards.some((c) => overlaps(box, c))) return box;
  }
  return first!;
}

const ringText = (distance: number | null) => (distance === null ? 'No path to you' : distance === 1 ? '1 step' : `${distance} steps`);

function EgoBackdrop({ layout, cards }: { layout: EgoLayout; cards: readonly Box[] }) {
  const outer = layout.rings.length ? layout.rings[layout.rings.length - 1].radius + 160 : 200;
  const c = layout.meId ? { x: 0, y: 0 } : { x: 0, y: 0 };
  return (
    <svg className="alt-bg ego-bg" aria-hidden="true" style={{ left: c.x - outer, top: c.y - outer }} width={outer * 2} height={outer * 2} viewBox={`${c.x - outer} ${c.y - outer} ${outer * 2} ${outer * 2}`}>
      {layout.rings.map((r, i) => (
        <g key={i} className={r.distance === null ? 'ego-bg__ring ego-bg__ring--none' : 'ego-bg__ring'}>
          <circle cx={c.x} cy={c.y} r={r.radius} />
          <RingLabel radius={r.radius} text={ringText(r.distance)} cards={cards} font={Math.max(16, outer / 40)} />
        </g>
      ))}
    </svg>
  );
}

function RingLabel({ radius, text, cards, font }: { radius: number; text: string; cards: readonly Box[]; font: number }) {
  const box = ringLabelBox(radius, text, cards, font);
  return (
    <text x={box.x + 4} y={box.y + box.height * 0.75} className="ego-bg__label" style={{ fontSize: font }} data-box={`${Math.round(box.x)},${Math.round(box.y)},${Math.round(box.width)},${Math.round(box.height)}`}>
      {text}
    </text>
  );
}
