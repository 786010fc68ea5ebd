import { useCatchLostFocus } from './useCatchLostFocus';
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type FinalConnectionState,
  type NodeChange,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import { NODE_HEIGHT, nodeWidth } from '../domain/defaults';
import { PeerSelections } from './PeerSelections';
import { addTiedStakeholderAt, type Position } from '../domain/operations';
import { applyFilters } from '../domain/search';
import type { Id } from '../domain/types';
import { useEditor, useServices } from '../state/context';
import { setLayoutPref, useLayoutPrefs } from '../state/layout-prefs';
import { createEdgeMapper, createNodeMapper, type Overlay, type StakeholderFlowNode, type TieFlowEdge } from './flow-mapping';
import { type OverlayLegend } from './overlay';
import { useEdgeChanges, useMapOverlay } from './shared-hooks';
import { withWhatIf } from './what-if-overlay';
import { useWhatIf } from '../state/what-if';
import { TieMarkers } from './markers';
import { StakeholderNode } from './StakeholderNode';
import { TieEdge } from './TieEdge';
import { LodContext } from './lod/context';
import { LodLayer } from './lod/LodLayer';
import { prewarmRasterWorker } from './lod/renderer';
import { LodMiniMap } from './lod/LodMiniMap';
import { useLodPointer } from './lod/useLodPointer';
import { fitDocumentBounds, fitWholeMap } from './lod/viewport';
import { createSceneSplitter, isBelowLodZoom, LOD_MIN_PEOPLE } from './lod/scene';
import { CULL_MIN_PEOPLE, useViewportCull } from './viewport-cull';
import { TieConnectionLine } from './TieConnectionLine';
import { LOD_ENTRY, useCanvasKeyboard } from './useCanvasKeyboard';
import { formatCount } from '../domain/numbers';
import { openingViewport } from './opening-view';
import { StartHereHint } from './StartHereHint';
import { createTieRouter } from './routing';
import { TieRoutesContext } from './routes-context';
import './canvas.css';
import { hasPositions, reduceNodeChanges } from './flow-changes';
import { PEOPLE_AFTER_PAINT, usePeopleMapped, useSlicedOverlay, useTiesMapped } from './ties-mapped';
import { nextTask, onNextFrame } from '../domain/next-task';
import { entryCount } from '../domain/records';

/** Module-level so React Flow never sees new type maps (which would remount every node). */
const nodeTypes = { stakeholder: StakeholderNode };
const edgeTypes = { tie: TieEdge };
const SNAP_GRID: [number, number] = [20, 20];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** Zoomed out, people and ties are drawn on the level-of-detail canvas, not by React Flow. */
const NO_EDGES: TieFlowEdge[] = [];
const NO_NODES: StakeholderFlowNode[] = [];
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.2 };
const MIN_ZOOM = 0.05;
export const PALETTE_DRAG_TYPE = 'application/x-influence-map-item';

const miniMapColour = (node: StakeholderFlowNode) => `var(--stance-${node.data.person.stance})`;

/** Centre a new card on the point the user chose. */
export function cardOrigin(point: Position, influence = 3): Position {
  return { x: Math.round(point.x - nodeWidth(influence) / 2), y: Math.round(point.y - NODE_HEIGHT / 2) };
}

