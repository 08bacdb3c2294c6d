import { describe, expect, it } from '@jest/globals';
import { formatCount, formatRating } from './figures';

describe('figures', () => {
  it('groups thousands with dots, as in Vietnam', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234)).toBe('1.234');
    expect(formatCount(1234567)).toBe('1.234.567');
  });

  it('writes a rating with one decimal and a comma, and a dash when nobody rated', () => {
    expect(formatRating(4.25)).toBe('4,3');
    expect(formatRating(5)).toBe('5,0');
    expect(formatRating(null)).toBe('—');
  });
});
