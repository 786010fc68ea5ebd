/**
 * Zoomed out on large maps the level-of-detail layer draws ties on a canvas. A map's own tie kinds
 * must keep their colour and line style there, as on the cards' canvas (they were drawn grey).
 */
import { describe, expect, it } from 'vitest';
import { createEdgeMapper, createNodeMapper } from '../../../src/canvas/flow-mapping';
import { drawScene, lodPalette, viewFor } from '../../../src/canvas/lod/draw';
import { buildScene } from '../../../src/canvas/lod/scene';
import type { CustomTieKind, MapDocument } from '../../../src/domain/types';
import { LINE_DASH, PALETTE } from '../../../src/io/palette';
import { docOf, person, tie } from '../helpers/docs';

const mentor: CustomTieKind = { id: 'kind-mentor', name: 'Mentor', colour: 'rose', line: 'dotted', mutual: false, meaning: 'influence' };
const friend: CustomTieKind = { id: 'kind-friend', name: 'Friend', colour: 'sky', line: 'solid', mutual: true, meaning: 'shown' };

function mapWithOwnKinds(): MapDocument {
  const doc = docOf([person('a', { x: 0, y: 0 }), person('b', { x: 400, y: 0 }), person('c', { x: 0, y: 300 })], [
    { ...tie('t1', 'a', 'b', 'influence'), kind: mentor.id },
    { ...tie('t2', 'b', 'c', 'influence'), kind: friend.id, mutual: true },
    tie('t3', 'a', 'c', 'trust'),
  ]);
  return { ...doc, map: { ...doc.map, settings: { ...doc.map.settings, tieKinds: [mentor, friend] } } };
}

/** A 2D context that records the colour and dash of every stroke. */
function recordingContext(strokes: { colour: string; dash: number[] }[]): CanvasRenderingContext2D {
  let dash: number[] = [];
  const state: Record<string, unknown> = {
    setLineDash: (d: number[]) => (dash = [...d]),
    stroke: () => strokes.push({ colour: String(state.strokeStyle), dash }),
  };
  return new Proxy(state, {
    get: (target, key) => (typeof key === 'string' && key in target ? target[key] : () => undefined),
    set: (target, key, value) => ((target[key as string] = value), true),
  }) as unknown as CanvasRenderingContext2D;
}

describe('level of detail: ties of a map\'s own kinds', () => {
  for (const mode of ['light', 'dark'] as const) {
    it(`are drawn in their own colour and line style (${mode})`, () => {
      const doc = mapWithOwnKinds();
      const scene = buildScene(createNodeMapper()(doc, new Set(), null), createEdgeMapper()(doc, new Set()));
      const strokes: { colour: string; dash: number[] }[] = [];
      drawScene(recordingContext(strokes), scene, lodPalette(mode), viewFor(0, 0, 0.2, 2000, 2000));
      const theme = PALETTE[mode];
      expect(strokes).toContainEqual({ colour: theme.tieChoice.rose, dash: [...LINE_DASH.dotted!] });
      expect(strokes).toContainEqual({ colour: theme.tieChoice.sky, dash: [] });
      expect(strokes.map((s) => s.colour)).toContain(theme.tie.trust);
      // Nothing of a map's own kind falls back to the reporting-line grey.
      expect(strokes.map((s) => s.colour)).not.toContain(theme.tie['reports-to']);
      expect(strokes).toHaveLength(3);
    });
  }
});