export function MapCanvas({ colorMode }: { colorMode: 'light' | 'dark' }) {
  const { store, workspace } = useServices();
  const doc = useEditor((s) => s.doc)!;
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedTies = useEditor((s) => s.selectedTies);
  const drag = useEditor((s) => s.drag);
  const snapToGrid = useEditor((s) => s.snapToGrid);
  const initialViewport = useEditor((s) => s.initialViewport);
  const filters = useEditor((s) => s.filters);
  const readOnly = useEditor((s) => s.readOnly);
  const renaming = useEditor((s) => s.renaming);
  const whatIfIds = useWhatIf((s) => s.removedIds);
  const whatIfResult = useWhatIf((s) => s.result);
  const { overlay: baseOverlay, legend } = useMapOverlay(doc, { withFocus: true });
  const overlayNow = useMemo(() => withWhatIf(baseOverlay, doc, whatIfIds, whatIfResult), [baseOverlay, doc, whatIfIds, whatIfResult]);
  const flow = useReactFlow();
  const { screenToFlowPosition } = flow;
  // Level of detail: re-renders only when the zoom crosses the threshold, not on every frame.
  const people = entryCount(doc.stakeholders);
  const lod = useStore(isBelowLodZoom) && people >= LOD_MIN_PEOPLE;
  // A map big enough for the level-of-detail layer: its raster worker loads meanwhile.
  useState(() => people >= LOD_MIN_PEOPLE && prewarmRasterWorker());
  // Fit only a map that already has people: fitting an empty map would jump on the first drop.
  const [fitOnOpen] = useState(() => !initialViewport && entryCount(doc.stakeholders) > 0);
  // The opening viewport (the saved one, else fitted from the document: lod/viewport.ts) is put
  // into React Flow's store before React Flow first renders, so a large map opens straight at its
  // zoomed-out level of detail instead of first mounting cards at zoom 1. Falls back to fitView
  // when the canvas has no size yet.
  const flowStore = useStoreApi();
  const containerRef = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<{ measured: boolean; viewport: Viewport | null; partial: { focusId: Id; isMe: boolean } | null }>(() => ({ measured: false, viewport: initialViewport ?? null, partial: null }));
  useLayoutEffect(() => {
    if (opening.measured) return;
    const open = (box: { width: number; height: number } | undefined) => {
      let viewport = initialViewport ?? null;
      let partial = null;
      if (fitOnOpen) {
        // Never below a readable zoom: a large map opens on Me's neighbourhood (opening-view.ts).
        const view = box ? openingViewport(doc, box.width, box.height, { ...FIT_VIEW_OPTIONS, minZoom: MIN_ZOOM }) : null;
        viewport = view?.viewport ?? null;
        partial = view?.partial ?? null;
      }
      if (viewport) flowStore.setState({ transform: [viewport.x, viewport.y, viewport.zoom] });
      setOpening({ measured: true, viewport, partial });
    };
    const container = containerRef.current;
    if (!fitOnOpen || !container || people < LOD_MIN_PEOPLE || typeof ResizeObserver === 'undefined') {
      open(fitOnOpen ? container?.getBoundingClientRect() : undefined);
      return;
    }
    // A large map's fit needs the canvas's size: read once the browser has laid the page out (a
    // ResizeObserver's first call), not by forcing that layout here. At 50,000 people the forced
    // layout, the fit and React Flow's first render made the render of an opening map a 120-145 ms
    // task; React Flow now mounts in a task of its own. (A small map is fitted before its first
    // paint, as before: it has no level-of-detail image to wait for anyway.)
    const observer = new ResizeObserver(() => {
      observer.disconnect();
      open(container.getBoundingClientRect());
    });
    observer.observe(container);
    return () => observer.disconnect();
  }, [opening.measured, doc, fitOnOpen, initialViewport, flowStore, people]);

  // Ties bend around cards in their way; recomputed when cards move or ties change, not per frame
  // or per keystroke.
  const { stakeholders, ties } = doc;
  const routeTiesOf = useMemo(createTieRouter, []);
  const routes = useMemo(() => routeTiesOf({ stakeholders, ties }), [routeTiesOf, stakeholders, ties]);
  const mapNodes = useMemo(createNodeMapper, []);
  const mapEdges = useMemo(createEdgeMapper, []);
  // Zoomed out, a drag frame does not rebuild the node list: the level-of-detail layer draws the
  // moving people from `drag` over the still map, and the grid index and the minimap keep theirs
  // (a pass over 20,000 nodes per frame was what held a drag under 30 fps).
  const nodeDrag = lod ? null : drag;
  // An opening whole company is mapped in slices first (ties-mapped.ts), with the newest document,
  // selection and overlay when each slice runs: its people, then (zoomed out) the layer's scene of
  // them, then, once they are drawn, its ties and the scene with them. Each render that takes
  // them finds them done, so none is a long task.
  const splitter = useMemo(createSceneSplitter, []);
  const latest = useRef({ doc, selectedNodes, selectedTies, nodeDrag, overlay: overlayNow, nodes: NO_NODES, lod, tiesMapped: false });
  const prepareOverlay = useCallback(
    async (next: Overlay, stopped: () => boolean) => {
      const { doc: mapped, selectedNodes: chosen, selectedTies: chosenTies, nodeDrag: dragged, lod: zoomedOut, tiesMapped } = latest.current;
      await mapNodes.prepare(mapped, chosen, dragged, next, nextTask, stopped);
      if (tiesMapped && !stopped()) await mapEdges.prepare(mapped, chosenTies, next, nextTask, stopped);
      if (stopped() || !zoomedOut) return;
      await splitter.prepare(mapNodes(mapped, chosen, dragged, next), tiesMapped ? mapEdges(mapped, chosenTies, next) : NO_EDGES, nextTask, stopped);
    },
    [mapNodes, mapEdges, splitter],
  );
  const overlay = useSlicedOverlay(overlayNow, doc, people >= PEOPLE_AFTER_PAINT, prepareOverlay);
  const preparePeople = useCallback(
    async (stopped: () => boolean) => {
      const { doc: mapped, selectedNodes: selected, nodeDrag: dragged, overlay: shown } = latest.current;
      await mapNodes.prepare(mapped, selected, dragged, shown, nextTask, stopped);
      const now = latest.current;
      if (stopped() || !now.lod || now.tiesMapped || now.doc !== mapped || now.selectedNodes !== selected || now.nodeDrag !== dragged || now.overlay !== shown) return;
      await splitter.prepare(mapNodes(mapped, selected, dragged, shown), NO_EDGES, nextTask, stopped);
    },
    [mapNodes, splitter],
  );
  const peopleMapped = usePeopleMapped(doc, preparePeople);
  const nodes = useMemo(() => (peopleMapped ? mapNodes(doc, selectedNodes, nodeDrag, overlay) : NO_NODES), [peopleMapped, mapNodes, doc, selectedNodes, nodeDrag, overlay]);
  const prepareTies = useCallback(
    async (stopped: () => boolean) => {
      const { doc: mapped, selectedTies: selected, overlay: shown } = latest.current;
      await mapEdges.prepare(mapped, selected, shown, nextTask, stopped);
      const now = latest.current;
      if (stopped() || !now.lod || now.doc !== mapped || now.selectedTies !== selected || now.overlay !== shown) return;
      await splitter.prepare(now.nodes, mapEdges(mapped, selected, shown), nextTask, stopped);
    },
    [mapEdges, splitter],
  );
  const tieMapping = useTiesMapped(doc, lod, prepareTies);
  latest.current = { doc, selectedNodes, selectedTies, nodeDrag, overlay, nodes, lod, tiesMapped: tieMapping.mapped };
  // The map is drawn (state/drawn.ts): zoomed out when the layer shows its people and ties, zoomed
  // in with the first frame of cards.
  const markDrawn = useCallback(() => store.getState().markDrawn(), [store]);
  useEffect(() => (lod || !peopleMapped ? undefined : onNextFrame(markDrawn)), [lod, peopleMapped, markDrawn]);
  const edges = useMemo(() => (tieMapping.mapped ? mapEdges(doc, selectedTies, overlay) : NO_EDGES), [tieMapping.mapped, mapEdges, doc, selectedTies, overlay]);
  // Zoomed out React Flow gets no node per person (lod/useLodPointer.ts hit-tests the marks),
  // only the card of the person being named, so the name can be typed in place at any zoom.
  // Zoomed in on a very large map: the people around the view and their ties (viewport-cull.ts).
  const near = useViewportCull(!lod && people >= CULL_MIN_PEOPLE, nodes, edges);
  const flowNodes = useMemo(() => {
    if (!lod) return near.nodes;
    if (renaming === null) return NO_NODES;
    const named = nodes.find((n) => n.id === renaming);
    return named ? [named] : NO_NODES;
  }, [lod, nodes, near.nodes, renaming]);
  useLodPointer(containerRef, store, { active: lod, nodes, readOnly, snapToGrid });

  const onNodesChange = useCallback(
    (changes: NodeChange<StakeholderFlowNode>[]) => {
      const state = store.getState();
      const { selection, moving, dropped } = reduceNodeChanges(state.selectedNodes, changes);
      if (selection) state.select(selection, state.selectedTies);
      if (hasPositions(moving)) state.dragTo(moving);
      if (hasPositions(dropped)) state.dragEnd(dropped);
    },
    [store],
  );

  const onEdgesChange = useEdgeChanges();

  const onConnect = useCallback((c: Connection) => void store.getState().connect(c.source, c.target), [store]);

  // A tie's end let go on empty canvas makes a new person there, tied, with the name ready to type
  // (as Kumu and draw.io do). One undo step takes both back.
  const onConnectEnd = useCallback(
    (event: globalThis.MouseEvent | TouchEvent, connection: FinalConnectionState) => {
      if (connection.isValid || connection.toNode || !connection.fromNode) return;
      if (!(event.target instanceof Element) || !event.target.classList.contains('react-flow__pane')) return;
      const pointer = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!pointer) return;
      const state = store.getState();
      if (!state.doc) return;
      const point = screenToFlowPosition({ x: pointer.clientX, y: pointer.clientY });
      const result = addTiedStakeholderAt(state.doc, connection.fromNode.id, cardOrigin(point), state.tieKind);
      if (!result.ok) return state.notify(result.error, 'error');
      state.edit(() => result.doc);
      state.select([result.id]);
      state.setRenaming(result.id);
    },
    [screenToFlowPosition, store],
  );

  const onNodeDoubleClick = useCallback((_: MouseEvent, node: StakeholderFlowNode) => {
    store.getState().select([node.id]);
    store.getState().setRenaming(node.id);
  }, [store]);

  useCanvasKeyboard(containerRef, store, { tiesDrawn: !lod, lod });

  // A filter change shows the people who pass it: the view fits to them.
  const lastFilters = useRef(filters);
  useEffect(() => {
    if (lastFilters.current === filters) return;
    lastFilters.current = filters;
    const current = store.getState().doc;
    if (!current) return;
    const passing = applyFilters(current, filters).people;
    for (const id of overlay.hidden ?? []) passing.delete(id);
    // Fitted from the document, not React Flow's nodes: zoomed out it has none.
    if (passing.size > 0) fitDocumentBounds(flow, flowStore.getState(), current, { ...FIT_VIEW_OPTIONS, minZoom: MIN_ZOOM, duration: 300 }, passing);
  }, [filters, flow, flowStore, store, overlay]);

  // "Show levels" shows the top of the chart: the view fits to the people drawn now (from the
  // document: zoomed out, or when a collapse only removed cards, React Flow has nothing to fit).
  const showLevels = useEditor((s) => s.showLevels);
  const lastLevels = useRef(showLevels);
  useEffect(() => {
    if (lastLevels.current === showLevels) return;
    lastLevels.current = showLevels;
    const current = store.getState().doc;
    if (showLevels === null || !current) return;
    const drawn = new Set(Object.keys(current.stakeholders));
    for (const id of overlay.hidden ?? []) drawn.delete(id);
    if (drawn.size > 0) fitDocumentBounds(flow, flowStore.getState(), current, { ...FIT_VIEW_OPTIONS, minZoom: MIN_ZOOM, duration: 300 }, drawn);
  }, [showLevels, overlay, flow, flowStore, store]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      if (event.dataTransfer.getData(PALETTE_DRAG_TYPE) !== 'stakeholder') return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const id = store.getState().addStakeholderAt(cardOrigin(point));
      if (id) store.getState().setRenaming(id);
    },
    [screenToFlowPosition, store],
  );

  const onDoubleClick = useCallback(
    (event: MouseEvent) => {
      if (!(event.target as Element).classList?.contains('react-flow__pane')) return;
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const id = store.getState().addStakeholderAt(cardOrigin(point));
      if (id) store.getState().setRenaming(id);
    },
    [screenToFlowPosition, store],
  );

  // The context menu itself lives in the UI layer; the canvas only says where and for whom.
  const onNodeContextMenu = useCallback((event: MouseEvent, node: StakeholderFlowNode) => {
    event.preventDefault();
    store.getState().openContextMenu({ id: node.id, x: event.clientX, y: event.clientY });
  }, [store]);

  const onMoveEnd = useCallback((_: unknown, viewport: Viewport) => workspace.saveViewport(viewport), [workspace]);
  // The minimap is the user's to hide; on a small canvas (Metrics open, small window) CSS leaves
  // it out (a container query in styles/canvas.css), as it would cover a third of the cards.
  const { minimap: minimapWanted } = useLayoutPrefs();
  const empty = nodes.length === 0;
  useCatchLostFocus(containerRef, opening.measured);

  return (
    <div ref={containerRef} className={lod ? 'canvas canvas--lod' : 'canvas'} onDragOver={onDragOver} onDrop={onDrop} onDoubleClick={onDoubleClick} data-testid="canvas">
      <TieMarkers />
      {/* Zoomed out there are no cards to Tab to: this stands in for them (useCanvasKeyboard.ts). */}
      {lod && (
        <div className="canvas__lod-entry" tabIndex={0} role="button" {...{ [LOD_ENTRY]: '' }}>
          {formatCount(people - (overlay.hidden?.size ?? 0))} people, zoomed out. Tab or Enter zooms in to the first person.
        </div>
      )}
      <LodContext.Provider value={lod}>
      <TieRoutesContext.Provider value={routes}>
      {opening.measured && <ReactFlow<StakeholderFlowNode, TieFlowEdge>
        nodes={flowNodes}
        edges={lod ? NO_EDGES : near.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onNodeDoubleClick={onNodeDoubleClick}
        connectionLineComponent={TieConnectionLine}
        onMoveEnd={onMoveEnd}
        onNodeContextMenu={onNodeContextMenu}
        // View only: cards stay selectable (Details, Focus) but cannot be moved or tied.
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        connectionMode={ConnectionMode.Loose}
        connectionRadius={28}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        zoomOnDoubleClick={false}
        snapToGrid={snapToGrid}
        snapGrid={SNAP_GRID}
        defaultViewport={opening.viewport ?? undefined}
        fitView={fitOnOpen && !opening.viewport}
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={MIN_ZOOM}
        maxZoom={2.5}
        colorMode={colorMode}
        // A large map culls at every zoom. Zoomed out React Flow holds at most one node, so culling
        // is free there; and it must stay on as the zoom crosses into level of detail: React Flow
        // takes the new (empty) node list in an effect, one render after this prop, so turning
        // culling off then would mount every card of the map for that one render.
        // A small map is cheap to draw whole, and opens on a part of itself (opening-view.ts):
        // its other cards stay in the page for find-in-page, assistive technology and tests.
        onlyRenderVisibleElements={people >= LOD_MIN_PEOPLE}
        proOptions={{ hideAttribution: true }}
        aria-label="Map canvas"
        tabIndex={-1}
      >
        <LodLayer nodes={nodes} edges={edges} active={lod} colorMode={colorMode} moving={drag} onMarksDrawn={tieMapping.mapped ? undefined : tieMapping.marksDrawn} onSceneDrawn={tieMapping.mapped && peopleMapped ? markDrawn : undefined} splitter={splitter} />
        <PeerSelections />
        {/* Zoomed out the dots would be a grey haze repainted on every pan frame: left out. */}
        {!lod && <Background variant={snapToGrid ? BackgroundVariant.Lines : BackgroundVariant.Dots} gap={20} size={1.2} />}
        {/* React Flow's own fit button fits the nodes it holds: on a very large map only the people
            around the view (zoomed in) or none (zoomed out). This one fits the whole map. */}
        <Controls position="bottom-left" aria-label="Zoom controls" showFitView={false}>
          <FitWholeMapButton />
          <MinimapToggle shown={minimapWanted} />
        </Controls>
        {/* Large maps: one canvas, not an SVG rect and a store subscription per person. */}
        {minimapWanted && (people >= LOD_MIN_PEOPLE ? (
          <LodMiniMap nodes={nodes} colorMode={colorMode} />
        ) : (
          <MiniMap<StakeholderFlowNode> position="bottom-right" pannable zoomable nodeColor={miniMapColour} nodeBorderRadius={6} ariaLabel="Minimap" style={MINIMAP_SIZE} />
        ))}
      </ReactFlow>}
      </TieRoutesContext.Provider>
      </LodContext.Provider>
      {legend && <OverlayLegendCard legend={legend} />}
      {opening.partial && <StartHereHint focusId={opening.partial.focusId} isMe={opening.partial.isMe} />}
      {empty && !readOnly && (
        <div className="canvas__hint" role="note">
          <strong>Start by adding people</strong>
          <span>Drag a Stakeholder from the palette, double-click the canvas, or press N, then type the name.</span>
          <span>Drag from a card's edge dot to another card to draw a tie, or to empty canvas to add someone tied.</span>
        </div>
      )}
    </div>
  );
}

