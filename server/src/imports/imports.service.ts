import { Injectable } from '@nestjs/common';
import {
  MAX_EVENTS_PER_REQUEST,
  MAX_REJECTIONS_LISTED,
  UNIT_CODE_PATTERN,
  validateIngestEvent,
  type ImportResult,
  type IngestRoute,
} from '@ioc/shared';
import { ITEMS_PER_SLICE, yieldToEventLoop } from '../common/event-loop';
import { IngestService } from '../ingest/ingest.service';
import type { IngestPrincipal } from '../keys/keys.service';
import { ReferenceService } from '../reference/reference.service';
import { readCsv } from './csv-parser';
import {
  mapLegacyExport,
  reasonInColumns,
  rejectionsByRow,
  type EventOrigin,
  type RowMappingContext,
} from './csv-row-mapping';
import { ImportException, ImportExceptionCode } from './import.exception';

const ROUTE: IngestRoute = 'imports';
const EXCEPTION_OF_PROBLEM = {
  'no-header': ImportExceptionCode.NoHeaderRow,
  'no-unit': ImportExceptionCode.UnitNotGiven,
  'too-many-rows': ImportExceptionCode.TooManyRows,
} as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

interface ReadExport {
  origins: EventOrigin[];
  refusedRows: { row: number; reason: string }[];
}

@Injectable()
export class ImportsService {
  constructor(
    private readonly ingest: IngestService,
    private readonly reference: ReferenceService,
  ) {}

  /**
   * Reads a legacy CSV export into the events its rows imply and stores them through the ingest
   * path, so that a file is validated, deduplicated and derived exactly like live events.
   * `accepted` and `duplicate` count events; `rejected` holds rows, by row number.
   */
  async importLegacyExport(
    principal: IngestPrincipal,
    body: Buffer,
    unitParameter: string | undefined,
    now = Date.now(),
  ): Promise<ImportResult> {
    let file: ReadExport;
    try {
      file = await this.readExport(principal, body, unitParameter, now);
    } catch (error) {
      // A refused file leaves its audit row too, like a refused ingest request.
      if (error instanceof ImportException)
        await this.ingest.auditRefusal(principal, ROUTE, error.getStatus());
      throw error;
    }
    // One call, one transaction: a file is stored whole or, when the database fails, not at all.
    const stored = await this.ingest.ingest(
      principal,
      file.origins.map((o) => o.imported.event),
      ROUTE,
      now,
    );
    const rejected = rejectionsByRow(file.refusedRows, stored.rejected, file.origins);
    // A file of thousands of refused rows mostly repeats one mistake: the first ones say what
    // it is, the count says how big it is, and the answer stays small.
    return {
      accepted: stored.accepted,
      duplicate: stored.duplicate,
      rejected: rejected.slice(0, MAX_REJECTIONS_LISTED),
      rejectedRows: rejected.length,
    };
  }

  private async readExport(
    principal: IngestPrincipal,
    body: Buffer,
    unitParameter: string | undefined,
    now: number,
  ): Promise<ReadExport> {
    const context: RowMappingContext = {
      fileUnit: this.fileUnit(principal, unitParameter),
      procedure: (code) => {
        const procedure = this.reference.procedure(code);
        return procedure && { field: procedure.field, hasStatutoryTime: procedure.processingTime !== null };
      },
      hasUnit: (code) => this.reference.hasUnit(code),
      now,
    };
    const mapping = await mapLegacyExport(readCsv(decodeUtf8(body)), context);
    if (!mapping.ok) throw new ImportException(EXCEPTION_OF_PROBLEM[mapping.problem], mapping.message);
    const file: ReadExport = { origins: [], refusedRows: [] };
    for (const [position, row] of mapping.rows.entries()) {
      if (position % ITEMS_PER_SLICE === ITEMS_PER_SLICE - 1) await yieldToEventLoop();
      if (!row.ok) {
        file.refusedRows.push(row);
        continue;
      }
      // A row is stored whole or not at all: one event the contract refuses refuses its row.
      const invalid = row.events
        .map((imported) => ({ imported, validation: validateIngestEvent(imported.event) }))
        .find(({ validation }) => !validation.ok);
      if (invalid && !invalid.validation.ok) {
        file.refusedRows.push({
          row: row.row,
          reason: reasonInColumns(invalid.validation.reason, invalid.imported),
        });
      } else {
        file.origins.push(...row.events.map((imported) => ({ row: row.row, imported })));
      }
    }
    // The contract's per-request cap, which each unit's rate bucket is sized for: a bigger file
    // could never get through, so it is refused at once, saying what to do.
    if (file.origins.length > MAX_EVENTS_PER_REQUEST) {
      throw new ImportException(
        ImportExceptionCode.TooManyEvents,
        `a file may imply at most ${MAX_EVENTS_PER_REQUEST} events; this one implies ${file.origins.length}: split it, e.g. by month`,
      );
    }
    return file;
  }

  /** A unit key imports its own unit; a provincial key names one with `?unit=` or per row. */
  private fileUnit(
    principal: IngestPrincipal,
    unitParameter: string | undefined,
  ): RowMappingContext['fileUnit'] {
    if (unitParameter !== undefined) {
      if (!UNIT_CODE_PATTERN.test(unitParameter) || !this.reference.hasUnit(unitParameter)) {
        throw new ImportException(
          ImportExceptionCode.UnknownUnit,
          `?unit=: '${unitParameter}' is not the 5-digit code of a unit of the province`,
        );
      }
      if (principal.unitCode !== null && principal.unitCode !== unitParameter) {
        throw new ImportException(
          ImportExceptionCode.UnitNotAllowed,
          `?unit=: this key may only import unit '${principal.unitCode}'`,
        );
      }
      return { code: unitParameter, source: 'query' };
    }
    return principal.unitCode === null ? null : { code: principal.unitCode, source: 'key' };
  }
}

function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new ImportException(
      ImportExceptionCode.NotUtf8,
      'the file is not valid UTF-8: export it as "CSV UTF-8" (Excel: Save As > CSV UTF-8)',
    );
  }
}
