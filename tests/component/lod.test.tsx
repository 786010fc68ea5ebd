import { act, waitFor } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapCanvas } from '../../src/canvas/MapCanvas';
import { buildScene, LOD_MIN_PEOPLE, LOD_ZOOM, personAt } from '../../src/canvas/lod/scene';
import { generateOrganisation } from '../../src/analysis/generate';
import { orgTree, subtreeOf } from '../../src/domain/org-tree';
import type { MapDocument } from '../../src/domain/types';
import { createNodeMapper, createEdgeMapper } from '../../src/canvas/flow-mapping';
import { makeServices, teamDoc } from './helpers';
import { fakeClientSize, fakeFlowViewSize, installCountingCanvas, type DrawCounts } from './fake-canvas';

/** Counts of drawing calls on every canvas (jsdom has none of its own). */
const drawn: DrawCounts = { fillRect: 0, lineTo: 0, stroke: 0 };

const restore: (() => void)[] = [];
beforeAll(() => {
  restore.push(installCountingCanvas(drawn));
  restore.push(fakeClientSize(800, 600));
});
afterAll(() => restore.forEach((r) => r()));

const LARGE = LOD_MIN_PEOPLE + 20;

function renderAt(zoom: number, doc: MapDocument = generateOrganisation(LARGE, 2), at = { x: 40, y: 40 }) {
  const services = makeServices();
  services.store.getState().openDocument(doc, { viewport: { ...at, zoom } });
  const view = services.renderUi(
    <ReactFlowProvider>
      <MapCanvas colorMode="light" />
    </ReactFlowProvider>,
  );
  return { ...services, view };
}

