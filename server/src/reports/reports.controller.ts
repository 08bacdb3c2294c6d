import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  FORMER_PROVINCES,
  REPORT_PERIOD_KINDS,
  reportQuerySchema,
  reportView,
  snapshotListQuerySchema,
  takeSnapshotRequestSchema,
  type LiveReport,
  type ReportQuery,
  type ReportSnapshot,
  type SnapshotList,
  type SnapshotListQuery,
} from '@ioc/shared';
import { Access, CurrentAccess, type RequestAccess } from '../access/access.decorator';
import { AccessException } from '../access/access.exception';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { RankingReadsService } from '../rankings/ranking-reads.service';
import { ExpensiveReadThrottleGuard } from '../rankings/read-throttle.guard';
import { ReportSnapshotsService, type ExportFormat } from './report-snapshots.service';
import { ReportsException } from './reports.exception';
import { ReportsService } from './reports.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTENT_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const reportQueries = (): MethodDecorator => (target, key, descriptor) => {
  for (const decorate of [
    ApiQuery({ name: 'period', required: false, enum: REPORT_PERIOD_KINDS }),
    ApiQuery({
      name: 'date',
      required: false,
      example: '2026-10',
      description: '2026-10, 2026-Q4, 2026; ytd: its last day 2026-10-15',
    }),
    ApiQuery({
      name: 'from',
      required: false,
      example: '2026-10-01',
      description: 'period=custom: first day',
    }),
    ApiQuery({ name: 'to', required: false, example: '2026-10-15', description: 'period=custom: last day' }),
    ApiQuery({ name: 'formerProvince', required: false, enum: FORMER_PROVINCES.map((p) => p.slug) }),
    ApiQuery({
      name: 'field',
      required: false,
      example: 'land,construction',
      description: 'narrows the dossier figures',
    }),
  ])
    decorate(target, key, descriptor);
};

function snapshotId(id: string): string {
  if (!UUID.test(id))
    throw ReportsException.invalid(
      'id',
      `'${id}' không phải là mã bản chốt`,
      `'${id}' is not a snapshot id (a UUID)`,
    );
  return id;
}

/**
 * A department head's report is of his fields: of those he names (all his), or of all of them.
 * Anyone else's is of the fields named, if any.
 */
function fieldsFor(access: RequestAccess, query: ReportQuery): ReportQuery {
  const own = access.restrict.fields;
  if (own === null) return query;
  const asked = query.field ?? own;
  const foreign = asked.filter((f) => !own.includes(f));
  if (foreign.length > 0)
    throw AccessException.forbidden(`a department head reads only his fields (${own.join(', ')})`);
  return { ...query, field: [...asked].sort() };
}

/** The meeting report (issue 15), live: the period against the previous one and the same one last year. */
@ApiTags('meeting reports')
@Controller('api/v1')
@UseGuards(ExpensiveReadThrottleGuard)
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly reads: RankingReadsService,
  ) {}

  @Get('reports')
  @Access('report')
  @ApiOperation({
    summary: 'The meeting report of a period, live: compared, explained, as the reader may see it',
  })
  @reportQueries()
  async report(
    @CurrentAccess() access: RequestAccess,
    @Query(new ZodValidationPipe(reportQuerySchema)) query: ReportQuery,
  ): Promise<LiveReport> {
    const resolved = this.reports.resolve(fieldsFor(access, query));
    const report = await this.reads.read(`report ${JSON.stringify(resolved)}`, () =>
      this.reports.report(resolved),
    );
    return reportView(report, { unitCode: access.restrict.unitCode, fields: access.restrict.fields });
  }
}

/** Frozen reports ("Chốt số liệu"): taken, listed, read, exported as PDF and XLSX, deleted (audited). */
@ApiTags('meeting reports')
@Controller('api/v1/report-snapshots')
@UseGuards(ExpensiveReadThrottleGuard)
export class ReportSnapshotsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly snapshots: ReportSnapshotsService,
  ) {}

  @Post()
  @HttpCode(201)
  @Access('report-snapshot')
  @ApiOperation({
    summary: 'Freeze the report of a period ("Chốt số liệu"): stored as data with its SHA-256',
  })
  async take(
    @CurrentAccess() access: RequestAccess,
    @Body(new ZodValidationPipe(takeSnapshotRequestSchema)) body: ReportQuery,
    @Req() request: Request,
  ): Promise<ReportSnapshot> {
    return this.snapshots.take(this.reports.resolve(body), access.principal!, request.ip ?? null);
  }

  @Get()
  @Access('report')
  @ApiOperation({ summary: 'The snapshots, newest first (keyset pages)' })
  @ApiQuery({ name: 'limit', required: false, example: 50 })
  @ApiQuery({ name: 'before', required: false, description: '`next` of the page before' })
  list(
    @Query(new ZodValidationPipe(snapshotListQuerySchema)) query: SnapshotListQuery,
  ): Promise<SnapshotList> {
    return this.snapshots.list(query);
  }

  @Get(':id')
  @Access('report')
  @ApiOperation({ summary: 'A snapshot: its report as data, as the reader may see it' })
  get(@CurrentAccess() access: RequestAccess, @Param('id') id: string): Promise<ReportSnapshot> {
    return this.snapshots.get(snapshotId(id), {
      unitCode: access.restrict.unitCode,
      fields: access.restrict.fields,
    });
  }

  @Get(':id/report.pdf')
  @Access('report')
  @ApiOperation({ summary: "The snapshot's PDF (A4 landscape), audited" })
  @ApiProduces(CONTENT_TYPES.pdf)
  @ApiOkResponse({
    description: 'The PDF, as an attachment: the formal header, headline, charts, every table',
  })
  pdf(
    @CurrentAccess() access: RequestAccess,
    @Param('id') id: string,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.file(access, id, 'pdf', request);
  }

  @Get(':id/report.xlsx')
  @Access('report')
  @ApiOperation({ summary: "The snapshot's XLSX (a sheet per table), audited" })
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiOkResponse({
    description: 'The workbook, as an attachment: one sheet per table, typed cells, frozen headers',
  })
  xlsx(
    @CurrentAccess() access: RequestAccess,
    @Param('id') id: string,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.file(access, id, 'xlsx', request);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('administration')
  @ApiOperation({ summary: 'Delete a snapshot (administrators; audited)' })
  async delete(
    @CurrentAccess() access: RequestAccess,
    @Param('id') id: string,
    @Req() request: Request,
  ): Promise<void> {
    await this.snapshots.delete(snapshotId(id), access.principal!, request.ip ?? null);
  }

  private async file(
    access: RequestAccess,
    id: string,
    format: ExportFormat,
    request: Request,
  ): Promise<StreamableFile> {
    const { body, filename } = await this.snapshots.export(
      snapshotId(id),
      format,
      { unitCode: access.restrict.unitCode, fields: access.restrict.fields },
      access.principal!,
      request.ip ?? null,
    );
    return new StreamableFile(body, {
      type: CONTENT_TYPES[format],
      disposition: `attachment; filename="${filename}"`,
      length: body.length,
    });
  }
}
