import { describe, expect, it } from '@jest/globals';
import { failureOf, failureText, RequestFailure } from './sendJson';

describe('failureOf', () => {
  it('keeps an access error with its code and both languages', () => {
    const failure = failureOf(400, {
      statusCode: 400,
      code: 'auth.weak-password',
      message: 'Mật khẩu này quá phổ biến hoặc đã bị lộ trong các vụ rò rỉ dữ liệu. Hãy chọn mật khẩu khác.',
      messageEn: 'This password is too common or appeared in data breaches. Choose another one.',
    });
    expect(failure.code).toBe('auth.weak-password');
    expect(failureText(failure, 'vi', '')).toMatch(/^Mật khẩu này quá phổ biến/);
    expect(failureText(failure, 'en', '')).toMatch(/^This password is too common/);
  });

  it('reads the fields a validation error names', () => {
    const failure = failureOf(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: [
        'login: a login is 3–64 letters a-z, digits, dots, dashes or underscores',
        'fields.0: must be a field code',
      ],
    });
    expect(failure.code).toBeNull();
    expect(failure.issues).toEqual([
      { path: 'login', message: 'a login is 3–64 letters a-z, digits, dots, dashes or underscores' },
      { path: 'fields.0', message: 'must be a field code' },
    ]);
    expect(failureOf(400, { message: "unit: '99999' is unknown" }).issues).toEqual([
      { path: 'unit', message: "'99999' is unknown" },
    ]);
  });

  it('names the status of an answer it cannot read', () => {
    expect(failureText(failureOf(502, null), 'vi', '')).toBe('HTTP 502');
  });

  it('says the server cannot be reached when nothing answered', () => {
    expect(failureText(new RequestFailure(null, null, null, []), 'vi', 'không kết nối được máy chủ')).toBe(
      'không kết nối được máy chủ',
    );
  });
});
