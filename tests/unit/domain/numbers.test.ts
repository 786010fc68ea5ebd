import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from '../../../src/domain/numbers';
import { count } from '../../../src/analysis/format';
import { plural } from '../../../src/io/text';
import { formatCount as limitsCount } from '../../../src/domain/limits';

describe('one count formatter', () => {
  it('writes thousands separators whatever the locale', () => {
    expect(formatCount(50000)).toBe('50,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(999)).toBe('999');
    expect(countOf(50000, 'person', 'people')).toBe('50,000 people');
    expect(countOf(1, 'person', 'people')).toBe('1 person');
    expect(countOf(250000, 'tie')).toBe('250,000 ties');
  });

  it('is the one every layer uses', () => {
    for (const f of [count, limitsCount]) expect(f(50000)).toBe('50,000');
    expect(plural(20000, 'row')).toBe('20,000 rows');
  });
});
