import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/domain/defaults';
import { MapMetaSchema, restore, StakeholderSchema, TieSchema } from '../../../src/domain/schemas';
import { person, tie } from '../helpers/docs';

function restored<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('StakeholderSchema restore', () => {
  it('keeps a valid record exactly', () => {
    const p = person('p', { name: 'Priya', tags: ['sales'], cadenceDays: 14, nextFollowUp: '2024-05-01', interactions: [{ id: 'i', date: '2024-01-01', kind: 'coffee', note: 'hi' }] });
    expect(restored(restore(StakeholderSchema, p))).toEqual(p);
  });

  it('fills every missing field with its default', () => {
    expect(restored(restore(StakeholderSchema, { id: 'p' }))).toEqual({
      id: 'p',
      name: '',
      title: '',
      department: '',
      seniority: 3,
      influence: 3,
      interest: 3,
      stance: 'unknown',
      tags: [],
      notes: '',
      email: '',
      x: 0,
      y: 0,
      cadenceDays: null,
      nextFollowUp: null,
      interactions: [],
    });
  });

  it('replaces malformed fields and keeps the valid ones', () => {
    const value = restored(
      restore(StakeholderSchema, { id: 'p', name: 'Tom', influence: 'lots', interest: 9, stance: 'hostile', x: Number.NaN, y: 12, tags: 'a,b', nextFollowUp: 'soon', cadenceDays: -3 }),
    );
    expect(value).toMatchObject({ name: 'Tom', influence: 3, interest: 3, stance: 'unknown', x: 0, y: 12, tags: [], nextFollowUp: null, cadenceDays: null });
  });

  it('drops bad interactions one by one and keeps the good ones', () => {
    const good1 = { id: 'i1', date: '2024-01-01', kind: 'coffee', note: 'a' };
    const good2 = { id: 'i4', date: '2024-02-01', kind: 'meeting', note: 'b' };
    const value = restored(
      restore(StakeholderSchema, {
        id: 'p',
        interactions: [good1, { id: 'i2', date: 'yesterday', kind: 'coffee', note: '' }, { date: '2024-01-01' }, 'junk', good2, { id: 'i5', date: '2024-03-01', kind: 'telepathy', note: 'c' }],
      }),
    );
    expect(value.interactions).toEqual([good1, good2, { id: 'i5', date: '2024-03-01', kind: 'other', note: 'c' }]);
  });

  it('rejects a record without an id, saying why', () => {
    const result = restore(StakeholderSchema, { name: 'Nobody' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^id:/);
    expect(restore(StakeholderSchema, { id: '' }).ok).toBe(false);
    expect(restore(StakeholderSchema, null).ok).toBe(false);
  });
});

describe('TieSchema restore', () => {
  it('keeps a valid tie and defaults strength, direction and note', () => {
    const t = tie('t', 'a', 'b', 'trust', { mutual: true, strength: 1, note: 'n' });
    expect(restored(restore(TieSchema, t))).toEqual(t);
    expect(restored(restore(TieSchema, { id: 't', source: 'a', target: 'b', kind: 'influence', strength: 7 }))).toEqual({
      id: 't',
      source: 'a',
      target: 'b',
      kind: 'influence',
      strength: 2,
      mutual: false,
      note: '',
    });
  });

  it('keeps a tie of a kind it does not know (restoreDocument decides), rejects one without a kind or ends', () => {
    // A custom kind's id is any text; whether the map defines it is restoreDocument's question.
    const custom = restore(TieSchema, { id: 't', source: 'a', target: 'b', kind: 'friendship' });
    expect(custom.ok && custom.value.kind).toBe('friendship');
    const none = restore(TieSchema, { id: 't', source: 'a', target: 'b' });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error).toMatch(/^kind:/);
    expect(restore(TieSchema, { id: 't', source: 'a', kind: 'trust' }).ok).toBe(false);
    expect(restore(TieSchema, { source: 'a', target: 'b', kind: 'trust' }).ok).toBe(false);
  });
});

describe('MapMetaSchema restore', () => {
  it('fills default settings and name', () => {
    expect(restored(restore(MapMetaSchema, { id: 'm' }))).toEqual({ id: 'm', name: 'Untitled map', createdAt: 0, updatedAt: 0, settings: defaultSettings(), meId: null });
  });

  it('clamps the leadership level into the levels and gives every level a cadence', () => {
    const value = restored(restore(MapMetaSchema, { id: 'm', name: 'x', settings: { levels: ['A', 'B', 'C'], leadershipLevel: 7, cadenceDays: [10] } }));
    expect(value.settings).toEqual({ levels: ['A', 'B', 'C'], leadershipLevel: 2, cadenceDays: [10, 30, 45] });
  });

  it('falls back to the default levels when the stored ones are unusable', () => {
    const value = restored(restore(MapMetaSchema, { id: 'm', settings: { levels: [], leadershipLevel: 'x' } }));
    expect(value.settings).toEqual(defaultSettings());
  });
});

describe('tags restore one by one', () => {
  it('drops only the bad tags and cuts an over-long one to the limit instead of dropping it', async () => {
    const { StakeholderSchema } = await import('../../../src/domain/schemas');
    const parsed = StakeholderSchema.parse({ id: 'p', tags: ['ok', 'x'.repeat(201), 42, '', 'fine'] });
    expect(parsed.tags).toEqual(['ok', 'x'.repeat(200), 'fine']);
  });
});
