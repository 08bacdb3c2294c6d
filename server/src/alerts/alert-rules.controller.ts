import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { alertRuleInputSchema, type AlertRule, type AlertRuleInput } from '@ioc/shared';
import { Access } from '../access/access.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AlertRulesService } from './alert-rules.service';

/** The wall's alert rules are data the province edits, without a deploy; the wall's alerts follow at once. */
@ApiTags('alerts')
@Controller()
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Get('api/v1/alert-rules')
  @Access('province')
  @ApiOperation({ summary: 'The rules that raise the wall alerts (scope `alerts` on the live socket)' })
  list(): Promise<AlertRule[]> {
    return this.rules.list();
  }

  @Put('api/v1/admin/alert-rules/:code')
  @ApiTags('admin')
  @ApiBearerAuth()
  @Access('administration')
  @ApiOperation({ summary: 'Add or replace an alert rule; the wall alerts are evaluated again at once' })
  @ApiBody({
    schema: {
      example: {
        kind: 'overdue-surge',
        enabled: true,
        severity: 'warning',
        params: { scope: 'unit', windowMinutes: 60, minIncrease: 10, minIncreaseShare: 0.5 },
      },
    },
  })
  put(
    @Param('code') code: string,
    @Body(new ZodValidationPipe(alertRuleInputSchema)) input: AlertRuleInput,
  ): Promise<AlertRule> {
    return this.rules.put(code, input);
  }

  @Delete('api/v1/admin/alert-rules/:code')
  @ApiTags('admin')
  @ApiBearerAuth()
  @Access('administration')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an alert rule (its alerts clear at the next evaluation)' })
  async remove(@Param('code') code: string): Promise<void> {
    await this.rules.remove(code);
  }
}
