import { HttpException, HttpStatus } from '@nestjs/common';

export type DrilldownErrorCode =
  | 'drilldown.bad-parameter'
  | 'drilldown.not-found'
  | 'drilldown.not-your-field'
  | 'drilldown.export-too-large';

/**
 * The drill-down's errors: a code a screen can map, the parameter at fault where there is one,
 * and a message (Vietnamese first, English beside it) a person can act on.
 */
export class DrilldownException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: DrilldownErrorCode,
    message: string,
    messageEn: string,
    readonly parameter?: string,
  ) {
    super({ statusCode: status, code, message, messageEn, ...(parameter ? { parameter } : {}) }, status);
  }

  /** A parameter naming what does not exist (a unit, a field, a procedure) or a cursor of another list. */
  static badParameter(parameter: string, problem: string): DrilldownException {
    return new DrilldownException(
      HttpStatus.BAD_REQUEST,
      'drilldown.bad-parameter',
      `${parameter}: ${problem}`,
      `${parameter}: ${problem}`,
      parameter,
    );
  }

  /** No such dossier, or one the caller may not see: the same answer, so existence does not leak. */
  static notFound(): DrilldownException {
    return new DrilldownException(
      HttpStatus.NOT_FOUND,
      'drilldown.not-found',
      'Không tìm thấy hồ sơ.',
      'No such dossier.',
    );
  }

  static notYourField(fields: string[]): DrilldownException {
    return new DrilldownException(
      HttpStatus.FORBIDDEN,
      'drilldown.not-your-field',
      `Chỉ xem được hồ sơ thuộc lĩnh vực của mình (${fields.join(', ')}).`,
      `You see the dossiers of your fields only (${fields.join(', ')}).`,
      'field',
    );
  }

  static exportTooLarge(limit: number): DrilldownException {
    const n = limit.toLocaleString('en-US');
    return new DrilldownException(
      HttpStatus.BAD_REQUEST,
      'drilldown.export-too-large',
      `Bộ lọc này chọn hơn ${n} hồ sơ, quá giới hạn một lần xuất. Hãy thu hẹp bộ lọc (khoảng thời gian, đơn vị, lĩnh vực).`,
      `This filter selects more than ${n} dossiers, over the export limit. Narrow it (a period, a unit, a field).`,
    );
  }
}
