import { describe, expect, it } from 'vitest';
import { createWhatIfStore } from '../../../src/state/what-if';

describe('what-if state', () => {
  it('adds people once, puts them back, and closes when nobody is left out', () => {
    const s = createWhatIfStore();
    s.getState().start('a');
    s.getState().add('b');
    s.getState().add('a');
    expect(s.getState().removedIds).toEqual(['a', 'b']);
    expect(s.getState().status).toBe('working');
    s.getState().restore('a');
    expect(s.getState().removedIds).toEqual(['b']);
    s.getState().setResult(null, 'ready');
    s.getState().restore('b');
    expect(s.getState()).toMatchObject({ removedIds: [], result: null, status: 'idle' });
  });
});
