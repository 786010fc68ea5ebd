import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PALETTE } from '../../src/canvas/lod/draw';
import type { RasterDone, RasterJob } from '../../src/canvas/lod/raster-worker';
import { buildScene } from '../../src/canvas/lod/scene';
import type { StakeholderFlowNode, TieFlowEdge } from '../../src/canvas/flow-mapping';
import { installCountingCanvas, type DrawCounts } from './fake-canvas';

/**
 * A stand-in raster worker: jsdom has no OffscreenCanvas. Each job waits until the test answers
 * it, as a worker busy with 100,000 lines would.
 */
const jobs: { job: RasterJob; answer: () => void }[] = [];
vi.mock('../../src/domain/workers', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/domain/workers')>();
  return {
    ...real,
    startWorker: () => ({
      offThread: true,
      terminate: () => undefined,
      call: (_method: string, job: RasterJob) => {
        let answer = () => undefined as void;
        const promise = new Promise<RasterDone>((resolve) => {
          answer = () => resolve({ id: job.id, bitmap: { close: () => undefined, width: job.width, height: job.height } as unknown as ImageBitmap, marks: job.scene.count, ties: job.scene.tieCount, ms: 1 });
        });
        jobs.push({ job, answer });
        return { promise, cancel: () => undefined };
      },
    }),
  };
});

const { LodRenderer } = await import('../../src/canvas/lod/renderer');

const drawn: DrawCounts = {};
let restore: () => void = () => undefined;
beforeAll(() => {
  restore = installCountingCanvas(drawn);
});
afterAll(() => restore());

/** A heavy map (over what the main thread draws itself): a grid of people, each tied to the next. */
function heavyScene(people: number) {
  const nodes = Array.from({ length: people }, (_, i) => ({
    id: `p${i}`,
    position: { x: (i % 100) * 200, y: Math.floor(i / 100) * 120 },
    width: 150,
    height: 76,
    data: { person: { stance: 'neutral' }, faded: false, isMe: false, colour: '' },
  })) as unknown as StakeholderFlowNode[];
  const edges = nodes.slice(1).map((n, i) => ({ id: `t${i}`, source: nodes[i].id, target: n.id, data: { tie: { kind: 'influence' }, faded: false, highlighted: false } })) as unknown as TieFlowEdge[];
  return buildScene(nodes, edges);
}

const settle = () => new Promise((r) => setTimeout(r, 0));

/** A renderer of 800 x 600 at this transform, given the heavy scene and asked for its first frame (no jobs before). */
function openAt(tx: number, ty: number, zoom: number) {
  jobs.length = 0;
  const renderer = new LodRenderer(document.createElement('canvas'), DEFAULT_PALETTE);
  renderer.setSize(800, 600);
  renderer.setTransform(tx, ty, zoom);
  renderer.setScene(heavyScene(5000));
  renderer.render(true);
  return renderer;
}

describe('the first image of a large map', () => {
  it('shows the people first and then the ties, both rasterised off the page', async () => {
    const scene = heavyScene(5000);
    const canvas = document.createElement('canvas');
    const renderer = new LodRenderer(canvas, DEFAULT_PALETTE);
    renderer.setSize(800, 600);
    renderer.setScene(scene);
    renderer.render(true);
    // Nothing on screen yet: the worker is asked for the marks alone.
    expect(jobs).toHaveLength(1);
    expect(jobs[0].job.scene.count).toBe(5000);
    expect(jobs[0].job.scene.tieCount).toBe(0);
    jobs[0].answer();
    await settle();
    renderer.render();
    expect(renderer.info.marks).toBe(5000);
    expect(renderer.info.ties).toBe(0);
    // The marks stay up while the whole scene, ties too, is rasterised.
    expect(jobs).toHaveLength(2);
    expect(jobs[1].job.scene.tieCount).toBe(4999);
    drawn.drawImage = 0;
    renderer.render();
    expect(drawn.drawImage).toBe(1);
    jobs[1].answer();
    await settle();
    renderer.render();
    expect(renderer.info.ties).toBe(4999);
    expect(renderer.info.current).toBe(true);
    // The view is drawn whole: the map around it is asked for next, for pans, once.
    expect(jobs).toHaveLength(3);
    expect(jobs[2].job.scene.tieCount).toBe(4999);
    renderer.render();
    expect(jobs).toHaveLength(3);
    jobs[2].answer();
    await settle();
    renderer.render();
    renderer.render();
    expect(jobs).toHaveLength(3);
    renderer.dispose();
  });

  it('the first images, marks and then ties, are of the view alone; then the whole map', async () => {
    // 100 x 50 people 200 x 120 apart: 2,000 x 600 px at zoom 0.1, in a view of 800 x 600.
    const renderer = openAt(0, 0, 0.1);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].job.width).toBeLessThanOrEqual(800);
    expect(jobs[0].job.height).toBeLessThanOrEqual(600);
    jobs[0].answer();
    await settle();
    renderer.render();
    expect(renderer.info.marks).toBe(5000);
    expect(jobs).toHaveLength(2);
    expect(jobs[1].job.width).toBeLessThanOrEqual(800);
    expect(jobs[1].job.scene.tieCount).toBe(4999);
    jobs[1].answer();
    await settle();
    renderer.render();
    expect(renderer.info.current).toBe(true);
    expect(jobs).toHaveLength(3);
    expect(jobs[2].job.width).toBeGreaterThanOrEqual(2000);
    expect(jobs[2].job.scene.tieCount).toBe(4999);
    // A pan across the map once the whole of it is back: one drawImage, no new job.
    jobs[2].answer();
    await settle();
    renderer.setTransform(-1000, 0, 0.1);
    renderer.render();
    expect(renderer.info.current).toBe(true);
    expect(jobs).toHaveLength(3);
    renderer.dispose();
  });

  it('is of the view alone after the canvas first showed an empty scene, as an opening map’s does before its people are mapped', async () => {
    // MapCanvas mounts the layer with no nodes; that empty scene is drawn on the page and cached.
    jobs.length = 0;
    const renderer = new LodRenderer(document.createElement('canvas'), DEFAULT_PALETTE);
    renderer.setSize(800, 600);
    renderer.setTransform(0, 0, 0.1);
    renderer.setScene(buildScene([], []));
    renderer.render(true);
    expect(jobs).toHaveLength(0);
    renderer.setScene(heavyScene(5000));
    renderer.render(true);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].job.width).toBeLessThanOrEqual(800);
    expect(jobs[0].job.scene.tieCount).toBe(0);
    renderer.dispose();
  });

  it('zoomed in past what one image holds, with the view over the map’s edge: the region drawn covers it, and nothing more is asked for', async () => {
    // 20,000 x 6,000 px at zoom 1: too big for one image, so a region around the view is drawn,
    // cut at the map's left and top edges, which the view hangs over.
    const renderer = openAt(300, 200, 1);
    for (let i = 0; i < 3 && jobs.length > i; i++) {
      jobs[i].answer();
      await settle();
      renderer.render();
    }
    expect(renderer.info.current).toBe(true);
    const asked = jobs.length;
    renderer.render();
    renderer.render();
    expect(jobs).toHaveLength(asked);
    expect(asked).toBeLessThanOrEqual(3);
    renderer.dispose();
  });
});
