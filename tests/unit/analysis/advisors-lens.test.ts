import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { toAnalysisInput } from '../../../src/analysis/input';
import { computeOverlay } from '../../../src/canvas/overlay';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../../src/domain/factories';

describe('the Advisors lens follows the advisor rule', () => {
  // CEO <- VP <- EM <- Rita; Sam in another line; Rita influences the CEO (3 levels below: informal),
  // the VP influences the CEO (direct report: formal), the CEO trusts Sam (beside: informal).
  const people = [
    createStakeholder({ id: 'ceo', name: 'Ana', seniority: 0 }),
    createStakeholder({ id: 'vp', name: 'Vic', seniority: 1 }),
    createStakeholder({ id: 'em', name: 'Eli', seniority: 2 }),
    createStakeholder({ id: 'rita', name: 'Rita', seniority: 3 }),
    createStakeholder({ id: 'sam', name: 'Sam', seniority: 3 }),
    createStakeholder({ id: 'zed', name: 'Zed', seniority: 3 }),
  ];
  const ties = [
    createTie('vp', 'ceo', 'reports-to', { id: 'r1' }),
    createTie('em', 'vp', 'reports-to', { id: 'r2' }),
    createTie('rita', 'em', 'reports-to', { id: 'r3' }),
    createTie('rita', 'ceo', 'influence', { id: 'i1' }),
    createTie('vp', 'ceo', 'influence', { id: 'i2' }),
    createTie('ceo', 'sam', 'trust', { id: 'tr1', mutual: false }),
    createTie('sam', 'ceo', 'trust', { id: 'tr2', mutual: false }), // Sam trusting the CEO is not advice to the CEO
    createTie('zed', 'rita', 'influence', { id: 'i3' }),
  ];
  const doc = documentFrom(createMapMeta('m', 0), people, ties);
  const { overlay } = computeOverlay({ doc, analysis: analyse(toAnalysisInput(doc)), lens: 'advisors', sizeBy: 'influence', colourBy: 'stance', paths: null, today: '2025-01-01' });

  it('keeps leaders and advisors, badges the informal advisors only', () => {
    expect([...(overlay.faded ?? [])].sort()).toEqual(['em', 'zed']);
    expect(overlay.badges?.get('rita')).toBe('Informal advisor');
    expect(overlay.badges?.get('sam')).toBe('Informal advisor');
    expect(overlay.badges?.get('vp')).toBeUndefined();
  });

  it('highlights exactly the ties that carry advice to a leader', () => {
    expect([...(overlay.highlightedTies ?? [])].sort()).toEqual(['i1', 'i2', 'tr1']);
  });
});
