import { act, fireEvent, waitFor } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapCanvas } from '../../src/canvas/MapCanvas';
import { minimapFrame } from '../../src/canvas/lod/LodMiniMap';
import { LOD_MIN_PEOPLE } from '../../src/canvas/lod/scene';
import { generateOrganisation } from '../../src/analysis/generate';
import type { MapDocument } from '../../src/domain/types';
import { makeServices, teamDoc } from './helpers';
import { fakeClientSize, installCountingCanvas, type DrawCounts } from './fake-canvas';

/** Counts of drawing calls on every canvas (jsdom has none of its own). */
const drawn: DrawCounts = { fillRect: 0 };
const restore: (() => void)[] = [];
beforeAll(() => {
  restore.push(installCountingCanvas(drawn));
  restore.push(fakeClientSize(800, 600));
});
afterAll(() => restore.forEach((r) => r()));

function renderMap(doc: MapDocument, zoom = 0.1) {
  const services = makeServices();
  services.store.getState().openDocument(doc, { viewport: { x: 40, y: 40, zoom } });
  const view = services.renderUi(
    <ReactFlowProvider>
      <MapCanvas colorMode="light" />
    </ReactFlowProvider>,
  );
  return { ...services, view };
}

const transformOf = (container: HTMLElement) => (container.querySelector('.react-flow__viewport') as HTMLElement).style.transform;

describe('minimap of a large map', () => {
  it('is one canvas with a mark per person, not an SVG rect per person', async () => {
    drawn.fillRect = 0;
    const people = LOD_MIN_PEOPLE + 20;
    const { view, dispose } = renderMap(generateOrganisation(people, 3));
    const minimap = await waitFor(() => view.getByRole('img', { name: 'Minimap' }));
    expect(minimap.tagName).toBe('CANVAS');
    expect(view.container.querySelectorAll('.react-flow__minimap-node')).toHaveLength(0);
    await waitFor(() => expect(drawn.fillRect).toBeGreaterThanOrEqual(people));
    dispose();
  });

  it('zooms the map when scrolled', async () => {
    const { view, dispose } = renderMap(generateOrganisation(LOD_MIN_PEOPLE + 20, 3), 0.2);
    const minimap = await waitFor(() => view.getByRole('img', { name: 'Minimap' }));
    const before = transformOf(view.container);
    await act(async () => void fireEvent.wheel(minimap, { deltaY: -200 }));
    await waitFor(() => expect(transformOf(view.container)).not.toBe(before));
    const scale = Number(/scale\(([\d.]+)\)/.exec(transformOf(view.container))![1]);
    expect(scale).toBeGreaterThan(0.2);
    dispose();
  });

  it('a small map keeps React Flow’s SVG minimap', async () => {
    const { view, dispose } = renderMap(teamDoc(), 1);
    const minimap = await waitFor(() => view.getByRole('img', { name: 'Minimap' }));
    expect(minimap.tagName.toLowerCase()).toBe('svg');
    dispose();
  });

  it('frames the people and the view together', () => {
    const f = minimapFrame({ minX: 0, minY: 0, maxX: 2000, maxY: 1500 }, { x: 0, y: 0, width: 1000, height: 500 });
    // 2,000 x 1,500 flow units fit 200 x 150 px at 10 units per px; a 5 px margin (50 units) each side.
    expect(f.scale).toBeCloseTo(2100 / 200, 5);
    expect(f.x).toBeCloseTo(-50, 5);
    const wide = minimapFrame({ minX: 0, minY: 0, maxX: 100, maxY: 100 }, { x: -1000, y: 0, width: 3000, height: 100 });
    expect(wide.x).toBeLessThanOrEqual(-1000);
    expect(wide.x + wide.scale * 200).toBeGreaterThanOrEqual(2000);
  });
});
