import { BadRequestException, Injectable } from '@nestjs/common';
import { ANOMALY_KINDS, type AnomalyKind, type AnomalyList } from '@ioc/shared';
import { ReferenceService } from '../reference/reference.service';
import { AnomaliesRepository } from './anomalies.repository';

const MAX_LIMIT = 1000;

export interface AnomalyQuery {
  unit?: string;
  kind?: string;
  limit?: string;
}

@Injectable()
export class AnomaliesService {
  constructor(
    private readonly anomalies: AnomaliesRepository,
    private readonly reference: ReferenceService,
  ) {}

  /** Anomalies per unit, newest first; each bad filter is refused with a reason naming it. */
  list(query: AnomalyQuery): Promise<AnomalyList> {
    if (query.unit !== undefined && !this.reference.hasUnit(query.unit)) {
      throw new BadRequestException(`unit: '${query.unit}' is unknown`);
    }
    if (query.kind !== undefined && !ANOMALY_KINDS.includes(query.kind as AnomalyKind)) {
      throw new BadRequestException(`kind: must be one of ${ANOMALY_KINDS.join(', ')}`);
    }
    const limit = Number(query.limit ?? '100');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequestException(`limit: must be an integer from 1 to ${MAX_LIMIT}`);
    }
    return this.anomalies.list({
      unitCode: query.unit ?? null,
      kind: (query.kind as AnomalyKind | undefined) ?? null,
      limit,
    });
  }
}