describe('level of detail on the canvas', () => {
  it('zoomed out on a large map: people are marks on the canvas layer, no cards or names', async () => {
    drawn.fillRect = 0;
    drawn.lineTo = 0;
    const doc = generateOrganisation(LARGE, 2);
    const { view, dispose } = renderAt(0.1, doc);
    const layer = view.container.querySelector('canvas.lod-layer') as HTMLCanvasElement;
    expect(layer).not.toBeNull();
    // The whole organisation fits in 800 x 600 px at zoom 0.1: every person is a mark.
    await waitFor(() => expect(layer.dataset.lodMarks).toBe(String(LARGE)));
    expect(layer.classList.contains('lod-layer--off')).toBe(false);
    expect(drawn.fillRect).toBeGreaterThanOrEqual(LARGE);
    expect(drawn.lineTo).toBeGreaterThanOrEqual(Object.keys(doc.ties).length);
    expect(view.container.querySelectorAll('.person__name-text')).toHaveLength(0);
    expect(view.container.querySelectorAll('.react-flow__edge')).toHaveLength(0);
    // No DOM node per person: React Flow holds none, the marks are hit-tested (lod/useLodPointer.ts).
    expect(view.container.querySelectorAll('.react-flow__node')).toHaveLength(0);
    // Keyboard users reach the people through one stand-in control, which says how many there are.
    expect(view.container.querySelector('[data-lod-entry]')?.textContent).toContain(`${LARGE} people`);
    dispose();
  });

  it('zoomed out with a team collapsed: the marks and the keyboard stand-in count only who is drawn', async () => {
    const doc = generateOrganisation(LARGE, 2);
    const { view, store, dispose } = renderAt(0.1, doc);
    const layer = view.container.querySelector('canvas.lod-layer') as HTMLCanvasElement;
    await waitFor(() => expect(layer.dataset.lodMarks).toBe(String(LARGE)));
    act(() => store.getState().collapseTeam('g-1'));
    const hidden = subtreeOf(orgTree(doc), 'g-1').length;
    expect(hidden).toBeGreaterThan(0);
    await waitFor(() => expect(layer.dataset.lodMarks).toBe(String(LARGE - hidden)));
    expect(view.container.querySelector('[data-lod-entry]')?.textContent).toContain(`${LARGE - hidden} people, zoomed out`);
    dispose();
  });

  it('zoomed out, a press on a mark selects that person, a double-click names them on one card, a press on empty canvas clears', async () => {
    const doc = generateOrganisation(LARGE, 2);
    // React Flow sees the pane the pointer uses (a named card out of its view would be culled).
    const flowSize = fakeFlowViewSize(800, 600);
    const { view, store, dispose } = renderAt(0.1, doc);
    const pane = await waitFor(() => {
      const el = view.container.querySelector('.react-flow__pane');
      expect(el).not.toBeNull();
      return el as HTMLElement;
    });
    // jsdom puts the pane at 0,0: a flow point is 40 + x * 0.1 on the page (the viewport above).
    const person = Object.values(doc.stakeholders)[LARGE - 1];
    const at = { clientX: 40 + (person.x + 20) * 0.1, clientY: 40 + (person.y + 20) * 0.1 };
    act(() => void pane.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, cancelable: true, button: 0, ...at })));
    expect([...store.getState().selectedNodes]).toEqual([person.id]);
    act(() => void pane.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, cancelable: true, button: 0, ...at })));
    expect(store.getState().renaming).toBe(person.id);
    // Named in place: the only node React Flow holds is that person's card.
    await waitFor(() => expect(view.container.querySelectorAll('.react-flow__node')).toHaveLength(1));
    expect(Object.keys(store.getState().doc!.stakeholders)).toHaveLength(LARGE);
    act(() => store.getState().setRenaming(null));
    const left = Math.min(...Object.values(doc.stakeholders).map((p) => p.x));
    const empty = { clientX: 40 + (left - 500) * 0.1, clientY: 40 + person.y * 0.1 };
    act(() => void pane.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, cancelable: true, button: 0, ...empty })));
    act(() => void pane.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...empty })));
    expect(store.getState().selectedNodes.size).toBe(0);
    dispose();
    flowSize();
  });

  it('zoomed in: full cards with names, and the canvas layer is off', async () => {
    const { view, dispose } = renderAt(1);
    await waitFor(() => expect(view.container.querySelectorAll('.person__name-text').length).toBeGreaterThan(0));
    const layer = view.container.querySelector('canvas.lod-layer') as HTMLCanvasElement;
    expect(layer.classList.contains('lod-layer--off')).toBe(true);
    expect(layer.dataset.lodMarks).toBeUndefined();
    dispose();
  });

  it('a small map keeps its cards and names at any zoom', async () => {
    const { view, dispose } = renderAt(LOD_ZOOM / 2, teamDoc());
    await waitFor(() => expect(view.container.querySelectorAll('.person__name-text')).toHaveLength(3));
    expect([...view.container.querySelectorAll('.person__name-text')].map((e) => e.textContent).sort()).toEqual(['Ann', 'Priya', 'Tom']);
    expect(view.container.querySelector('canvas.lod-layer')!.classList.contains('lod-layer--off')).toBe(true);
    dispose();
  });

  it('switches when the zoom crosses the threshold, mounting no card on the way', async () => {
    // Just above the threshold: one press of zoom out (1.2x) crosses it.
    const start = LOD_ZOOM * 1.1;
    expect(start / 1.2).toBeLessThan(LOD_ZOOM);
    const { view, dispose } = renderAt(start);
    await waitFor(() => expect(view.container.querySelectorAll('.person__name-text').length).toBeGreaterThan(0));
    const inView = view.container.querySelectorAll('.react-flow__node').length;
    // React Flow takes the emptied node list one render after the zoom: culling must hold through
    // that render, or every card of the map is mounted once on the way out (seconds at 20,000).
    let mounted = 0;
    const watch = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && n.matches('.react-flow__node')) mounted += 1;
    });
    watch.observe(view.container, { childList: true, subtree: true });
    const zoomOut = view.container.querySelector('.react-flow__controls-zoomout') as HTMLButtonElement;
    await act(async () => zoomOut.click());
    await waitFor(() => expect(view.container.querySelectorAll('.person__name-text')).toHaveLength(0));
    watch.disconnect();
    expect(mounted).toBeLessThanOrEqual(inView * 2);
    const layer = view.container.querySelector('canvas.lod-layer') as HTMLCanvasElement;
    await waitFor(() => expect(Number(layer.dataset.lodMarks)).toBeGreaterThan(0));
    dispose();
  });

  it("the controls' Fit View fits the whole map zoomed out, where React Flow holds no card to fit", async () => {
    const doc = generateOrganisation(LARGE, 2);
    const flowSize = fakeFlowViewSize(800, 600);
    const { view, dispose } = renderAt(0.05, doc, { x: -4000, y: -4000 });
    const viewport = () => {
      const m = /translate\(\s*([-\d.e]+)px,\s*([-\d.e]+)px\)\s*scale\(([-\d.e]+)\)/.exec((view.container.querySelector('.react-flow__viewport') as HTMLElement).style.transform)!;
      return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
    };
    await waitFor(() => expect(viewport().x).toBe(-4000));
    expect(view.container.querySelectorAll('.react-flow__node')).toHaveLength(0);
    const fit = view.container.querySelector('.react-flow__controls-fitview') as HTMLButtonElement;
    expect(fit.getAttribute('aria-label')).toBe('Fit View');
    await act(async () => fit.click());
    // Every person's card ends up inside the 800 x 600 pane.
    await waitFor(() => {
      const v = viewport();
      for (const p of Object.values(doc.stakeholders)) {
        expect(p.x * v.zoom + v.x).toBeGreaterThanOrEqual(0);
        expect(p.y * v.zoom + v.y).toBeGreaterThanOrEqual(0);
        expect(p.x * v.zoom + v.x).toBeLessThanOrEqual(800);
        expect(p.y * v.zoom + v.y).toBeLessThanOrEqual(600);
      }
    });
    dispose();
    flowSize();
  });
});

describe('level-of-detail scene', () => {
  it('flattens people and ties, keeping selection, fading and colour', () => {
    const base = teamDoc();
    const doc = { ...base, stakeholders: { priya: { ...base.stakeholders.priya, x: 0 }, tom: { ...base.stakeholders.tom, x: 400 }, ann: { ...base.stakeholders.ann, x: 800 } } };
    const nodes = createNodeMapper()(doc, new Set(['tom']), null, { faded: new Set(['ann']), colours: new Map([['priya', '#ff0000']]) });
    const edges = createEdgeMapper()(doc, new Set(['t1']));
    const scene = buildScene(nodes, edges);
    expect(scene.count).toBe(3);
    expect(scene.tieCount).toBe(3);
    const i = scene.ids.indexOf('tom');
    expect(scene.flags[i] & 1).toBe(1);
    expect(scene.flags[scene.ids.indexOf('ann')] & 2).toBe(2);
    expect(scene.colours[scene.colour[scene.ids.indexOf('priya')]]).toBe('#ff0000');
    expect(scene.colours[scene.colour[i]]).toBe('stance:unknown');
    expect(personAt(scene, scene.x[i] + 5, scene.y[i] + 5)).toBe(i);
    expect(personAt(scene, -1e6, -1e6)).toBe(-1);
    expect(scene.bounds.maxX).toBeGreaterThan(scene.bounds.minX);
  });
});
