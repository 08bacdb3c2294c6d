import { Controller, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { ImportResult } from '@ioc/shared';
import { IngestKeyGuard, type AuthenticatedRequest } from '../keys/ingest-key.guard';
import { Access } from '../access/access.decorator';
import { ImportsService } from './imports.service';

const EXAMPLE_EXPORT = [
  'Mã hồ sơ,Mã thủ tục,Lĩnh vực,Ngày tiếp nhận,Hạn xử lý,Ngày có kết quả,Ngày trả kết quả,Trạng thái,Kênh',
  '000.00.12.H41-260302-0001,1.001193,Hộ tịch,02/03/2026 08:15,,02/03/2026 10:40,02/03/2026 14:00,Đã trả kết quả,Trực tiếp',
  '000.00.12.H41-260302-0002,1.001612,Hộ kinh doanh,02/03/2026 09:05,05/03/2026,,,Đang xử lý,Trực tuyến',
  '000.00.12.H41-260303-0003,2.000815,,03/03/2026 10:00,,,,Từ chối,',
].join('\n');

const DESCRIPTION = `A CSV export of older one-stop software, turned into the dossier events each row implies and stored like \`POST /api/v1/events\`.

- UTF-8 with or without BOM, at most 8 MiB, 10,000 rows below the header (blank lines included) and 10,000 events; separator \`,\` or \`;\` (read from the header line); fields quoted with \`"\` (doubled inside), line breaks CRLF or LF.
- The first line is the header. Columns, in any order, matched without regard to case, with or without diacritics: **Mã hồ sơ**, **Mã thủ tục**, **Ngày tiếp nhận** (required); Lĩnh vực, Hạn xử lý, Ngày có kết quả, Ngày trả kết quả, Trạng thái, Kênh, Mã đơn vị (optional). Other columns are ignored.
- Dates \`dd/MM/yyyy HH:mm\` in Vietnam time; a date alone means 17:00 for Hạn xử lý, 08:00 otherwise.
- The unit: a unit key imports its own unit; a provincial key gives \`?unit=\` for the whole file or a Mã đơn vị column.
- Event ids are derived from unit and dossier code (\`csv-<unit>-<Mã hồ sơ>-recv\`, \`-resolved\`, \`-returned\`, \`-rejected\`, \`-withdrawn\`): importing the same file again changes nothing.

The answer has the shape of the ingest answer: \`accepted\` and \`duplicate\` count **events** (a row makes one to three), \`rejected[].index\` is the **row number** (row 1 is the first line below the header; blank lines keep their number), with a reason naming the column; it lists the first 1,000 rejected rows and \`rejectedRows\` counts them all. The good rows of a file are stored even when others are rejected.`;

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(200)
  @UseGuards(IngestKeyGuard)
  @Access('ingest-key')
  @ApiOperation({ summary: 'Import a legacy CSV export of dossiers', description: DESCRIPTION })
  @ApiConsumes('text/csv')
  @ApiQuery({
    name: 'unit',
    required: false,
    description:
      'The 5-digit code of the unit of every row (a provincial key without a Mã đơn vị column needs it)',
    example: '24781',
  })
  @ApiBody({
    description: 'The CSV file, at most 8 MiB',
    schema: { type: 'string', example: EXAMPLE_EXPORT },
  })
  @ApiOkResponse({
    description:
      '{ accepted: events stored, duplicate: events already stored, rejected: [{ index: row number, id?, reason }] (the first 1,000), rejectedRows: all rejected rows }',
  })
  @ApiBadRequestResponse({
    description: 'not UTF-8, no header row with the required columns, or no unit given',
  })
  @ApiUnauthorizedResponse({ description: 'no or unknown ingest key' })
  @ApiForbiddenResponse({ description: '?unit= names another unit than the unit key' })
  @ApiPayloadTooLargeResponse({
    description: 'more than 8 MiB, more than 10,000 rows, or rows implying more than 10,000 events',
  })
  async importLegacyExport(
    @Req() request: AuthenticatedRequest,
    @Query('unit') unit: unknown,
  ): Promise<ImportResult> {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    // A repeated `?unit=` arrives as an array: it is no unit code, and the service says so.
    const unitParameter = unit === undefined || typeof unit === 'string' ? unit : JSON.stringify(unit);
    return this.imports.importLegacyExport(request.ingestPrincipal, body, unitParameter);
  }
}
