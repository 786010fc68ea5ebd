import { describe, expect, it } from 'vitest';
import { analyse, toAnalysisInput } from '../../../src/analysis';
import { brokerPlaces } from '../../../src/analysis/broker-order';
import { compareInsights } from '../../../src/analysis/compare';
import { compareMaps } from '../../../src/domain/compare';
import type { MapDocument } from '../../../src/domain/types';
import { docOf, person, tie } from '../helpers/docs';

const run = (doc: MapDocument) => analyse(toAnalysisInput(doc));

/** Two groups (a1-a2-a3 and b1-b2-b3) joined through `bridge`. */
function twoGroups(bridge: string): MapDocument {
  const people = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'sam', 'ola'].map((id) => person(id, { name: id === 'sam' ? 'Sam Okoro' : id === 'ola' ? 'Ola Ade' : id }));
  const ties = [
    tie('x1', 'a1', 'a2', 'trust', { mutual: true }),
    tie('x2', 'a2', 'a3', 'trust', { mutual: true }),
    tie('x3', 'b1', 'b2', 'trust', { mutual: true }),
    tie('x4', 'b2', 'b3', 'trust', { mutual: true }),
    tie('x5', 'a3', bridge, 'trust', { mutual: true }),
    tie('x6', bridge, 'b1', 'trust', { mutual: true }),
  ];
  return docOf(people, ties);
}

function withSameId(before: MapDocument, after: MapDocument): MapDocument {
  return { ...after, map: before.map };
}

describe('compareInsights', () => {
  it('says who is now the top broker and what place they had', () => {
    const before = twoGroups('ola');
    const after = withSameId(before, twoGroups('sam'));
    const was = run(before);
    const now = run(after);
    expect(brokerPlaces(was.people).get('ola')).toBe(1);
    expect(brokerPlaces(now.people).get('sam')).toBe(1);
    const nameOf = (id: string) => before.stakeholders[id]?.name ?? after.stakeholders[id].name;
    const changes = compareInsights(was, now, { matched: compareMaps(before, after).matched, nameOf, topBrokers: 1 });
    expect(changes.map((c) => c.text)).toEqual(['Sam Okoro is now the top broker; brokered nothing before.', 'Ola Ade is no longer a top-1 broker (now brokers nothing; was 1st).']);
  });

  it('reports advisors of senior leaders gained and lost', () => {
    const people = [person('ceo', { seniority: 0 }), person('eng', { seniority: 3 }), person('pm', { seniority: 3 })];
    const before = docOf(people, [tie('i1', 'eng', 'ceo', 'influence')]);
    const after = withSameId(before, docOf(people, [tie('i2', 'pm', 'ceo', 'influence')]));
    const changes = compareInsights(run(before), run(after), { matched: compareMaps(before, after).matched, nameOf: (id) => id });
    expect(changes.filter((c) => c.kind === 'advisor').map((c) => c.text)).toEqual(['pm now advises 1 senior leader (was 0).', 'eng no longer advises any senior leader (advised 1 senior leader).']);
  });

  it('finds nothing to say when nothing changed', () => {
    const doc = twoGroups('ola');
    expect(compareInsights(run(doc), run(doc), { matched: compareMaps(doc, doc).matched, nameOf: (id) => id })).toEqual([]);
  });
});
