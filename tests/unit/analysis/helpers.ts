import type { AnalysisInput, AnalysisPerson, AnalysisTie } from '../../../src/analysis/types';

export function person(id: string, fields: Partial<AnalysisPerson> = {}): AnalysisPerson {
  return { id, name: id.toUpperCase(), department: '', seniority: 3, ...fields };
}

let counter = 0;
export function tie(source: string, target: string, kind: AnalysisTie['kind'], strength = 2, mutual = false): AnalysisTie {
  return { id: `t${++counter}`, source, target, kind, strength, mutual };
}

export function input(people: AnalysisPerson[], ties: AnalysisTie[] = [], fields: Partial<AnalysisInput> = {}): AnalysisInput {
  return { people, ties, levels: ['Executive', 'Senior leader', 'Manager', 'Individual contributor'], leadershipLevel: 1, meId: null, ...fields };
}

/** Every number anywhere in a value, with its path, so a test can assert none is NaN or infinite. */
export function nonFiniteNumbers(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => nonFiniteNumbers(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nonFiniteNumbers(v, `${path}.${k}`, out);
  return out;
}