const MINIMAP_SIZE = { width: 168, height: 112 };

function FitWholeMapButton() {
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const { store } = useServices();
  return (
    <ControlButton
      className="react-flow__controls-fitview"
      onClick={() => fitWholeMap(flow, flowStore.getState(), store.getState().doc, { padding: 0.2, duration: 250 })}
      aria-label="Fit View"
      title="Fit View"
    >
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <path d="M1.5 5.5v-4h4M10.5 1.5h4v4M14.5 10.5v4h-4M5.5 14.5h-4v-4" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
    </ControlButton>
  );
}

export function MinimapToggle({ shown }: { shown: boolean }) {
  const label = shown ? 'Hide minimap' : 'Show minimap';
  return (
    <ControlButton onClick={() => setLayoutPref('minimap', !shown)} aria-label={label} title={label} aria-pressed={shown} className="minimap-toggle">
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <rect x="1.5" y="3" width="13" height="10" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <rect x="8" y="8" width="5" height="3.5" fill="currentColor" />
      </svg>
    </ControlButton>
  );
}

function OverlayLegendCard({ legend }: { legend: OverlayLegend }) {
  return (
    <div className="overlay-legend" aria-label={`Colour legend: ${legend.title}`}>
      <strong>{legend.title}</strong>
      {legend.entries && (
        <ul>
          {legend.entries.slice(0, 12).map((e) => (
            <li key={e.label}>
              <span className="overlay-legend__swatch" style={{ background: e.colour }} aria-hidden="true" />
              {e.label}
            </li>
          ))}
          {legend.entries.length > 12 && <li>and {legend.entries.length - 12} more</li>}
        </ul>
      )}
      {legend.gradient && (
        <div className="overlay-legend__gradient">
          <span>{legend.gradient.lowLabel}</span>
          <span className="overlay-legend__bar" style={{ background: `linear-gradient(to right, ${legend.gradient.low}, ${legend.gradient.high})` }} aria-hidden="true" />
          <span>{legend.gradient.highLabel}</span>
        </div>
      )}
    </div>
  );
}
