import type { Procedure } from '@ioc/shared';
import { pickWeighted, type Rng, type Weighted } from './prng';
import type { ArrivalStream } from './arrival-model';
import type { UnitKind } from './simulation-rates';

/**
 * Which procedures citizens file. Certified copies and civil status make most of a commune
 * center's day; land and construction are rarer but long. Shares are per field, spread over the
 * field's procedures by how common each one is.
 */
const FIELD_SHARES: Readonly<Record<string, number>> = {
  certification: 0.4,
  'civil-status': 0.3,
  'social-protection': 0.08,
  land: 0.07,
  'household-business': 0.06,
  construction: 0.04,
  'meritorious-people': 0.03,
  education: 0.015,
  agriculture: 0.005,
};
const OTHER_FIELD_SHARE = 0.01;

/** How common a procedure is within its field (1 when not listed). */
const PROCEDURE_POPULARITY: Readonly<Record<string, number>> = {
  '2.000815': 6, // certified copy from the original
  '2.000884': 3, // certification of a signature
  '2.000942': 1.5,
  '1.001193': 4, // birth registration
  '2.000635': 3, // copy of a civil-status extract
  '1.004873': 2.5, // marital status certificate
  '1.000894': 1.5, // marriage registration
  '1.000656': 1.5, // death registration
  '2.000806': 0.2, // marriage with a foreigner
  '2.000528': 0.2, // birth with a foreign element
  '1.004746': 0.3,
  '2.000986': 0.5,
  '1.013831': 3, // land changes (transfer, inheritance)
  '1.013978': 2,
  '1.013967': 0.3, // land disputes
  '1.012812': 0.5,
  '1.013225': 2, // new house permit
  '1.013229': 1.5,
  '1.001612': 2, // new household business
};

/** Rural communes see more land and farm dossiers, urban wards more permits and businesses. */
const FIELD_TILT_BY_KIND: Readonly<Record<UnitKind, Readonly<Record<string, number>>>> = {
  ward: { construction: 1.4, 'household-business': 1.3, land: 0.8, agriculture: 0.2 },
  commune: { construction: 0.7, 'household-business': 0.8, land: 1.4, agriculture: 2 },
  'special-zone': { agriculture: 0.5 },
};

/** Procedures offered full-process online draw most of the online filings. */
const FULL_ONLINE_BOOST = 3;

/** The processing department of each field, as named in commune centers. */
const DEPARTMENT_BY_FIELD: Readonly<Record<string, string>> = {
  'civil-status': 'Bộ phận Tư pháp - Hộ tịch',
  certification: 'Bộ phận Tư pháp - Chứng thực',
  land: 'Bộ phận Địa chính - Đất đai',
  construction: 'Bộ phận Quản lý đô thị - Xây dựng',
  'household-business': 'Bộ phận Kinh tế - Đăng ký kinh doanh',
  'social-protection': 'Bộ phận Văn hóa - Xã hội',
  'meritorious-people': 'Bộ phận Lao động - Người có công',
  education: 'Bộ phận Giáo dục - Đào tạo',
  agriculture: 'Bộ phận Nông nghiệp - Môi trường',
};
const DEFAULT_DEPARTMENT = 'Văn phòng HĐND và UBND';

export function departmentFor(field: string): string {
  return DEPARTMENT_BY_FIELD[field] ?? DEFAULT_DEPARTMENT;
}

export class ProcedureMix {
  private readonly weights = new Map<string, Weighted<Procedure>[]>();

  constructor(procedures: readonly Procedure[]) {
    if (procedures.length === 0) throw new Error('the procedure catalogue is empty');
    const popularityOfField = new Map<string, number>();
    for (const p of procedures) {
      popularityOfField.set(p.field, (popularityOfField.get(p.field) ?? 0) + popularity(p));
    }
    const kinds: UnitKind[] = ['ward', 'commune', 'special-zone'];
    const streams: ArrivalStream[] = ['counter', 'online'];
    for (const kind of kinds) {
      for (const stream of streams) {
        const weighted = procedures.map((p) => {
          const fieldShare = FIELD_SHARES[p.field] ?? OTHER_FIELD_SHARE;
          const tilt = FIELD_TILT_BY_KIND[kind][p.field] ?? 1;
          const online = stream === 'online' && p.online === 'full' ? FULL_ONLINE_BOOST : 1;
          const weight = (fieldShare * tilt * online * popularity(p)) / (popularityOfField.get(p.field) ?? 1);
          return { value: p, weight };
        });
        this.weights.set(`${kind}/${stream}`, weighted);
      }
    }
  }

  pick(rng: Rng, kind: UnitKind, stream: ArrivalStream): Procedure {
    const weighted = this.weights.get(`${kind}/${stream}`);
    if (!weighted) throw new Error(`no procedure mix for ${kind}/${stream}`);
    return pickWeighted(rng, weighted);
  }
}

function popularity(procedure: Procedure): number {
  return PROCEDURE_POPULARITY[procedure.code] ?? 1;
}
