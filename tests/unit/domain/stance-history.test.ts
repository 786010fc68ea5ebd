import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { restoreDocument } from '../../../src/domain/restore';
import { dayText, isShortOfTarget, parseStanceHistory, recordStanceChange, stanceGap, stanceHistoryText, stanceTimeline, writeStanceHistory, type DatedVersion } from '../../../src/domain/stance-history';
import type { MapDocument, Stance, StanceChange } from '../../../src/domain/types';
import { exportPeopleCsv, importPeopleCsv, parseCsvTable } from '../../../src/io/csv';
import { exportGexf, importGexf } from '../../../src/io/gexf';
import { exportGraphml, importGraphml } from '../../../src/io/graphml';
import { exportMapJson, readMapJson, redactDocument } from '../../../src/io/map-file';
import { createEditorStore } from '../../../src/state/store';
import { docOf, person } from '../helpers/docs';

const withStance = (doc: MapDocument, id: string, stance: Stance, extra: Partial<MapDocument['stakeholders'][string]> = {}): MapDocument => ({
  ...doc,
  stakeholders: { ...doc.stakeholders, [id]: { ...doc.stakeholders[id], stance, ...extra } },
});

describe('recording stance changes', () => {
  it('appends one dated change per day, oldest first', () => {
    let h = recordStanceChange(undefined, 'sceptic', 'neutral', '2026-03-12');
    h = recordStanceChange(h, 'neutral', 'supporter', '2026-06-03');
    expect(h).toEqual([
      { date: '2026-03-12', from: 'sceptic', to: 'neutral' },
      { date: '2026-06-03', from: 'neutral', to: 'supporter' },
    ]);
  });

  it('a correction the same day replaces that day\'s change; changing back removes it', () => {
    const first = recordStanceChange(undefined, 'sceptic', 'neutral', '2026-03-12');
    expect(recordStanceChange(first, 'neutral', 'champion', '2026-03-12')).toEqual([{ date: '2026-03-12', from: 'sceptic', to: 'champion' }]);
    expect(recordStanceChange(first, 'neutral', 'sceptic', '2026-03-12')).toEqual([]);
    expect(recordStanceChange(first, 'neutral', 'neutral', '2026-03-13')).toEqual(first);
  });

  it('keeps at most 200 changes, dropping the oldest', () => {
    let h: StanceChange[] = [];
    const stances: Stance[] = ['sceptic', 'neutral'];
    for (let i = 0; i < 205; i++) h = recordStanceChange(h, stances[i % 2], stances[(i + 1) % 2], `2020-01-01`.replace('01-01', `${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`));
    expect(h).toHaveLength(200);
    expect(h[0].date).toBe('2020-01-06');
  });
});

describe('editing the stance in the store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 2, 12, 10));
  });
  afterEach(() => vi.useRealTimers());

  it('records the date of the change, and one undo takes back both the stance and its history entry', () => {
    const store = createEditorStore();
    store.getState().openDocument(docOf([person('ann', { stance: 'sceptic' })]));
    store.getState().updateStakeholder('ann', { stance: 'neutral' });
    expect(store.getState().doc!.stakeholders.ann).toMatchObject({ stance: 'neutral', stanceHistory: [{ date: '2026-03-12', from: 'sceptic', to: 'neutral' }] });
    vi.setSystemTime(new Date(2026, 5, 3, 10));
    store.getState().updateStakeholder('ann', { stance: 'supporter' });
    expect(store.getState().doc!.stakeholders.ann.stanceHistory).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().doc!.stakeholders.ann).toMatchObject({ stance: 'neutral', stanceHistory: [{ date: '2026-03-12', from: 'sceptic', to: 'neutral' }] });
    store.getState().undo();
    expect(store.getState().doc!.stakeholders.ann.stance).toBe('sceptic');
    expect(store.getState().doc!.stakeholders.ann.stanceHistory).toBeUndefined();
  });

  it('editing other fields or the target records no change', () => {
    const store = createEditorStore();
    store.getState().openDocument(docOf([person('ann', { stance: 'sceptic' })]));
    store.getState().updateStakeholder('ann', { title: 'CFO', targetStance: 'supporter' });
    store.getState().updateStakeholder('ann', { stance: 'sceptic' });
    expect(store.getState().doc!.stakeholders.ann.stanceHistory).toBeUndefined();
    expect(store.getState().doc!.stakeholders.ann.targetStance).toBe('supporter');
  });
});

