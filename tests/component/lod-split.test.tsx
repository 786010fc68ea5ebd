import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdgeMapper, createNodeMapper } from '../../src/canvas/flow-mapping';
import { drawScene, DEFAULT_PALETTE, viewFor } from '../../src/canvas/lod/draw';
import { LodRenderer } from '../../src/canvas/lod/renderer';
import { createSceneSplitter, MARK_HIDDEN, MARK_SELECTED, TIE_SELECTED } from '../../src/canvas/lod/scene';
import { createTie } from '../../src/domain/factories';
import { moveStakeholders, updateTie } from '../../src/domain/operations';
import type { MapDocument } from '../../src/domain/types';
import { teamDoc } from './helpers';
import { countingContext, installCountingCanvas, type DrawCounts } from './fake-canvas';

/** Counts of drawing calls on every canvas (jsdom has none of its own). */
const drawn: DrawCounts = { fillRect: 0, strokeRect: 0, lineTo: 0 };
const restore: (() => void)[] = [];
beforeAll(() => {
  restore.push(installCountingCanvas(drawn));
});
afterAll(() => restore.forEach((r) => r()));

const none = new Set<string>();

function spreadDoc(): MapDocument {
  const base = teamDoc();
  return { ...base, stakeholders: { priya: { ...base.stakeholders.priya, x: 0 }, tom: { ...base.stakeholders.tom, x: 400 }, ann: { ...base.stakeholders.ann, x: 800 } } };
}

describe('edge mapping on large maps', () => {
  it('returns the same array when nothing about the ties changed, a new one when a tie did', () => {
    const doc = spreadDoc();
    const map = createEdgeMapper();
    const first = map(doc, none);
    expect(map(doc, none, { badges: new Map([['tom', 'Broker']]) })).toBe(first);
    const selected = map(doc, new Set(['t1']));
    expect(selected).not.toBe(first);
    expect(selected.find((e) => e.id === 't1')!.selected).toBe(true);
    const edited = updateTie(doc, 't1', { strength: 1 });
    if (!edited.ok) throw new Error(edited.error);
    const after = map(edited.doc, new Set(['t1']));
    expect(after).not.toBe(selected);
    expect(after.find((e) => e.id === 't1')!.data!.tie.strength).toBe(1);
  });

  it('keeps parallel ties in their lanes through edits, and re-lanes when a tie is added', () => {
    const doc = spreadDoc();
    const parallel = createTie('tom', 'priya', 'trust', { id: 't4' });
    const withFour = { ...doc, ties: { ...doc.ties, t4: parallel } };
    const map = createEdgeMapper();
    const lanes = (edges: ReturnType<typeof map>) => Object.fromEntries(edges.map((e) => [e.id, `${e.data!.lane}/${e.data!.lanes}`]));
    expect(lanes(map(doc, none))).toEqual({ t1: '0/1', t2: '0/1', t3: '0/1' });
    expect(lanes(map(withFour, none))).toEqual({ t1: '0/2', t2: '0/1', t3: '0/1', t4: '1/2' });
    const edited = updateTie(withFour, 't4', { strength: 1 });
    if (!edited.ok) throw new Error(edited.error);
    expect(lanes(map(edited.doc, none))).toEqual({ t1: '0/2', t2: '0/1', t3: '0/1', t4: '1/2' });
    expect(lanes(map(doc, none))).toEqual({ t1: '0/1', t2: '0/1', t3: '0/1' });
  });

  it('fans out every tie between the same two people, either way round, in the order the ties come', () => {
    const doc = spreadDoc();
    const [a, b, c] = Object.keys(doc.stakeholders);
    const ties = { p1: createTie(a, b, 'influence', { id: 'p1' }), p2: createTie(b, c, 'trust', { id: 'p2' }), p3: createTie(b, a, 'trust', { id: 'p3' }), p4: createTie(c, a, 'trust', { id: 'p4' }), p5: createTie(a, b, 'tension', { id: 'p5' }) };
    const edges = createEdgeMapper()({ ...doc, ties }, none);
    expect(Object.fromEntries(edges.map((e) => [e.id, `${e.data!.lane}/${e.data!.lanes}`]))).toEqual({ p1: '0/3', p2: '0/1', p3: '1/3', p4: '0/1', p5: '2/3' });
  });
});

