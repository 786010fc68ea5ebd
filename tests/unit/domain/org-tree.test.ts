import { describe, expect, it } from 'vitest';
import { ancestorsOf, cachedOrgTree, collapsedForLevels, collapseOf, depthOf, expandPathTo, orgTree, orgTreeIfKnown, orgTreeInSlices, subtreeOf, teamSize } from '../../../src/domain/org-tree';
import { generateOrganisation } from '../../../src/analysis/generate';
import { addTieKind } from '../../../src/domain/tie-kinds';
import { createTie } from '../../../src/domain/factories';
import type { MapDocument } from '../../../src/domain/types';
import { mapOf, person, tie } from './helpers';

/*
 *            ceo                 loner (no reporting line)
 *          /     \
 *       vp1       vp2
 *        |    \    |   \
 *       m1     d --+    c        (d reports to vp1 and, dotted, to vp2)
 *      /  \
 *     a    b
 */
function company(): MapDocument {
  const ids = ['ceo', 'vp1', 'vp2', 'm1', 'a', 'b', 'c', 'd', 'loner'];
  return mapOf(
    ids.map((id) => person(id)),
    [
      tie('t1', 'vp1', 'ceo', 'reports-to'),
      tie('t2', 'vp2', 'ceo', 'reports-to'),
      tie('t3', 'm1', 'vp1', 'reports-to'),
      tie('t4', 'a', 'm1', 'reports-to'),
      tie('t5', 'b', 'm1', 'reports-to'),
      tie('t6', 'c', 'vp2', 'reports-to'),
      tie('t7', 'd', 'vp1', 'reports-to'),
      tie('t8', 'd', 'vp2', 'reports-to'),
      // Not reporting lines: never part of the tree.
      tie('t9', 'a', 'ceo', 'influence'),
      tie('t10', 'c', 'c', 'reports-to'),
    ],
  );
}

const sorted = (xs: Iterable<string>) => [...xs].sort();
const ids = (doc: MapDocument) => Object.keys(doc.stakeholders);

describe('orgTree', () => {
  it('finds reports, managers and levels from reporting lines only', () => {
    const tree = orgTree(company());
    expect(sorted(tree.reports.get('ceo')!)).toEqual(['vp1', 'vp2']);
    expect(sorted(tree.reports.get('vp1')!)).toEqual(['d', 'm1']);
    expect(sorted(tree.managers.get('d')!)).toEqual(['vp1', 'vp2']);
    // The influence tie and the tie to oneself are not reporting lines.
    expect(tree.reports.has('a')).toBe(false);
    expect(tree.reports.has('c')).toBe(false);
    expect(Object.fromEntries(tree.level)).toEqual({ ceo: 1, loner: 1, vp1: 2, vp2: 2, m1: 3, d: 3, c: 3, a: 4, b: 4 });
    expect(depthOf(tree)).toBe(4);
  });

  it('counts a map’s own kind that counts as a reporting line, and not one that is shown only', () => {
    let doc = mapOf([person('boss'), person('x'), person('y')]);
    const line = addTieKind(doc, { name: 'Line manager', meaning: 'reports-to' });
    if (!line.ok) throw new Error(line.error);
    const shown = addTieKind(line.doc, { name: 'Ex-colleague', meaning: 'shown' });
    if (!shown.ok) throw new Error(shown.error);
    doc = shown.doc;
    const t1 = createTie('x', 'boss', line.id, { id: 'k1' });
    const t2 = createTie('y', 'boss', shown.id, { id: 'k2' });
    doc = { ...doc, ties: Object.assign(Object.create(null) as MapDocument['ties'], { k1: t1, k2: t2 }) };
    const tree = orgTree(doc);
    expect(tree.reports.get('boss')).toEqual(['x']);
    expect(teamSize(tree, 'boss')).toBe(1);
  });
});

describe('subtreeOf', () => {
  it('is everyone below a manager at any depth, counting a dotted-line report once', () => {
    const tree = orgTree(company());
    expect(sorted(subtreeOf(tree, 'vp1'))).toEqual(['a', 'b', 'd', 'm1']);
    expect(sorted(subtreeOf(tree, 'ceo'))).toEqual(['a', 'b', 'c', 'd', 'm1', 'vp1', 'vp2']);
    expect(teamSize(tree, 'vp2')).toBe(2);
    expect(subtreeOf(tree, 'a')).toEqual([]);
  });

  it('stops at a cycle and never counts the manager in their own team', () => {
    // x reports to y, y reports to x, z reports to x: nobody is at the top.
    const doc = mapOf([person('x'), person('y'), person('z')], [tie('t1', 'x', 'y', 'reports-to'), tie('t2', 'y', 'x', 'reports-to'), tie('t3', 'z', 'x', 'reports-to')]);
    const tree = orgTree(doc);
    expect(sorted(subtreeOf(tree, 'x'))).toEqual(['y', 'z']);
    expect(sorted(subtreeOf(tree, 'y'))).toEqual(['x', 'z']);
    expect(sorted(ancestorsOf(tree, 'z'))).toEqual(['x', 'y']);
    // The cycle starts at its first person in document order.
    expect(Object.fromEntries(tree.level)).toEqual({ x: 1, y: 2, z: 2 });
    expect(sorted(collapseOf(tree, ids(doc), new Set(['x'])).hidden)).toEqual(['y', 'z']);
  });

  it('walks a 20,000-deep chain without recursion', () => {
    const n = 20_000;
    const people = Array.from({ length: n }, (_, i) => person(`p${i}`));
    const ties = Array.from({ length: n - 1 }, (_, i) => tie(`t${i}`, `p${i + 1}`, `p${i}`, 'reports-to'));
    const tree = orgTree(mapOf(people, ties));
    expect(teamSize(tree, 'p0')).toBe(n - 1);
    expect(tree.level.get(`p${n - 1}`)).toBe(n);
    expect(ancestorsOf(tree, `p${n - 1}`)).toHaveLength(n - 1);
  });
});