describe('history from snapshots and edits', () => {
  const base = docOf([person('ann', { stance: 'sceptic' }), person('ben', { stance: 'neutral' })]);
  const versions: DatedVersion[] = [
    { date: '2026-06-03', doc: withStance(base, 'ann', 'supporter') },
    { date: '2026-01-05', doc: base },
    { date: '2026-03-12', doc: withStance(base, 'ann', 'neutral') },
  ];

  it('reads changes between snapshots, dated by the later snapshot, in date order', () => {
    const now = withStance(base, 'ann', 'supporter');
    const timeline = stanceTimeline(now, 'ann', versions);
    expect(timeline).toEqual([
      { date: '2026-03-12', from: 'sceptic', to: 'neutral', dated: 'by' },
      { date: '2026-06-03', from: 'neutral', to: 'supporter', dated: 'by' },
    ]);
    expect(stanceHistoryText(timeline)).toBe('Sceptic → Neutral (by 12 Mar 2026) → Supporter (by 3 Jun 2026)');
    expect(stanceTimeline(now, 'ben', versions)).toEqual([]);
  });

  it('a change since the last snapshot that no edit recorded is dated "after" it', () => {
    const now = withStance(base, 'ann', 'champion');
    expect(stanceTimeline(now, 'ann', versions).at(-1)).toEqual({ date: '2026-06-03', from: 'supporter', to: 'champion', dated: 'after' });
  });

  it('recorded edits take over from the first one on; snapshots from that day on are not read again', () => {
    const now = withStance(base, 'ann', 'champion', { stanceHistory: [{ date: '2026-06-03', from: 'neutral', to: 'champion' }] });
    const timeline = stanceTimeline(now, 'ann', versions);
    expect(timeline).toEqual([
      { date: '2026-03-12', from: 'sceptic', to: 'neutral', dated: 'by' },
      { date: '2026-06-03', from: 'neutral', to: 'champion', dated: 'on' },
    ]);
    expect(stanceHistoryText(timeline)).toBe('Sceptic → Neutral (by 12 Mar 2026) → Champion (3 Jun 2026)');
  });

  it('pairs a person across versions by name when ids were renewed (locking)', () => {
    const renamedIds = docOf([person('x1', { name: 'ann', stance: 'blocker' })]);
    expect(stanceTimeline(base, 'ann', [{ date: '2025-12-01', doc: renamedIds }])).toEqual([{ date: '2025-12-01', from: 'blocker', to: 'sceptic', dated: 'after' }]);
  });

  it('with edits only, the line starts from the first stance', () => {
    const now = withStance(base, 'ann', 'supporter', { stanceHistory: [{ date: '2026-03-12', from: 'sceptic', to: 'neutral' }, { date: '2026-06-03', from: 'neutral', to: 'supporter' }] });
    expect(stanceHistoryText(stanceTimeline(now, 'ann', []))).toBe('Sceptic → Neutral (12 Mar 2026) → Supporter (3 Jun 2026)');
    expect(stanceHistoryText([])).toBeNull();
    expect(dayText('2026-12-01')).toBe('1 Dec 2026');
  });
});

describe('target stance', () => {
  it('gap in steps towards support; none without a target, at the target, or for unknown', () => {
    expect(stanceGap('sceptic', 'supporter')).toBe(2);
    expect(stanceGap('champion', 'neutral')).toBe(-2);
    expect(stanceGap('neutral', undefined)).toBeNull();
    expect(stanceGap('neutral', 'neutral')).toBeNull();
    expect(stanceGap('unknown', 'supporter')).toBeNull();
    expect(isShortOfTarget({ stance: 'unknown', targetStance: 'supporter' })).toBe(true);
    expect(isShortOfTarget({ stance: 'supporter', targetStance: 'supporter' })).toBe(false);
    expect(isShortOfTarget({ stance: 'supporter' })).toBe(false);
  });
});

