import type { CalendarDay, Procedure, ServiceIndexRulesVersion, Unit } from '@ioc/shared';
import unitsJson from './units.json';
import proceduresJson from './procedures.json';
import calendarJson from './working-calendar.json';
import serviceIndexRulesJson from './service-index-rules.json';

/**
 * Reference data shipped with the product. Units and boundaries come from the MIT-licensed
 * vietnamese-provinces-database by Thang Le Quoc (LICENSE-vietnamese-provinces-database.txt);
 * procedures from the national public service portal; the calendar from DOMAIN.md.
 */
export const REFERENCE_UNITS: readonly Unit[] = unitsJson.map((u) => ({
  code: u.code,
  name: u.name,
  type: u.type,
  typeEn: u.typeEn,
  formerProvince: u.formerProvince,
  lat: u.lat,
  lon: u.lon,
  mergedFrom: u.mergedFrom,
}));

export const REFERENCE_PROCEDURES: readonly Procedure[] = proceduresJson.map((p) => ({
  code: p.code,
  name: p.name,
  field: p.field,
  processingTime: p.processingTime as Procedure['processingTime'],
  online: p.online as Procedure['online'],
  fee: p.fee,
}));

export const REFERENCE_CALENDAR: readonly CalendarDay[] = calendarJson as CalendarDay[];

/**
 * The service index rules in force since the new province (Decision 766/QĐ-TTg as the IOC can
 * score it): the first version of rules the province edits when the national rules change.
 * Validated by the server when it loads them (`serviceIndexRulesSchema`).
 */
export const REFERENCE_SERVICE_INDEX_RULES = serviceIndexRulesJson as ServiceIndexRulesVersion[];
