/**
 * How a procedure's statutory processing time is expressed in the national catalogue.
 * `null` processing time means no source gave it: events for such a procedure must carry `dueAt`.
 */
export type ProcessingTimeUnit = 'working-days' | 'working-hours' | 'days' | 'same-day';

export interface ProcessingTime {
  value: number;
  unit: ProcessingTimeUnit;
}

export interface Procedure {
  code: string;
  name: string;
  field: string;
  processingTime: ProcessingTime | null;
  /** `full` where the procedure is confirmed full-process online (toàn trình), else null (unknown). */
  online: 'full' | 'partial' | null;
  fee: boolean | null;
}
