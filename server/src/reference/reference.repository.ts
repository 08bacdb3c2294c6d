import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CalendarDay, Procedure, ProcessingTimeUnit, Unit } from '@ioc/shared';

interface ProcedureRow {
  code: string;
  name: string;
  field: string;
  processing_time_value: number | null;
  processing_time_unit: ProcessingTimeUnit | null;
  online: Procedure['online'];
  fee: boolean | null;
}

@Injectable()
export class ReferenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findUnits(): Promise<Unit[]> {
    return this.dataSource.query(
      `SELECT code, name, type, type_en AS "typeEn", former_province AS "formerProvince", lat, lon,
              merged_from AS "mergedFrom"
       FROM units ORDER BY former_province, code`,
    );
  }

  async findProcedures(): Promise<Procedure[]> {
    const rows: ProcedureRow[] = await this.dataSource.query(
      `SELECT code, name, field, processing_time_value, processing_time_unit, online, fee FROM procedures ORDER BY code`,
    );
    return rows.map((row) => ({
      code: row.code,
      name: row.name,
      field: row.field,
      processingTime:
        row.processing_time_unit === null || row.processing_time_value === null
          ? null
          : { value: row.processing_time_value, unit: row.processing_time_unit },
      online: row.online,
      fee: row.fee,
    }));
  }

  async upsertCalendarDay(day: CalendarDay): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO working_calendar (date, kind, name, provisional) VALUES ($1, $2, $3, $4)
       ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, provisional = excluded.provisional`,
      [day.date, day.kind, day.name, day.provisional],
    );
  }

  async deleteCalendarDay(date: string): Promise<boolean> {
    // A bare DELETE through TypeORM answers [rows, count], never an empty list: select the result.
    const rows = await this.dataSource.query<unknown[]>(
      `WITH deleted AS (DELETE FROM working_calendar WHERE date = $1 RETURNING date) SELECT date FROM deleted`,
      [date],
    );
    return rows.length > 0;
  }

  findCalendarDays(): Promise<CalendarDay[]> {
    return this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name, provisional FROM working_calendar ORDER BY date`,
    );
  }
}
