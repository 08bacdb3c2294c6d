import type { MeetingReport, ReportView } from './meeting-report';

/** What the reader may see, as the access policy narrows it (null: no narrowing). */
export interface ReportReader {
  /** A unit officer's unit. */
  unitCode: string | null;
  /** A department head's fields. */
  fields: string[] | null;
}

/**
 * The part of a report a reader may see: rows are left out, no figure is changed or computed.
 * The province, the former provinces, the ranking's data (index by unit, the best and worst
 * units) are for every role that reads reports, as the ranking is. A unit officer sees his unit's
 * row and movement only; a department head the dossier figures of his fields — the units' rows
 * only when the report was made for fields all his, never the movers (a unit's indicators are
 * that unit's figures, which a department head does not read).
 */
export function reportView(
  report: MeetingReport,
  reader: ReportReader,
): { view: ReportView; report: MeetingReport } {
  if (reader.unitCode !== null) {
    const own = <T extends { unitCode: string }>(items: T[]) =>
      items.filter((m) => m.unitCode === reader.unitCode);
    return {
      view: {
        kind: 'unit',
        omitted: ['units other than the reader’s', 'movers other than the reader’s unit'],
      },
      report: {
        ...report,
        units: report.units.filter((u) => u.code === reader.unitCode),
        movers: { risers: own(report.movers.risers), fallers: own(report.movers.fallers) },
      },
    };
  }
  if (reader.fields !== null) {
    const mine = new Set(reader.fields);
    const unitsAreMine = report.filter.fields !== null && report.filter.fields.every((f) => mine.has(f));
    const omitted = ['movers', ...(unitsAreMine ? [] : ['units (made for fields not all the reader’s)'])];
    return {
      view: { kind: 'fields', omitted },
      report: {
        ...report,
        units: unitsAreMine ? report.units : [],
        byField: report.byField.filter((f) => mine.has(f.field)),
        movers: { risers: [], fallers: [] },
      },
    };
  }
  return { view: { kind: 'full', omitted: [] }, report };
}