describe('restore and formats', () => {
  const history: StanceChange[] = [
    { date: '2026-03-12', from: 'sceptic', to: 'neutral' },
    { date: '2026-06-03', from: 'neutral', to: 'supporter' },
  ];
  const doc = () => docOf([person('ann', { name: 'Ann', stance: 'supporter', targetStance: 'champion', stanceHistory: history }), person('ben', { name: 'Ben' })]);

  it('an old map file (format version 1, before targets and histories) restores without them and without problems', () => {
    const read = readMapJson(readFileSync('tests/fixtures/io/map-v1.json', 'utf8'));
    if (!read.ok) throw new Error(read.error);
    expect(read.problems).toEqual([]);
    for (const s of Object.values(read.doc.stakeholders)) {
      expect(Object.hasOwn(s, 'targetStance')).toBe(false);
      expect(Object.hasOwn(s, 'stanceHistory')).toBe(false);
    }
  });

  it('restore drops a bad target and bad history entries one by one', () => {
    const raw = {
      map: doc().map,
      stakeholders: [{ ...doc().stakeholders.ann, targetStance: 'friend', stanceHistory: [history[0], { date: 'yesterday', from: 'neutral', to: 'supporter' }, { date: '2026-07-01', from: 'neutral', to: 'neutral' }, 'x'] }],
      ties: [],
    };
    const result = restoreDocument(raw, { source: 'file' });
    if (!result.ok) throw new Error(result.error);
    const restored = result.doc;
    expect(restored.stakeholders.ann.targetStance).toBeUndefined();
    expect(restored.stakeholders.ann.stanceHistory).toEqual([history[0]]);
  });

  it('JSON, CSV, GraphML and GEXF carry the target and the history', () => {
    const json = readMapJson(exportMapJson(doc()));
    if (!json.ok) throw new Error(json.error);
    const parsed = parseCsvTable(exportPeopleCsv(doc()));
    if (!parsed.ok) throw new Error(parsed.error);
    const csv = importPeopleCsv(parsed.table);
    if (!csv.ok) throw new Error(csv.error);
    const graphml = importGraphml(exportGraphml(doc()));
    const gexf = importGexf(exportGexf(doc()));
    if (!graphml.ok || !gexf.ok) throw new Error('graph import failed');
    for (const back of [json.doc, csv.doc, graphml.doc, gexf.doc]) {
      const ann = Object.values(back.stakeholders).find((s) => s.name === 'Ann')!;
      const ben = Object.values(back.stakeholders).find((s) => s.name === 'Ben')!;
      expect(ann.targetStance).toBe('champion');
      expect(ann.stanceHistory).toEqual(history);
      expect(ben.targetStance).toBeUndefined();
      expect(ben.stanceHistory).toBeUndefined();
    }
    expect(csv.problems).toEqual([]);
  });

  it('a bad history cell in a CSV is reported and the rest kept', () => {
    const parsed = parseCsvTable('name,stance,target_stance,stance_history\nAnn,neutral,ally,2026-03-12:sceptic>neutral;soon:x>y\n');
    if (!parsed.ok) throw new Error(parsed.error);
    const result = importPeopleCsv(parsed.table);
    if (!result.ok) throw new Error(result.error);
    const ann = Object.values(result.doc.stakeholders)[0];
    expect(ann.stanceHistory).toEqual([history[0]]);
    expect(ann.targetStance).toBeUndefined();
    expect(result.problems.join('\n')).toMatch(/target_stance "ally"/);
    expect(result.problems.join('\n')).toMatch(/1 stance change in stance_history could not be read/);
  });

  it('redacted export keeps the target stance (a stance) and removes the dated history', () => {
    const redacted = Object.values(redactDocument(doc()).stakeholders).find((s) => s.name === 'A')!;
    expect(redacted.targetStance).toBe('champion');
    expect(Object.hasOwn(redacted, 'stanceHistory')).toBe(false);
  });

  it('history text round-trips', () => {
    expect(parseStanceHistory(writeStanceHistory(history))).toEqual({ history, bad: 0 });
    expect(parseStanceHistory('2026-01-01:Skeptic>Neutral')).toEqual({ history: [{ date: '2026-01-01', from: 'sceptic', to: 'neutral' }], bad: 0 });
  });
});
