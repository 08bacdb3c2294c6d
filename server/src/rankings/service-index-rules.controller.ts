import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServiceIndexRulesVersion } from '@ioc/shared';
import { Access } from '../access/access.decorator';
import { ServiceIndexRulesService } from './service-index-rules.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The national rules change: their versions are data the province edits, without a deploy. */
@ApiTags('service index')
@Controller()
export class ServiceIndexRulesController {
  constructor(private readonly rules: ServiceIndexRulesService) {}

  @Get('api/v1/service-index-rules')
  @Access('province')
  @ApiOperation({ summary: 'The versions of the service index rules, each in force from its effectiveFrom' })
  list(): readonly ServiceIndexRulesVersion[] {
    return this.rules.versions;
  }

  @Put('api/v1/admin/service-index-rules/:effectiveFrom')
  @ApiTags('admin')
  @Access('administration')
  @ApiOperation({ summary: 'Add or replace the rules in force from a date; rankings use them at once' })
  async put(
    @Param('effectiveFrom') effectiveFrom: string,
    @Body() body: unknown,
  ): Promise<ServiceIndexRulesVersion> {
    return this.rules.put(checkDate(effectiveFrom), body);
  }

  @Delete('api/v1/admin/service-index-rules/:effectiveFrom')
  @ApiTags('admin')
  @Access('administration')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a version of the rules (the previous one stays in force instead)' })
  async remove(@Param('effectiveFrom') effectiveFrom: string): Promise<void> {
    await this.rules.remove(checkDate(effectiveFrom));
  }
}

function checkDate(date: string): string {
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
    throw new BadRequestException(`effectiveFrom: '${date}' is not a date YYYY-MM-DD`);
  return date;
}
