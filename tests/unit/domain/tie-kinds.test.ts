import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { toAnalysisInput } from '../../../src/analysis/input';
import { informalArcs, formalArcs } from '../../../src/analysis/projections';
import { tieSentence } from '../../../src/domain/describe';
import { createMapDocument, createStakeholder, createTie } from '../../../src/domain/factories';
import { MAX_TIE_KINDS } from '../../../src/domain/limits';
import { connect, updateTie } from '../../../src/domain/operations';
import { restoreDocument } from '../../../src/domain/restore';
import { addTieKind, kindLabel, removeTieKind, tieMeaning, updateTieKind } from '../../../src/domain/tie-kinds';
import type { MapDocument, TieKindId, TieMeaning } from '../../../src/domain/types';

/** Ana, Ben, Cy, Di; ties Ana-Ben, Ben-Cy, Cy-Di of the given kinds. */
function chain(kinds: [TieKindId, TieKindId, TieKindId], setup?: (doc: MapDocument) => MapDocument): MapDocument {
  let doc = createMapDocument('Kinds', 0);
  for (const [id, name] of [['a', 'Ana'], ['b', 'Ben'], ['c', 'Cy'], ['d', 'Di']]) doc.stakeholders[id] = createStakeholder({ id, name });
  if (setup) doc = setup(doc);
  const ends: [string, string][] = [['a', 'b'], ['b', 'c'], ['c', 'd']];
  ends.forEach(([s, t], i) => {
    doc.ties[`t${i}`] = createTie(s, t, kinds[i], { id: `t${i}`, strength: 3 });
  });
  return doc;
}

function withKind(meaning: TieMeaning, name: string, mutual = false) {
  return (doc: MapDocument): MapDocument => {
    const r = addTieKind(doc, { name, meaning, mutual });
    if (!r.ok) throw new Error(r.error);
    return r.doc;
  };
}

const idOf = (doc: MapDocument, name: string) => doc.map.settings.tieKinds!.find((k) => k.name === name)!.id;