describe('collapseOf', () => {
  it('hides a collapsed manager’s team but keeps people who also report to an open manager', () => {
    const doc = company();
    const tree = orgTree(doc);
    const { hidden, counts } = collapseOf(tree, ids(doc), new Set(['vp1']));
    // d also reports to vp2, who is open.
    expect(sorted(hidden)).toEqual(['a', 'b', 'm1']);
    expect(Object.fromEntries(counts)).toEqual({ vp1: 3 });
  });

  it('counts only drawn managers: a collapsed manager inside a collapsed team has no badge', () => {
    const doc = company();
    const tree = orgTree(doc);
    const { hidden, counts } = collapseOf(tree, ids(doc), new Set(['vp1', 'm1', 'vp2']));
    // Both of d's managers are collapsed now, so d is hidden and counted in both teams.
    expect(sorted(hidden)).toEqual(['a', 'b', 'c', 'd', 'm1']);
    expect(Object.fromEntries(counts)).toEqual({ vp1: 4, vp2: 2 });
  });

  it('hides nobody when nothing is collapsed, and ignores a collapsed person with no team', () => {
    const doc = company();
    const tree = orgTree(doc);
    expect(collapseOf(tree, ids(doc), new Set()).hidden.size).toBe(0);
    const leaf = collapseOf(tree, ids(doc), new Set(['a']));
    expect(leaf.hidden.size).toBe(0);
    expect(leaf.counts.size).toBe(0);
  });
});

describe('Show N levels and Find', () => {
  it('collapses every manager from level N down', () => {
    const doc = company();
    const tree = orgTree(doc);
    expect(sorted(collapsedForLevels(tree, 2))).toEqual(['m1', 'vp1', 'vp2']);
    const two = collapseOf(tree, ids(doc), collapsedForLevels(tree, 2));
    expect(sorted(two.hidden)).toEqual(['a', 'b', 'c', 'd', 'm1']);
    expect(Object.fromEntries(two.counts)).toEqual({ vp1: 4, vp2: 2 });
    const one = collapseOf(tree, ids(doc), collapsedForLevels(tree, 1));
    expect(sorted(one.hidden)).toEqual(['a', 'b', 'c', 'd', 'm1', 'vp1', 'vp2']);
    expect(Object.fromEntries(one.counts)).toEqual({ ceo: 7 });
    expect(collapseOf(tree, ids(doc), collapsedForLevels(tree, 4)).hidden.size).toBe(0);
  });

  it('opening the path to a hidden person shows them and leaves other teams collapsed', () => {
    const doc = company();
    const tree = orgTree(doc);
    const open = expandPathTo(tree, collapsedForLevels(tree, 1), 'a');
    expect(sorted(open)).toEqual(['vp2']);
    const { hidden } = collapseOf(tree, ids(doc), open);
    expect(hidden.has('a')).toBe(false);
    expect(sorted(hidden)).toEqual(['c']);
  });
});

describe('cachedOrgTree', () => {
  it('is made again when the ties change, and a person added since is drawn', () => {
    const doc = company();
    const tree = cachedOrgTree(doc);
    const added = { ...doc, stakeholders: Object.assign(Object.create(null) as MapDocument['stakeholders'], doc.stakeholders, { newbie: person('newbie') }) };
    expect(cachedOrgTree(added)).toBe(tree);
    const { hidden } = collapseOf(tree, ids(added), new Set(['ceo']));
    expect(hidden.has('newbie')).toBe(false);
    expect(hidden.size).toBe(7);
    const withLine = { ...added, ties: Object.assign(Object.create(null) as MapDocument['ties'], added.ties, { t11: tie('t11', 'newbie', 'c', 'reports-to') }) };
    expect(teamSize(cachedOrgTree(withLine), 'vp2')).toBe(3);
  });
});

describe('the org tree of a whole company, in slices', () => {
  it('is the same tree as in one go, remembered for the map once done, and a stopped run gives nothing', async () => {
    const doc = generateOrganisation(25_000, 3);
    let pauses = 0;
    const stoppedEarly = await orgTreeInSlices(doc, async () => void pauses++, () => true);
    expect(stoppedEarly).toBeNull();
    expect(orgTreeIfKnown(doc)).toBeNull();
    pauses = 0;
    const tree = await orgTreeInSlices(doc, async () => void pauses++, () => false);
    // Its ties and its people, 20,000 at a time: the page gets turns between.
    expect(pauses).toBeGreaterThanOrEqual(4);
    expect(tree).toEqual(orgTree(doc));
    expect(orgTreeIfKnown(doc)).toBe(tree);
    expect(cachedOrgTree(doc)).toBe(tree);
  }, 60_000);
});
