/**
 * decimal() and places() keep one Intl.NumberFormat each instead of calling toLocaleString with
 * options (which builds a formatter per call and made 20,000 people's explanations take seconds).
 * The text must be exactly what toLocaleString gave.
 */
import { describe, expect, it } from 'vitest';
import { decimal, places } from '../../../src/analysis/format';

const VALUES = [0, -0, 0.004, 0.005, 0.0149, 0.125, 0.5, 1, 1.005, 2.345, 9.995, 12.5, 999.999, 1234.5678, 50000, -3.25, 1e21, Number.EPSILON];

describe('number formats', () => {
  it('decimal() writes what toLocaleString wrote, for 0 to 3 digits', () => {
    for (const digits of [0, 1, 2, 3])
      for (const v of VALUES) expect(decimal(v, digits)).toBe(v.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
    expect(decimal(NaN, 2)).toBe('0');
    expect(decimal(Infinity, 2)).toBe('0');
  });

  it('places() writes half places as the Metrics table does', () => {
    for (const v of [0, 0.25, 0.5, 1, 4.5, -4.5, 12.75, 1234.5]) {
      const half = Math.round(Math.abs(v) * 2) / 2;
      expect(places(v)).toBe(half.toLocaleString('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 1 }));
    }
    expect(places(1234.5)).toBe('1,234.5');
  });
});
