import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { calendarDayInputSchema, type CalendarDay, type CalendarDayInput } from '@ioc/shared';
import { Access } from '../access/access.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ReferenceService } from './reference.service';

/** The working-day calendar is data the province edits each year, without a deploy. */
@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('api/v1/calendar')
  @Access('province')
  @ApiOperation({ summary: 'Days off and make-up Saturdays (weekends are implied)' })
  @ApiQuery({ name: 'year', required: false, example: 2026 })
  list(@Query('year') year?: string): CalendarDay[] {
    if (year !== undefined && !/^\d{4}$/.test(year))
      throw new BadRequestException('year: must be a 4-digit year');
    return this.reference.calendarDaysOf(year === undefined ? undefined : Number(year));
  }

  @Put('api/v1/admin/calendar/:date')
  @ApiTags('admin')
  @Access('administration')
  @ApiOperation({ summary: 'Set a day off or a make-up Saturday; new deadlines use it at once' })
  @ApiBody({
    schema: { example: { kind: 'day-off', name: 'Quốc khánh (ngày liền kề)', provisional: false } },
  })
  async set(
    @Param('date') date: string,
    @Body(new ZodValidationPipe(calendarDayInputSchema)) input: CalendarDayInput,
  ): Promise<CalendarDay> {
    return this.reference.setCalendarDay({ date, ...input });
  }

  @Delete('api/v1/admin/calendar/:date')
  @ApiTags('admin')
  @Access('administration')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a day from the calendar (it becomes an ordinary day again)' })
  async remove(@Param('date') date: string): Promise<void> {
    await this.reference.removeCalendarDay(date);
  }
}
