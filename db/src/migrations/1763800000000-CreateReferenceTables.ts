import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REFERENCE_CALENDAR, REFERENCE_PROCEDURES, REFERENCE_UNITS } from '../reference/reference-data';

/** Units, the procedure catalogue and the working-day calendar: reference data the province edits. */
export class CreateReferenceTables1763800000000 implements MigrationInterface {
  name = 'CreateReferenceTables1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE units (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{5}$'),
        name text NOT NULL,
        type text NOT NULL,
        type_en text NOT NULL,
        former_province text NOT NULL,
        lat double precision NOT NULL,
        lon double precision NOT NULL,
        merged_from text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE procedures (
        code text PRIMARY KEY,
        name text NOT NULL,
        field text NOT NULL,
        processing_time_value integer,
        processing_time_unit text CHECK (processing_time_unit IN ('working-days', 'working-hours', 'days', 'same-day')),
        online text CHECK (online IN ('full', 'partial')),
        fee boolean,
        CHECK ((processing_time_value IS NULL) = (processing_time_unit IS NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE working_calendar (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('day-off', 'worked-saturday')),
        name text NOT NULL,
        provisional boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(
      `INSERT INTO units (code, name, type, type_en, former_province, lat, lon, merged_from)
       SELECT u.code, u.name, u.type, u."typeEn", u."formerProvince", u.lat, u.lon, u."mergedFrom"
       FROM json_to_recordset($1::json) AS u(code text, name text, type text, "typeEn" text,
         "formerProvince" text, lat double precision, lon double precision, "mergedFrom" text)`,
      [JSON.stringify(REFERENCE_UNITS)],
    );
    await queryRunner.query(
      `INSERT INTO procedures (code, name, field, processing_time_value, processing_time_unit, online, fee)
       SELECT p.code, p.name, p.field, (p."processingTime"->>'value')::integer, p."processingTime"->>'unit', p.online, p.fee
       FROM json_to_recordset($1::json) AS p(code text, name text, field text, "processingTime" json, online text, fee boolean)`,
      [JSON.stringify(REFERENCE_PROCEDURES)],
    );
    await queryRunner.query(
      `INSERT INTO working_calendar (date, kind, name, provisional)
       SELECT c.date, c.kind, c.name, c.provisional
       FROM json_to_recordset($1::json) AS c(date date, kind text, name text, provisional boolean)`,
      [JSON.stringify(REFERENCE_CALENDAR)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE working_calendar');
    await queryRunner.query('DROP TABLE procedures');
    await queryRunner.query('DROP TABLE units');
  }
}
