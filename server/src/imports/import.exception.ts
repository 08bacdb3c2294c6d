import { HttpException } from '@nestjs/common';

/** Why a whole file is refused before any of its rows is looked at. */
export enum ImportExceptionCode {
  NotUtf8 = 'NOT_UTF8',
  NoHeaderRow = 'NO_HEADER_ROW',
  UnitNotGiven = 'UNIT_NOT_GIVEN',
  UnknownUnit = 'UNKNOWN_UNIT',
  UnitNotAllowed = 'UNIT_NOT_ALLOWED',
  TooManyEvents = 'TOO_MANY_EVENTS',
  TooManyRows = 'TOO_MANY_ROWS',
}

const STATUS_OF: Readonly<Record<ImportExceptionCode, number>> = {
  [ImportExceptionCode.NotUtf8]: 400,
  [ImportExceptionCode.NoHeaderRow]: 400,
  [ImportExceptionCode.UnitNotGiven]: 400,
  [ImportExceptionCode.UnknownUnit]: 400,
  [ImportExceptionCode.UnitNotAllowed]: 403,
  [ImportExceptionCode.TooManyEvents]: 413,
  [ImportExceptionCode.TooManyRows]: 413,
};

/** Answered as `{ statusCode, code, message }`: the message says what to change in the file or the call. */
export class ImportException extends HttpException {
  constructor(
    readonly code: ImportExceptionCode,
    message: string,
  ) {
    super({ statusCode: STATUS_OF[code], code, message }, STATUS_OF[code]);
  }
}
