import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  CALENDAR_DATE_PATTERN,
  calendarDayInputSchema,
  type CalendarDay,
  type CalendarDayInput,
} from '@ioc/shared';
import { AdminTokenGuard } from '../admin/admin-token.guard';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ReferenceService } from './reference.service';

/** The working-day calendar is data the province edits each year, without a deploy. */
@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('api/v1/calendar')
  @ApiOperation({ summary: 'Days off and make-up Saturdays (weekends are implied)' })
  @ApiQuery({ name: 'year', required: false, example: 2026 })
  list(@Query('year') year?: string): CalendarDay[] {
    if (year !== undefined && !/^\d{4}$/.test(year))
      throw new BadRequestException('year: must be a 4-digit year');
    return this.reference.calendarDaysOf(year === undefined ? undefined : Number(year));
  }

  @Put('api/v1/admin/calendar/:date')
  @ApiTags('admin')
  @ApiBearerAuth()
  @UseGuards(AdminTokenGuard)
  @ApiOperation({ summary: 'Set a day off or a make-up Saturday; new deadlines use it at once' })
  @ApiBody({
    schema: { example: { kind: 'day-off', name: 'Quốc khánh (ngày liền kề)', provisional: false } },
  })
  async set(
    @Param('date') date: string,
    @Body(new ZodValidationPipe(calendarDayInputSchema)) input: CalendarDayInput,
  ): Promise<CalendarDay> {
    const day = { date: validDate(date), ...input };
    if (day.kind === 'worked-saturday' && new Date(`${day.date}T00:00:00Z`).getUTCDay() !== 6) {
      throw new BadRequestException(`kind: ${day.date} is not a Saturday`);
    }
    await this.reference.setCalendarDay(day);
    return day;
  }

  @Delete('api/v1/admin/calendar/:date')
  @ApiTags('admin')
  @ApiBearerAuth()
  @UseGuards(AdminTokenGuard)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a day from the calendar (it becomes an ordinary day again)' })
  async remove(@Param('date') date: string): Promise<void> {
    if (!(await this.reference.removeCalendarDay(validDate(date)))) {
      throw new NotFoundException(`${date} is not in the calendar`);
    }
  }
}

function validDate(date: string): string {
  if (
    !CALENDAR_DATE_PATTERN.test(date) ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    throw new BadRequestException(`date: '${date}' is not a date YYYY-MM-DD`);
  }
  return date;
}
