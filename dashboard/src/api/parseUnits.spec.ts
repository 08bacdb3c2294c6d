import { describe, expect, it } from '@jest/globals';
import { buildUnit } from '../testing/builders';
import { parseUnits } from './parseUnits';

describe('parseUnits', () => {
  it('accepts the list of units', () => {
    const units = [buildUnit({ code: '22918', name: 'Phường Mũi Né' })];
    expect(parseUnits(JSON.parse(JSON.stringify(units)))).toEqual(units);
  });

  it('rejects an answer that is not a list, or a malformed unit, with a reason', () => {
    expect(() => parseUnits({ units: [] })).toThrow('not a list');
    expect(() => parseUnits([buildUnit({ code: '22918' }), { ...buildUnit({ code: '1' }) }])).toThrow(
      'unit #2',
    );
  });
});
