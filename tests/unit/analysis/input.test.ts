import { describe, expect, it } from 'vitest';
import { rememberAnalysisInput, toAnalysisInput } from '../../../src/analysis/input';
import { copyRecord } from '../../../src/domain/records';
import { generateOrganisation } from '../../../src/analysis/generate';

describe('an analysis input made elsewhere', () => {
  it('stands for that version of the map only', () => {
    const doc = generateOrganisation(30, 3);
    const made = toAnalysisInput(doc);
    const remembered = { ...made, people: [...made.people], ties: [...made.ties] };
    rememberAnalysisInput(doc, remembered);
    expect(toAnalysisInput(doc)).toBe(remembered);
    expect(toAnalysisInput({ ...doc })).toBe(remembered);
    // Another people, ties or settings record, or another Me: converted again.
    const others = [
      { ...doc, stakeholders: copyRecord(doc.stakeholders) },
      { ...doc, ties: copyRecord(doc.ties) },
      { ...doc, map: { ...doc.map, settings: { ...doc.map.settings } } },
      { ...doc, map: { ...doc.map, meId: Object.keys(doc.stakeholders)[0] } },
    ];
    for (const other of others) {
      const input = toAnalysisInput(other);
      expect(input).not.toBe(remembered);
      expect(input.people).toEqual(made.people);
    }
  });
});
