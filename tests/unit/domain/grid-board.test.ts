import { describe, expect, it } from 'vitest';
import { createSampleOrganisation } from '../../../src/domain/sample';
import { boardBox, boardCell, boardLayout, boardQuadrants, boardScoresAt, BOARD_OPTIONS, gridBoard, labelBand } from '../../../src/domain/grid-board';

const doc = createSampleOrganisation(0);
const half = { w: BOARD_OPTIONS.chipWidth / 2, h: BOARD_OPTIONS.chipHeight / 2 };

describe('power/interest grid board', () => {
  it('takes the canvas’s shape', () => {
    for (const aspect of [0.7, 1.4, 2.5]) {
      const box = boardBox(gridBoard(doc, aspect));
      expect(box.width / box.height).toBeCloseTo(aspect, 5);
    }
  });

  it('puts every person inside their own cell, and a drop there gives their scores back', () => {
    const board = gridBoard(doc, 1.4);
    const centres = boardLayout(doc, board);
    for (const s of Object.values(doc.stakeholders)) {
      const c = centres[s.id];
      const { content } = boardCell(board, s);
      expect(c.x - half.w).toBeGreaterThanOrEqual(content.x - 0.001);
      expect(c.x + half.w).toBeLessThanOrEqual(content.x + content.width + 0.001);
      expect(c.y - half.h).toBeGreaterThanOrEqual(content.y - 0.001);
      expect(c.y + half.h).toBeLessThanOrEqual(content.y + content.height + 0.001);
      expect(boardScoresAt(board, c)).toEqual({ influence: s.influence, interest: s.interest });
    }
  });

  it('keeps every quadrant’s label band free of people', () => {
    const board = gridBoard(doc, 1.4);
    const centres = Object.values(boardLayout(doc, board));
    for (const q of boardQuadrants(board)) {
      const band = labelBand(board, q);
      for (const c of centres) {
        const clear = c.y - half.h >= band.y + band.height || c.x + half.w <= band.x || c.x - half.w >= band.x + band.width || c.y + half.h <= band.y;
        expect(clear).toBe(true);
      }
    }
  });

  it('no two chips overlap', () => {
    const board = gridBoard(doc, 1);
    const centres = Object.values(boardLayout(doc, board));
    for (let i = 0; i < centres.length; i++)
      for (let j = i + 1; j < centres.length; j++) {
        const apart = Math.abs(centres[i].x - centres[j].x) >= BOARD_OPTIONS.chipWidth || Math.abs(centres[i].y - centres[j].y) >= BOARD_OPTIONS.chipHeight;
        expect(apart).toBe(true);
      }
  });
});
