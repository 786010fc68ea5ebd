/**
 * The level-of-detail layer: one <canvas> under React Flow's (then transparent) nodes, showing
 * every person as a mark and every tie as a line while the map is zoomed out too far to read
 * cards. It follows React Flow's viewport through a store subscription, outside React, so a pan
 * or zoom frame never re-renders a component. Selection, box selection and dragging still go
 * through React Flow's own lightweight nodes on top, so they work the same at every zoom.
 */
import { useStoreApi } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { StakeholderFlowNode, TieFlowEdge } from '../flow-mapping';
import { lodPalette } from './draw';
import { LodRenderer, type RenderInfo } from './renderer';
import { createSceneSplitter, type SceneSplitter } from './scene';

export interface LodLayerProps {
  nodes: readonly StakeholderFlowNode[];
  edges: readonly TieFlowEdge[];
  /** Zoomed out past the threshold: draw. Otherwise the layer is empty and hidden. */
  active: boolean;
  colorMode: string;
  /**
   * People being dragged (id -> position), or null: drawn over a cached image of the rest. The
   * nodes may still carry their positions from before the drag (MapCanvas keeps them zoomed out).
   */
  moving?: Readonly<Record<string, { x: number; y: number }>> | null;
  /** Called once the people are on the canvas (an opening map maps its ties after that). */
  onMarksDrawn?: () => void;
  /** Called when a frame shows these nodes and edges whole (marks and ties). */
  onSceneDrawn?: () => void;
  /** The splitter to build scenes with (the canvas may prepare its scenes ahead: scene.ts). */
  splitter?: SceneSplitter;
}

function markDrawn(canvas: HTMLCanvasElement, info: RenderInfo) {
  // For tests and the benchmark: how many marks the last full draw put on the canvas.
  const marks = String(info.marks);
  if (canvas.dataset.lodMarks !== marks) canvas.dataset.lodMarks = marks;
  // Ties too: a newly opened map shows its marks first and its ties when the worker has them.
  const ties = String(info.ties);
  if (canvas.dataset.lodTies !== ties) canvas.dataset.lodTies = ties;
  const renders = String(info.renders);
  if (canvas.dataset.lodRenders !== renders) canvas.dataset.lodRenders = renders;
}

function LodLayerView({ nodes, edges, active, colorMode, moving = null, onMarksDrawn, onSceneDrawn, splitter }: LodLayerProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const marksDrawnRef = useRef(onMarksDrawn);
  marksDrawnRef.current = onMarksDrawn;
  // Set with the scene it is about (below), never ahead of it: a frame of the last scene must not
  // count as the new one drawn.
  const sceneDrawnRef = useRef<(() => void) | undefined>(undefined);
  const rendererRef = useRef<LodRenderer | null>(null);
  const storeApi = useStoreApi();
  const own = useMemo(createSceneSplitter, []);
  const split = splitter ?? own;
  const scene = useMemo(() => (active ? split(nodes, edges, moving ? Object.keys(moving) : null, moving) : null), [split, active, nodes, edges, moving]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const renderer = new LodRenderer(canvas, lodPalette('light'), (info) => {
      markDrawn(canvas, info);
      if (info.marks > 0) marksDrawnRef.current?.();
      if (info.current) sceneDrawnRef.current?.();
    });
    rendererRef.current = renderer;
    const follow = (transform: [number, number, number]) => renderer.setTransform(transform[0], transform[1], transform[2]);
    follow(storeApi.getState().transform);
    const unsubscribe = storeApi.subscribe((state, prev) => {
      if (state.transform !== prev.transform) follow(state.transform);
    });
    const parent = canvas.parentElement;
    const resize = () => {
      if (parent) renderer.setSize(parent.clientWidth, parent.clientHeight, window.devicePixelRatio || 1);
    };
    resize();
    const observer = typeof ResizeObserver !== 'undefined' && parent ? new ResizeObserver(resize) : null;
    if (observer && parent) observer.observe(parent);
    return () => {
      unsubscribe();
      observer?.disconnect();
      renderer.dispose();
      rendererRef.current = null;
    };
  }, [storeApi]);

  useEffect(() => {
    rendererRef.current?.setPalette(lodPalette(colorMode));
  }, [colorMode]);

  useEffect(() => {
    sceneDrawnRef.current = onSceneDrawn;
    rendererRef.current?.setScene(scene?.base ?? null, scene?.top ?? null);
    if (!scene && canvasRef.current) {
      delete canvasRef.current.dataset.lodMarks;
      delete canvasRef.current.dataset.lodTies;
    }
  }, [scene, onSceneDrawn]);

  return <canvas ref={canvasRef} className={active ? 'lod-layer' : 'lod-layer lod-layer--off'} data-testid="lod-layer" aria-hidden="true" />;
}

export const LodLayer = memo(LodLayerView);
