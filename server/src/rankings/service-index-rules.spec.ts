import { REFERENCE_SERVICE_INDEX_RULES } from '@ioc/db';
import { serviceIndexRulesSchema } from '@ioc/shared';

describe('the shipped service index rules (db/src/reference/service-index-rules.json)', () => {
  it('are valid, and have the six groups of Decision 766 with their points (18/20/12/22/18/10)', () => {
    const parsed = serviceIndexRulesSchema.safeParse(REFERENCE_SERVICE_INDEX_RULES);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data![0]!.groups.map((g) => [g.id, g.points])).toEqual([
      ['transparency', 18],
      ['progress', 20],
      ['online-services', 12],
      ['digitisation', 22],
      ['satisfaction', 18],
      ['online-payment', 10],
    ]);
  });

  it('give full points at 80% digitised and 90% satisfaction, and publication to the province only', () => {
    const indicators = REFERENCE_SERVICE_INDEX_RULES[0]!.groups.flatMap((g) => g.indicators);
    expect(indicators.find((i) => i.id === 'digitized')!.fullAt).toBe(0.8);
    expect(indicators.find((i) => i.id === 'satisfaction')!.fullAt).toBe(0.9);
    expect(indicators.find((i) => i.id === 'publication')!.appliesToCommunes).toBe(false);
  });
});
