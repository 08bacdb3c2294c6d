import { UNIT_CODE_PATTERN, type Unit } from '@ioc/shared';

function isUnit(value: unknown): value is Unit {
  if (typeof value !== 'object' || value === null) return false;
  const unit = value as Record<string, unknown>;
  return (
    typeof unit['code'] === 'string' &&
    UNIT_CODE_PATTERN.test(unit['code']) &&
    typeof unit['name'] === 'string' &&
    typeof unit['type'] === 'string' &&
    typeof unit['typeEn'] === 'string' &&
    typeof unit['formerProvince'] === 'string' &&
    typeof unit['lat'] === 'number' &&
    typeof unit['lon'] === 'number' &&
    typeof unit['mergedFrom'] === 'string'
  );
}

/** Checks the `GET /api/v1/units` answer at the boundary, so a bad answer shows the error view, not a broken wall. */
export function parseUnits(body: unknown): Unit[] {
  if (!Array.isArray(body)) throw new Error('the units answer is not a list');
  const invalidIndex = body.findIndex((item) => !isUnit(item));
  if (invalidIndex >= 0) throw new Error(`unit #${invalidIndex + 1} of the answer is malformed`);
  return body as Unit[];
}
