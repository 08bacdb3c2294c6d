import { HttpException } from '@nestjs/common';

export type ReportErrorCode = 'report.invalid' | 'report.snapshot-not-found';

/**
 * A meeting report error a person reads: Vietnamese first (`message`), English beside it, and a
 * code the screens can map. A 400 names the parameter (`field: …`).
 */
export class ReportsException extends HttpException {
  constructor(
    status: number,
    readonly code: ReportErrorCode,
    message: string,
    messageEn: string,
  ) {
    super({ statusCode: status, code, message, messageEn }, status);
  }

  static invalid(parameter: string, reasonVi: string, reasonEn: string): ReportsException {
    return new ReportsException(
      400,
      'report.invalid',
      `${parameter}: ${reasonVi}`,
      `${parameter}: ${reasonEn}`,
    );
  }

  static snapshotNotFound(id: string): ReportsException {
    return new ReportsException(
      404,
      'report.snapshot-not-found',
      `Không có bản chốt số liệu '${id}' (có thể đã bị xóa).`,
      `No report snapshot '${id}' (it may have been deleted).`,
    );
  }
}
