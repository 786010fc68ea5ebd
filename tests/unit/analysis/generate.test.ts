import { describe, expect, it } from 'vitest';
import { generateOrganisation, INFORMAL_TIES_PER_PERSON } from '../../../src/analysis/generate';
import { toAnalysisInput } from '../../../src/analysis/input';
import { analyse } from '../../../src/analysis/analyse';

describe('generateOrganisation', () => {
  it.each([0, 1, 2, 50, 2000])('makes %i people with a hierarchy and about four informal ties each', (size) => {
    const doc = generateOrganisation(size, 42);
    const people = Object.values(doc.stakeholders);
    const ties = Object.values(doc.ties);
    expect(people).toHaveLength(size);
    expect(ties.filter((t) => t.kind === 'reports-to')).toHaveLength(Math.max(0, size - 1));
    const informal = ties.filter((t) => t.kind === 'influence' || t.kind === 'trust').length;
    if (size > 10) expect(informal).toBeGreaterThan(size * (INFORMAL_TIES_PER_PERSON - 0.2));
    expect(informal).toBeLessThanOrEqual(size * INFORMAL_TIES_PER_PERSON);
    expect(ties.every((t) => t.source !== t.target && doc.stakeholders[t.source] && doc.stakeholders[t.target])).toBe(true);
    if (size === 2000) {
      expect(ties.length).toBeGreaterThan(9900);
      expect(ties.length).toBeLessThan(10100);
      expect(new Set(people.map((p) => p.department)).size).toBeGreaterThanOrEqual(6);
      expect(new Set(people.map((p) => p.seniority))).toEqual(new Set([0, 1, 2, 3]));
      expect(new Set(people.map((p) => `${p.x},${p.y}`)).size).toBe(size);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateOrganisation(200, 5)).toEqual(generateOrganisation(200, 5));
    expect(generateOrganisation(200, 5)).not.toEqual(generateOrganisation(200, 6));
  });

  it('has a Me among the individual contributors and one person at the top', () => {
    const doc = generateOrganisation(100, 9);
    expect(doc.stakeholders[doc.map.meId!].seniority).toBe(3);
    const top = Object.values(doc.stakeholders).filter((p) => !Object.values(doc.ties).some((t) => t.kind === 'reports-to' && t.source === p.id));
    expect(top.map((p) => p.seniority)).toEqual([0]);
  });

  it('gives analysable maps', () => {
    const r = analyse(toAnalysisInput(generateOrganisation(150, 2)));
    expect(r.seniorLeaderIds.length).toBeGreaterThan(1);
    expect(r.topBrokerIds.length).toBeGreaterThan(0);
    expect(r.clusters.length).toBeGreaterThan(1);
  });
});
