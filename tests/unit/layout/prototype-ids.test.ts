/** Issue 16 item 9: person ids named like Object.prototype members in the layouts. */
import { describe, expect, it } from 'vitest';
import { networkLayout } from '../../../src/layout/network';
import type { LayoutInput } from '../../../src/layout/types';

describe('network layout with ids such as "constructor" and "__proto__"', () => {
  it('places every person and keeps the ties between them', () => {
    const ids = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a'];
    const input: LayoutInput = {
      cards: ids.map((id, i) => ({ id, width: 180, height: 76, x: i * 300, y: 0 })),
      ties: ids.slice(1).map((id, i) => ({ source: ids[i], target: id, kind: 'trust' as const, strength: 2 })),
    } as LayoutInput;
    const positions = networkLayout(input, { now: () => 0 });
    for (const id of ids) {
      expect(Object.hasOwn(positions, id)).toBe(true);
      expect(Number.isFinite(positions[id].x) && Number.isFinite(positions[id].y)).toBe(true);
    }
    expect(Object.keys(positions)).toHaveLength(ids.length);
  });
});
