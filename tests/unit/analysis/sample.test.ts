import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { toAnalysisInput } from '../../../src/analysis/input';
import { introductionPaths } from '../../../src/analysis/paths';
import { nodeWidth } from '../../../src/domain/defaults';
import { StakeholderSchema, TieSchema } from '../../../src/domain/schemas';
import { createSampleOrganisation } from '../../../src/domain/sample';
import { nonFiniteNumbers } from './helpers';

const doc = createSampleOrganisation(0);
const people = Object.values(doc.stakeholders);
const ties = Object.values(doc.ties);

describe('the sample organisation', () => {
  it('is a realistic 40-person organisation with every tie kind', () => {
    expect(doc.map.name).toBe('Sample organisation');
    expect(people).toHaveLength(40);
    expect(new Set(people.map((p) => p.department))).toEqual(new Set(['Executive', 'Sales', 'Engineering', 'Finance', 'Marketing', 'People']));
    for (const kind of ['influence', 'trust', 'reports-to', 'tension'] as const) expect(ties.some((t) => t.kind === kind)).toBe(true);
    expect(doc.map.meId).toBe('p-me');
    expect(doc.stakeholders['p-me'].seniority).toBe(3);
    expect(new Set(people.map((p) => p.stance)).size).toBeGreaterThanOrEqual(5);
    expect(people.some((p) => p.tags.length > 0 && p.notes.length > 0)).toBe(true);
  });

  it('validates against the domain schemas', () => {
    for (const p of people) expect(StakeholderSchema.safeParse(p).success).toBe(true);
    for (const t of ties) expect(TieSchema.safeParse(t).success).toBe(true);
  });

  it('has a proper org chart: everyone but the CEO reports to exactly one manager, no cycles', () => {
    const managers = new Map<string, string[]>();
    for (const t of ties.filter((t) => t.kind === 'reports-to')) managers.set(t.source, [...(managers.get(t.source) ?? []), t.target]);
    for (const p of people) expect(managers.get(p.id)?.length ?? 0).toBe(p.id === 'p-ceo' ? 0 : 1);
    for (const p of people) {
      let at: string | undefined = p.id;
      for (let steps = 0; at && at !== 'p-ceo'; steps++) {
        expect(steps).toBeLessThan(10);
        at = managers.get(at)?.[0];
      }
      expect(at).toBe('p-ceo');
    }
  });

  it('lays nodes out without overlaps (node width by influence, 90px tall)', () => {
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        const a = people[i];
        const b = people[j];
        const apart = a.x + nodeWidth(a.influence) <= b.x || b.x + nodeWidth(b.influence) <= a.x || a.y + 90 <= b.y || b.y + 90 <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('is deterministic apart from the map id', () => {
    const again = createSampleOrganisation(0);
    expect(again.stakeholders).toEqual(doc.stakeholders);
    expect(again.ties).toEqual(doc.ties);
    expect(again.map.id).not.toBe(doc.map.id);
  });

  it('shows clear brokers, leadership advisors, hidden influencers and a path from Me to the CEO', () => {
    const input = toAnalysisInput(doc);
    const r = analyse(input);
    expect(nonFiniteNumbers({ ...r, stats: 0 })).toEqual([]);
    expect(r.messages).toEqual([]);
    expect(r.topBrokerIds).toHaveLength(4);
    expect(r.topBrokerIds).toContain('p-cos');
    expect(r.topBrokerIds).toContain('p-mkt-product');
    expect(r.advisors[0].id).toBe('p-cos');
    expect(r.informalAdvisorIds).toEqual(expect.arrayContaining(['p-cos', 'p-analyst', 'p-hrbp', 'p-sales-eng']));
    expect(r.hiddenInfluencerIds[0]).toBe('p-eng-sara');
    expect(r.figureheadIds).toContain('p-vp-marketing');
    expect(r.clusters.length).toBeGreaterThanOrEqual(4);
    expect(r.explanations['p-sales-eng'].betweenness).toMatch(/^Bridges Sales and Engineering: lies on \d+% of the strongest routes between other people\.$/);
    const paths = introductionPaths(input, 'p-me', 'p-ceo');
    expect(paths.paths).toHaveLength(3);
    expect(paths.paths[0].sentence).toBe('Ask Sara Nilsson, who advises Priya Raman, who advises Helena Brandt.');
  });

  it('is analysed the same way every time (seeded clusters)', () => {
    const a = analyse(toAnalysisInput(doc));
    const b = analyse(toAnalysisInput(createSampleOrganisation(0)));
    expect({ ...b, stats: null }).toEqual({ ...a, stats: null });
  });
});
