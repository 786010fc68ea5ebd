import { describe, expect, it } from 'vitest';
import { introductionPaths } from '../../../src/analysis/paths';
import { input, person, tie } from './helpers';

const people = ['me', 'ana', 'ben', 'cho', 'dee', 'eve'].map((id) => person(id, { name: id[0].toUpperCase() + id.slice(1) }));

describe('introductionPaths', () => {
  it('finds the strongest chain and words it by tie kind and direction', () => {
    const map = input(people, [
      tie('me', 'ana', 'trust', 3, true),
      tie('ana', 'ben', 'trust', 3),
      tie('ben', 'cho', 'influence', 3),
      // A weaker, shorter route must lose: cost 1/1 + 1/1 = 2 > 1/3 * 3 = 1.
      tie('me', 'dee', 'trust', 1, true),
      tie('dee', 'cho', 'influence', 1),
    ]);
    const r = introductionPaths(map, 'me', 'cho');
    expect(r.paths[0].personIds).toEqual(['me', 'ana', 'ben', 'cho']);
    expect(r.paths[0].sentence).toBe('Ask Ana, who trusts Ben, who advises Cho.');
    expect(r.paths[0].cost).toBeCloseTo(1, 12);
    expect(r.paths[1].personIds).toEqual(['me', 'dee', 'cho']);
    expect(r.paths).toHaveLength(2);
    expect(r.message).toMatch(/^2 routes to Cho, through Ana and Dee/);
  });

  it('walks ties backwards with the right words', () => {
    const map = input(people, [tie('ana', 'me', 'influence', 2), tie('cho', 'ana', 'influence', 2), tie('ben', 'cho', 'trust', 2)]);
    const r = introductionPaths(map, 'me', 'ben');
    expect(r.paths[0].sentence).toBe('Ask Ana, who listens to Cho, who is trusted by Ben.');
    expect(r.paths[0].steps.map((s) => s.direction)).toEqual(['backward', 'backward', 'backward']);
  });

  it('alternatives use different intermediaries', () => {
    const map = input(people, [
      tie('me', 'ana', 'trust', 3, true),
      tie('ana', 'eve', 'trust', 3, true),
      tie('me', 'ben', 'trust', 2, true),
      tie('ben', 'eve', 'trust', 2, true),
      tie('ben', 'ana', 'trust', 3, true),
      tie('me', 'dee', 'trust', 1, true),
      tie('dee', 'eve', 'trust', 1, true),
      tie('me', 'cho', 'trust', 1, true),
      tie('cho', 'eve', 'trust', 1, true),
    ]);
    const r = introductionPaths(map, 'me', 'eve');
    expect(r.paths).toHaveLength(3);
    const middles = r.paths.map((p) => p.personIds.slice(1, -1));
    const all = middles.flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('a direct tie is said plainly, and alternatives still go through others', () => {
    const map = input(people, [tie('me', 'ana', 'trust', 3, true), tie('me', 'ben', 'trust', 3, true), tie('ben', 'ana', 'influence', 3)]);
    const r = introductionPaths(map, 'me', 'ana');
    expect(r.paths[0].sentence).toBe('You can approach Ana directly: you trust each other.');
    expect(r.paths[1].sentence).toBe('Ask Ben, who advises Ana.');
  });

  it('never uses tension ties', () => {
    const map = input(people, [tie('me', 'ana', 'tension', 3, true), tie('ben', 'ana', 'trust', 3)]);
    const r = introductionPaths(map, 'me', 'ana');
    expect(r.paths).toEqual([]);
    expect(r.message).toBe('No route to Ana through influence or trust ties or reporting lines yet: get to know someone who knows Ana.');
  });

  it('reaches someone who reports to a person I influence: their manager introduces me, and the words say so', () => {
    // Issue 10: Cho reports to Ben; I advise Ben. Before, there was no route at all.
    const map = input(people, [tie('me', 'ben', 'influence', 3), tie('cho', 'ben', 'reports-to'), tie('me', 'cho', 'tension', 3)]);
    const r = introductionPaths(map, 'me', 'cho');
    expect(r.paths).toHaveLength(1);
    expect(r.paths[0].personIds).toEqual(['me', 'ben', 'cho']);
    expect(r.paths[0].steps[1]).toMatchObject({ kind: 'reports-to', direction: 'backward', strength: 2 });
    expect(r.paths[0].sentence).toBe(
      'Ask Ben, who manages Cho. A reporting line counts as an introduction: a manager can introduce you to their reports and to their own manager.',
    );
    expect(r.paths[0].cost).toBeCloseTo(1 / 3 + 1 / 2, 12);
  });

  it('a report introduces me to their own manager; my manager is a route too', () => {
    const map = input(people, [tie('me', 'ana', 'reports-to'), tie('ana', 'ben', 'trust', 3), tie('dee', 'eve', 'reports-to'), tie('ben', 'dee', 'influence', 3)]);
    expect(introductionPaths(map, 'me', 'ana').paths[0].sentence).toBe('You can approach Ana directly: they are your manager.');
    const r = introductionPaths(map, 'me', 'eve');
    expect(r.paths[0].personIds).toEqual(['me', 'ana', 'ben', 'dee', 'eve']);
    expect(r.paths[0].sentence).toBe(
      'Ask Ana (your manager), who trusts Ben, who advises Dee, who reports to Eve. A reporting line counts as an introduction: a manager can introduce you to their reports and to their own manager.',
    );
  });

  it('a reporting line weighs as a medium tie: a strong personal route wins, a weak one loses', () => {
    // me - ana (reports-to, 1/2) - cho (reports-to, 1/2) = 1 vs me - ben - cho trust 3 + 3 = 2/3.
    const strong = input(people, [tie('ana', 'me', 'reports-to'), tie('cho', 'ana', 'reports-to'), tie('me', 'ben', 'trust', 3, true), tie('ben', 'cho', 'trust', 3)]);
    expect(introductionPaths(strong, 'me', 'cho').paths[0].personIds).toEqual(['me', 'ben', 'cho']);
    // ... against weak ties (1 + 1 = 2) the reporting line (1) wins.
    const weak = input(people, [tie('ana', 'me', 'reports-to'), tie('cho', 'ana', 'reports-to'), tie('me', 'ben', 'trust', 1, true), tie('ben', 'cho', 'trust', 1)]);
    const r = introductionPaths(weak, 'me', 'cho');
    expect(r.paths[0].personIds).toEqual(['me', 'ana', 'cho']);
    expect(r.paths[0].sentence).toMatch(/^Ask Ana \(who reports to you\), who manages Cho\. A reporting line counts/);
    // Between the same two people a personal tie of equal weight is preferred to the reporting line.
    const both = input(people, [tie('me', 'ana', 'reports-to'), tie('me', 'ana', 'influence', 2)]);
    expect(introductionPaths(both, 'me', 'ana').paths[0].sentence).toBe('You can approach Ana directly: you advise them.');
  });

  it('handles unknown people and asking for oneself', () => {
    expect(introductionPaths(input(people), 'me', 'nobody').message).toMatch(/Pick two people/);
    expect(introductionPaths(input(people), 'me', 'me').message).toMatch(/same person/);
    expect(introductionPaths(input([]), 'a', 'b').paths).toEqual([]);
  });

  it('lists the tie ids of each step, strongest first, for highlighting', () => {
    const a = tie('me', 'ana', 'influence', 1);
    const b = tie('ana', 'me', 'trust', 3, true);
    const r = introductionPaths(input(people, [a, b]), 'me', 'ana');
    expect(r.paths[0].steps[0].tieIds).toEqual([b.id, a.id]);
  });
});
