import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  CHANNELS,
  DOSSIER_LIST_SORTS,
  DOSSIER_LIST_STATUSES,
  FORMER_PROVINCES,
  dossierDetailSchema,
  dossierListQuerySchema,
  dossierListSchema,
  type DossierDetail,
  type DossierList,
  type DossierListQuery,
} from '@ioc/shared';
import { Access, CurrentAccess, type RequestAccess } from '../access/access.decorator';
import { openApiSchemaOf } from '../common/openapi-schema';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ExpensiveReadThrottleGuard } from '../rankings/read-throttle.guard';
import { DossierExportService, type ExportFormat } from './dossier-export.service';
import { DossiersService } from './dossiers.service';

const PERIOD_EXAMPLES =
  '2026-10-05, 2026-W43, 2026-10, 2026-Q4, 2026 or 2026-10-01..2026-10-15 (Vietnam days)';
const filterQueries = [
  ApiQuery({ name: 'unit', required: false, description: 'unit codes, comma-separated', example: '24781' }),
  ApiQuery({ name: 'formerProvince', required: false, enum: FORMER_PROVINCES.map((p) => p.slug) }),
  ApiQuery({ name: 'field', required: false, description: 'field codes, comma-separated', example: 'land' }),
  ApiQuery({
    name: 'procedure',
    required: false,
    description: 'procedure codes, comma-separated',
    example: '1.001193',
  }),
  ApiQuery({ name: 'channel', required: false, description: `comma-separated: ${CHANNELS.join(', ')}` }),
  ApiQuery({
    name: 'status',
    required: false,
    description: `comma-separated, OR-ed: ${DOSSIER_LIST_STATUSES.join(', ')}`,
    example: 'overdue',
  }),
  ApiQuery({ name: 'received', required: false, description: `received in: ${PERIOD_EXAMPLES}` }),
  ApiQuery({ name: 'resolved', required: false, description: `resolved in: ${PERIOD_EXAMPLES}` }),
  ApiQuery({ name: 'code', required: false, description: 'the dossier code starts with this' }),
  ApiQuery({
    name: 'sort',
    required: false,
    enum: DOSSIER_LIST_SORTS,
    description: 'default: overdue for status=overdue or no-apology, else -received',
  }),
];
const withFilterQueries = (): MethodDecorator => (target, key, descriptor) => {
  for (const decorate of filterQueries) decorate(target, key, descriptor);
};
const exportQuerySchema = dossierListQuerySchema.omit({ limit: true, cursor: true });

/**
 * The drill-down's dossiers (issue 14): lists of any filter by keyset, their CSV and XLSX
 * exports, one dossier. Lists are `dossier-detail` (a department head: his fields); a dossier is
 * `dossier` (not the caller's: 404).
 */
@ApiTags('drill-down')
@Controller('api/v1/dossiers')
@UseGuards(ExpensiveReadThrottleGuard)
export class DossiersController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly exports: DossierExportService,
  ) {}

  @Get()
  @Access('dossier-detail', { unit: { query: 'unit' }, fieldFiltered: true })
  @ApiOperation({
    summary:
      'Dossiers of a filter, a page at a time (keyset: pass `next` as `cursor`), with the filter’s total',
  })
  @withFilterQueries()
  @ApiQuery({ name: 'limit', required: false, example: 50, description: '1–200' })
  @ApiQuery({ name: 'cursor', required: false, description: '`next` of the page before' })
  @ApiOkResponse({ schema: openApiSchemaOf(dossierListSchema) })
  list(
    @CurrentAccess() access: RequestAccess,
    @Query(new ZodValidationPipe(dossierListQuerySchema)) query: DossierListQuery,
  ): Promise<DossierList> {
    return this.dossiers.list(query, access.restrict);
  }

  @Get('export.csv')
  @Access('dossier-detail', { unit: { query: 'unit' }, fieldFiltered: true })
  @ApiOperation({
    summary: 'The same filter as a CSV file (UTF-8 with BOM, opens in Excel), streamed; audited',
  })
  @withFilterQueries()
  @ApiProduces('text/csv')
  exportCsv(
    @CurrentAccess() access: RequestAccess,
    @Query(new ZodValidationPipe(exportQuerySchema)) query: Omit<DossierListQuery, 'limit' | 'cursor'>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.export('csv', query, access, request, response);
  }

  @Get('export.xlsx')
  @Access('dossier-detail', { unit: { query: 'unit' }, fieldFiltered: true })
  @ApiOperation({
    summary:
      'The same filter as an Excel workbook (typed cells, frozen header, dates as dates), streamed; audited',
  })
  @withFilterQueries()
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  exportXlsx(
    @CurrentAccess() access: RequestAccess,
    @Query(new ZodValidationPipe(exportQuerySchema)) query: Omit<DossierListQuery, 'limit' | 'cursor'>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.export('xlsx', query, access, request, response);
  }

  @Get(':unit/:code')
  @Access('dossier', { unit: { param: 'unit' }, fieldFiltered: true })
  @ApiOperation({
    summary:
      'One dossier: its timeline with arrivals, its state, its deadline explained, anomalies, feedback',
  })
  @ApiOkResponse({ schema: openApiSchemaOf(dossierDetailSchema) })
  dossier(
    @CurrentAccess() access: RequestAccess,
    @Param('unit') unit: string,
    @Param('code') code: string,
  ): Promise<DossierDetail> {
    return this.dossiers.dossier(unit, code, access.restrict);
  }

  private async export(
    format: ExportFormat,
    query: Omit<DossierListQuery, 'limit' | 'cursor'>,
    access: RequestAccess,
    request: Request,
    response: Response,
  ): Promise<void> {
    const write = await this.exports.prepare(format, query, access, request.ip ?? null);
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
    response.status(200);
    response.setHeader(
      'content-type',
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    response.setHeader('content-disposition', `attachment; filename="ho-so-${stamp}.${format}"`);
    response.setHeader('cache-control', 'no-store');
    response.flushHeaders();
    let closed = false;
    response.once('close', () => (closed = true));
    await write(response, () => closed && !response.writableFinished);
  }
}
