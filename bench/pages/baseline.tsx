/**
 * The baseline for `npm run bench`: bare React Flow with default nodes and edges and nothing else
 * (no custom types, no store, no minimap), given the same generated organisation as the app, the
 * whole map in view. Query: ?size=2000&seed=7&w=1100&h=800 (w/h: the app's canvas size, so both
 * show the map at the same zoom).
 */
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';
import { generateOrganisation } from '../../src/analysis/generate';

const params = new URLSearchParams(location.search);
const size = Number(params.get('size') ?? 500);
const seed = Number(params.get('seed') ?? 7);
const width = Number(params.get('w') ?? 1100);
const height = Number(params.get('h') ?? 800);

// Generating the organisation is not React Flow's work: it is timed and left out of open time.
const started = performance.now();
const doc = generateOrganisation(size, seed);
const nodes: Node[] = Object.values(doc.stakeholders).map((s) => ({ id: s.id, position: { x: s.x, y: s.y }, data: { label: s.name } }));
const edges: Edge[] = Object.values(doc.ties).map((t) => ({ id: t.id, source: t.source, target: t.target }));
(window as unknown as { __baseline: unknown }).__baseline = { generateMs: performance.now() - started, nodes: nodes.length, edges: edges.length };

const root = document.getElementById('root')!;
root.style.width = `${width}px`;
root.style.height = `${height}px`;
createRoot(root).render(<ReactFlow defaultNodes={nodes} defaultEdges={edges} fitView fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }} minZoom={0.05} maxZoom={2.5} />);