describe('level-of-detail scene split', () => {
  it('selecting keeps the cached base and draws the selection on top', () => {
    const doc = spreadDoc();
    const nodes = createNodeMapper();
    const edges = createEdgeMapper();
    const split = createSceneSplitter();
    const before = split(nodes(doc, none, null), edges(doc, none), null);
    expect(before.top).toBeNull();
    expect(before.base.count).toBe(3);
    const after = split(nodes(doc, new Set(['tom']), null), edges(doc, new Set(['t2'])), null);
    expect(after.base).toBe(before.base);
    const top = after.top!;
    // Tom outlined (his mark is in the base), t2 drawn selected, its other end only a line's end.
    const tom = top.ids.indexOf('tom');
    expect(top.flags[tom] & (MARK_SELECTED | MARK_HIDDEN)).toBe(MARK_SELECTED | MARK_HIDDEN);
    expect(top.tieCount).toBe(1);
    expect(top.tieStyle[0] % 4).toBe(TIE_SELECTED);
    drawn.fillRect = drawn.strokeRect = 0;
    const ctx = countingContext(drawn);
    drawScene(ctx, top, DEFAULT_PALETTE, viewFor(0, 0, 0.2, 1000, 1000));
    expect(drawn.fillRect).toBe(0);
    expect(drawn.strokeRect).toBe(1);
  });

  it('a drag reuses the base without the dragged person; the drop rebuilds it', () => {
    const doc = spreadDoc();
    const nodes = createNodeMapper();
    const edges = createEdgeMapper();
    const split = createSceneSplitter();
    const sel = new Set(['ann']);
    const idle = split(nodes(doc, sel, null), edges(doc, none), null);
    const step1 = split(nodes(doc, sel, { ann: { x: 810, y: 10 } }), edges(doc, none), ['ann']);
    expect(step1.base).not.toBe(idle.base);
    expect(step1.base.ids).toEqual(['priya', 'tom']);
    expect(step1.base.tieCount).toBe(1);
    const step2 = split(nodes(doc, sel, { ann: { x: 840, y: 30 } }), edges(doc, none), ['ann']);
    expect(step2.base).toBe(step1.base);
    const top = step2.top!;
    const ann = top.ids.indexOf('ann');
    expect(top.x[ann]).toBe(840);
    expect(top.flags[ann] & MARK_HIDDEN).toBe(0);
    // Ann's two ties (to Tom and to Priya) follow her; their other ends are not redrawn.
    expect(top.tieCount).toBe(2);
    expect(top.flags[top.ids.indexOf('tom')] & MARK_HIDDEN).toBe(MARK_HIDDEN);
    const dropped = moveStakeholders(doc, { ann: { x: 840, y: 30 } });
    const end = split(nodes(dropped, sel, null), edges(dropped, none), null);
    expect(end.base).not.toBe(step2.base);
    expect(end.base.count).toBe(3);
    expect(end.base.x[end.base.ids.indexOf('ann')]).toBe(840);
  });

  it('zoomed out a drag keeps one node list: the moving person is drawn where the drag has them', () => {
    const doc = spreadDoc();
    const edges = createEdgeMapper()(doc, none);
    const sel = new Set(['ann']);
    // The canvas no longer bakes drag positions into the nodes zoomed out (MapCanvas): one list.
    const list = createNodeMapper()(doc, sel, null);
    const split = createSceneSplitter();
    const step1 = split(list, edges, ['ann'], { ann: { x: 810, y: 10 } });
    expect(step1.base.ids).toEqual(['priya', 'tom']);
    const step2 = split(list, edges, ['ann'], { ann: { x: 840, y: 30 } });
    expect(step2.base).toBe(step1.base);
    const top = step2.top!;
    const ann = top.ids.indexOf('ann');
    expect([top.x[ann], top.y[ann]]).toEqual([840, 30]);
    // Her ties follow her; Tom and Priya are only their ends (drawn on the base).
    expect(top.tieCount).toBe(2);
    expect(top.flags[top.ids.indexOf('tom')] & MARK_HIDDEN).toBe(MARK_HIDDEN);
    // The node list itself is untouched: Ann is still where she was before the drag.
    expect(list.find((n) => n.id === 'ann')!.position.x).toBe(800);
  });

  it('the renderer redraws its cached image once per base, not per drag frame', () => {
    const doc = spreadDoc();
    const nodes = createNodeMapper();
    const edges = createEdgeMapper();
    const split = createSceneSplitter();
    const canvas = document.createElement('canvas');
    const renderer = new LodRenderer(canvas, DEFAULT_PALETTE);
    renderer.setSize(800, 600);
    let scene = split(nodes(doc, none, null), edges(doc, none), null);
    renderer.setScene(scene.base, scene.top);
    renderer.render();
    expect(renderer.info.renders).toBe(1);
    for (let i = 1; i <= 5; i++) {
      scene = split(nodes(doc, new Set(['ann']), { ann: { x: 800 + i * 10, y: 0 } }), edges(doc, none), ['ann']);
      renderer.setScene(scene.base, scene.top);
      renderer.render();
    }
    // One redraw for the base without Ann, none for the five drag frames after it.
    expect(renderer.info.renders).toBe(2);
    expect(renderer.info.frames).toBe(6);
    renderer.dispose();
  });
});
