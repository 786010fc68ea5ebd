import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../../src/domain/factories';
import type { MapDocument, Stakeholder, Tie } from '../../../src/domain/types';

/** A small map that uses every field, with awkward text, for round-trip tests. */
export function sampleDoc(): MapDocument {
  const map = { ...createMapMeta('Q3 "launch" <plan> & co', 1_700_000_000_000), id: 'map-1', meId: 'p-me' };
  const people: Stakeholder[] = [
    createStakeholder({ id: 'p-me', name: 'Me Myself', title: 'Product lead', department: 'Product', seniority: 2, influence: 3, interest: 5, stance: 'champion', tags: ['me'], notes: 'Line one\nline two, with "quotes"', email: 'me@example.com', x: 0, y: 0, cadenceDays: 14, nextFollowUp: '2025-03-31', interactions: [{ id: 'i1', date: '2025-01-02', kind: 'coffee', note: 'good chat' }] }),
    createStakeholder({ id: 'p-ceo', name: 'Zoë Ålund-Øster', title: 'CEO', department: 'Board', seniority: 0, influence: 5, interest: 2, stance: 'supporter', tags: ['exec', 'budget owner'], email: 'zoe@example.com', x: 400, y: -200 }),
    createStakeholder({ id: 'p-evil', name: '<img src=x onerror=alert(1)>', title: '=HYPERLINK("http://x")', department: '+Sales & <Marketing>', seniority: 3, influence: 1, interest: 1, stance: 'blocker', tags: ['@risk', '-minus'], notes: '<script>alert("x")</script>', email: '', x: -350.5, y: 220.25 }),
    createStakeholder({ id: 'p-neutral', name: "O'Brien, Pat", title: 'Director', department: 'Engineering', seniority: 1, influence: 4, interest: 3, stance: 'neutral', x: 800, y: 100 }),
    createStakeholder({ id: 'p-unknown', name: '李小龙', title: '', department: '', seniority: 3, influence: 2, interest: 4, stance: 'unknown', x: 100, y: 400 }),
  ];
  const ties: Tie[] = [
    createTie('p-me', 'p-neutral', 'reports-to', { id: 't1' }),
    createTie('p-neutral', 'p-ceo', 'reports-to', { id: 't2', strength: 3 }),
    createTie('p-neutral', 'p-ceo', 'influence', { id: 't3', strength: 3, note: 'advises on <hiring>' }),
    createTie('p-me', 'p-unknown', 'trust', { id: 't4', strength: 1 }),
    createTie('p-unknown', 'p-ceo', 'trust', { id: 't5', mutual: false }),
    createTie('p-evil', 'p-me', 'tension', { id: 't6', note: 'repair: coffee' }),
    createTie('p-ceo', 'p-evil', 'influence', { id: 't7', mutual: true, strength: 1 }),
  ];
  return documentFrom(map, people, ties);
}

/** The parts of a person that GraphML, GEXF and CSV carry. */
export function carried(doc: MapDocument) {
  return Object.values(doc.stakeholders)
    .map((s) => ({ id: s.id, name: s.name, title: s.title, department: s.department, seniority: s.seniority, influence: s.influence, interest: s.interest, stance: s.stance, tags: s.tags, notes: s.notes, email: s.email, x: Math.round(s.x * 100) / 100, y: Math.round(s.y * 100) / 100, cadenceDays: s.cadenceDays, nextFollowUp: s.nextFollowUp }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function carriedTies(doc: MapDocument) {
  return Object.values(doc.ties)
    .map((t) => ({ id: t.id, source: t.source, target: t.target, kind: t.kind, strength: t.strength, mutual: t.mutual, note: t.note }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export const enc = (text: string) => new TextEncoder().encode(text);
