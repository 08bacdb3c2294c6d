import { describe, expect, it } from '@jest/globals';
import type { UnitIndex } from '@ioc/shared';
import { indicatorChoices, prepareLostDossiers } from './prepareLostPoints';

const indicator = (id: string, lostPoints: number, appliesToCommunes = true) => ({
  groupId: 'progress' as const,
  id,
  name: { vi: `chỉ tiêu ${id}`, en: `indicator ${id}` },
  measure: appliesToCommunes ? ('on-time' as const) : null,
  appliesToCommunes,
  fullAt: 1,
  rate: appliesToCommunes ? 0.8 : null,
  numerator: 8,
  denominator: 10,
  points: 10 - lostPoints,
  maxPoints: 10,
  lostPoints,
});

describe('why a unit lost points', () => {
  it('lists the indicators communes are scored on, the costliest first', () => {
    const index = {
      score: {
        groups: [
          {
            id: 'progress',
            name: { vi: 'Tiến độ', en: 'Progress' },
            points: 0,
            maxPoints: 0,
            lostPoints: 0,
            indicators: [indicator('a', 1), indicator('b', 4), indicator('province-only', 0, false)],
          },
        ],
      },
    } as unknown as UnitIndex;
    const choices = indicatorChoices(index, 'vi');
    expect(choices.map((c) => c.id)).toEqual(['b', 'a']);
    expect(choices[0]).toMatchObject({
      name: 'chỉ tiêu b',
      group: 'Tiến độ',
      points: '6,00 / 10,00',
      rate: '80,0%',
    });
    expect(indicatorChoices(index, 'en')[0]!.name).toBe('indicator b');
  });

  it('names each reason and shows times in Vietnam time; a rating without a dossier has no link', () => {
    const [late, rating] = prepareLostDossiers(
      [
        {
          dossierCode: 'XD-1',
          procedureCode: '1.013228',
          field: 'construction',
          channel: 'direct',
          status: 'resolved',
          receivedAt: '2026-10-05T01:00:00.000Z',
          dueAt: '2026-10-09T09:30:00.000Z',
          resolvedAt: '2026-10-12T02:00:00.000Z',
          pauseCount: 0,
          reason: 'late',
        },
        {
          dossierCode: null,
          procedureCode: null,
          field: null,
          channel: null,
          status: null,
          receivedAt: null,
          dueAt: null,
          resolvedAt: null,
          pauseCount: 0,
          reason: 'poor-rating',
          rating: 1,
          ratedAt: '2026-10-20T03:00:00.000Z',
        },
      ],
      0,
    );
    expect(late).toMatchObject({
      dossierCode: 'XD-1',
      received: '05/10/2026 08:00',
      due: '09/10/2026 16:30',
      resolved: '12/10/2026 09:00',
      reason: 'lost.reason.late',
    });
    expect(rating).toMatchObject({
      dossierCode: null,
      reason: 'lost.reason.poor-rating',
      rating: '1 ★ 20/10/2026 10:00',
    });
  });
});