describe("a map's own tie kinds", () => {
  it('counts each kind by its meaning in every projection, and a shown-only kind in none', () => {
    let mentor = '';
    let friend = '';
    let line = '';
    const doc = chain(['influence', 'influence', 'influence'], (d) => {
      const out = withKind('shown', 'Friend')(withKind('reports-to', 'Dotted line')(withKind('influence', 'Mentor')(d)));
      mentor = idOf(out, 'Mentor');
      line = idOf(out, 'Dotted line');
      friend = idOf(out, 'Friend');
      return out;
    });
    doc.ties.t0 = { ...doc.ties.t0, kind: mentor };
    doc.ties.t1 = { ...doc.ties.t1, kind: line };
    doc.ties.t2 = { ...doc.ties.t2, kind: friend };
    const input = toAnalysisInput(doc);
    // Mentor is influence, the dotted line a reporting line (one-way), the friend tie not there.
    expect(input.ties.map((t) => [t.id, t.kind])).toEqual([['t0', 'influence'], ['t1', 'reports-to']]);
    const informal = informalArcs(input);
    expect([informal.sources, informal.targets]).toEqual([[0], [1]]);
    const formal = formalArcs(input);
    expect([formal.sources, formal.targets]).toEqual([[1], [2]]);
  });

  it('gives the same analysis as the built-in kind it counts as', () => {
    const builtIn = chain(['influence', 'trust', 'influence']);
    let custom = chain(['influence', 'trust', 'influence'], (d) => withKind('trust', 'Ex-colleague', true)(withKind('influence', 'Sponsor')(d)));
    custom = { ...custom, ties: { ...custom.ties, t0: { ...custom.ties.t0, kind: idOf(custom, 'Sponsor') }, t1: { ...custom.ties.t1, kind: idOf(custom, 'Ex-colleague') } } };
    builtIn.ties.t1 = { ...builtIn.ties.t1, mutual: true };
    custom.ties.t1 = { ...custom.ties.t1, mutual: true };
    const timeless = (doc: MapDocument) => {
      const result = analyse(toAnalysisInput(doc));
      return { ...result, stats: { ...result.stats, durationMs: 0 } };
    };
    expect(timeless(custom)).toEqual(timeless(builtIn));
    // Turning a kind into "shown only" takes its ties out of the network.
    const shown = updateTieKind(custom, idOf(custom, 'Sponsor'), { meaning: 'shown' });
    expect(toAnalysisInput(shown).ties.map((t) => t.id)).toEqual(['t1', 't2']);
  });

  it('reads as a sentence, follows its direction rule and allows several kinds between two people', () => {
    let doc = chain(['trust', 'trust', 'trust'], withKind('shown', 'Friend', true));
    const friend = idOf(doc, 'Friend');
    const made = connect(doc, 'a', 'b', friend, { mutual: false });
    if (!made.ok) throw new Error(made.error);
    doc = made.doc;
    const tie = doc.ties[made.id!];
    // A mutual kind's tie is mutual whatever was asked; a second kind between Ana and Ben is fine.
    expect(tie.mutual).toBe(true);
    expect(Object.values(doc.ties).filter((t) => t.source === 'a' && t.target === 'b')).toHaveLength(2);
    expect(tieSentence(tie, doc)).toBe('Friend tie between Ana and Ben (moderate)');
    const again = connect(doc, 'b', 'a', friend);
    expect(again.ok ? '' : again.error).toBe('There is already a friend tie between these two people.');
    const oneWay = updateTie(doc, tie.id, { mutual: false });
    expect(oneWay.ok && oneWay.doc.ties[tie.id].mutual).toBe(true);
    // Changing the rule redirects its ties.
    const directed = updateTieKind(doc, friend, { mutual: false, name: 'Mentor' });
    expect(directed.ties[tie.id].mutual).toBe(false);
    expect(tieSentence(directed.ties[tie.id], directed)).toBe('Mentor tie from Ana to Ben (moderate)');
  });

  it('removes a kind with its ties, refuses more than the limit, and refuses a deleted kind', () => {
    let doc = chain(['trust', 'trust', 'trust'], withKind('influence', 'Mentor'));
    const mentor = idOf(doc, 'Mentor');
    doc.ties.t1 = { ...doc.ties.t1, kind: mentor };
    const removed = removeTieKind(doc, mentor);
    expect(removed.map.settings.tieKinds).toBeUndefined();
    expect(Object.keys(removed.ties)).toEqual(['t0', 't2']);
    expect(connect(removed, 'a', 'c', mentor)).toEqual({ ok: false, error: 'That kind of tie is no longer on this map.' });
    for (let i = 1; i < MAX_TIE_KINDS; i++) doc = withKind('shown', `K${i}`)(doc);
    expect(addTieKind(doc)).toEqual({ ok: false, error: `A map can have at most ${MAX_TIE_KINDS} kinds of its own.` });
  });

  it('keeps a tie of a kind the map does not define as a shown-only kind, and reports it', () => {
    const doc = chain(['trust', 'trust', 'trust'], withKind('influence', 'Mentor'));
    const mentor = idOf(doc, 'Mentor');
    const raw = {
      map: { ...doc.map, settings: { ...doc.map.settings, tieKinds: [] } },
      stakeholders: Object.values(doc.stakeholders),
      ties: [...Object.values(doc.ties), { id: 'x', source: 'a', target: 'd', kind: mentor }, { id: 'y', source: 'b', target: 'd', kind: '<script>' }],
    };
    const result = restoreDocument(raw, { source: 'file' });
    if (!result.ok) throw new Error(result.error);
    expect(Object.keys(result.doc.ties)).toHaveLength(5);
    expect(result.fixes.filter((f) => f.kind === 'tie-kind')).toHaveLength(2);
    expect(result.problems.join('\n')).toMatch(/1 tie has the kind "kind-[^"]*", which this map does not define; kept as a kind of the map's own, shown only/);
    expect(result.problems.join('\n')).toContain('1 tie has the kind "<script>", which this map does not define');
    expect(tieMeaning(result.doc.map.settings, '<script>')).toBe('shown');
    expect(kindLabel(result.doc.map.settings, '<script>')).toBe('<script>');
    expect(toAnalysisInput(result.doc).ties.map((t) => t.id)).toEqual(['t0', 't1', 't2']);
  });

  it('restores the kinds themselves: bad entries dropped, a built-in id refused, old maps unchanged', () => {
    const doc = chain(['trust', 'trust', 'trust']);
    const settings = { ...doc.map.settings, tieKinds: [{ id: 'trust', name: 'Fake' }, { id: 'k1', name: 'Coach', colour: 'neon', line: 'wavy', meaning: 'love', mutual: 'yes' }, 'junk', { id: 'k1', name: 'Again' }] };
    const result = restoreDocument({ map: { ...doc.map, settings }, stakeholders: Object.values(doc.stakeholders), ties: Object.values(doc.ties) }, { source: 'file' });
    if (!result.ok) throw new Error(result.error);
    expect(result.doc.map.settings.tieKinds).toEqual([{ id: 'k1', name: 'Coach', colour: 'slate', line: 'solid', mutual: false, meaning: 'shown' }]);
    const old = restoreDocument({ map: doc.map, stakeholders: Object.values(doc.stakeholders), ties: Object.values(doc.ties) }, { source: 'file' });
    if (!old.ok) throw new Error(old.error);
    expect(old.doc.map.settings).toEqual(doc.map.settings);
    expect('tieKinds' in old.doc.map.settings).toBe(false);
  });
});
