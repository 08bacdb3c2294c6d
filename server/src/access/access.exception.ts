import { HttpException } from '@nestjs/common';
import type { AccessError, AccessErrorCode } from '@ioc/shared';

/**
 * An access error a person reads: Vietnamese first (`message`), English beside it, and a code
 * the dashboard can map. The body is `AccessError` (shared).
 */
export class AccessException extends HttpException {
  constructor(
    status: number,
    readonly code: AccessErrorCode,
    message: string,
    messageEn: string,
    retryAfterSeconds?: number,
  ) {
    const body: AccessError = { statusCode: status, code, message, messageEn };
    if (retryAfterSeconds !== undefined) body.retryAfterSeconds = retryAfterSeconds;
    super(body, status);
  }

  static signInRequired(): AccessException {
    return new AccessException(
      401,
      'auth.required',
      'Cần đăng nhập (hoặc màn hình đã được ghép nối) để xem nội dung này.',
      'Sign in (or pair this display) to see this.',
    );
  }

  static sessionEnded(): AccessException {
    return new AccessException(
      401,
      'auth.session-ended',
      'Phiên đăng nhập đã hết hạn hoặc đã bị thu hồi. Vui lòng đăng nhập lại.',
      'Your session has expired or was revoked. Please sign in again.',
    );
  }

  static displayRevoked(): AccessException {
    return new AccessException(
      401,
      'auth.display-revoked',
      'Màn hình đã bị thu hồi.',
      'This display has been revoked.',
    );
  }

  static forbidden(reason: string): AccessException {
    return new AccessException(
      403,
      'auth.forbidden',
      'Vai trò của bạn không được phép truy cập nội dung này.',
      `Your role may not access this: ${reason}.`,
    );
  }

  static notFound(): AccessException {
    return new AccessException(404, 'auth.not-found', 'Không tìm thấy.', 'Not found.');
  }

  static crossSite(): AccessException {
    return new AccessException(
      403,
      'auth.cross-site',
      'Yêu cầu đến từ một trang khác đã bị từ chối.',
      'A request from another site was refused.',
    );
  }

  static invalidCredentials(): AccessException {
    return new AccessException(
      401,
      'auth.invalid-credentials',
      'Tên đăng nhập hoặc mật khẩu không đúng.',
      'Wrong login or password.',
    );
  }

  static locked(retryAfterSeconds: number): AccessException {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return new AccessException(
      429,
      'auth.locked',
      `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${minutes} phút hoặc liên hệ quản trị viên.`,
      `Account locked after repeated failed sign-ins. Try again in ${minutes} minutes or ask an administrator.`,
      retryAfterSeconds,
    );
  }

  static rateLimited(retryAfterSeconds: number): AccessException {
    return new AccessException(
      429,
      'auth.rate-limited',
      `Quá nhiều lần đăng nhập từ máy này. Vui lòng thử lại sau ${retryAfterSeconds} giây.`,
      `Too many sign-in attempts from this computer. Try again in ${retryAfterSeconds} seconds.`,
      retryAfterSeconds,
    );
  }

  static weakPassword(reasonVi: string, reasonEn: string): AccessException {
    return new AccessException(400, 'auth.weak-password', reasonVi, reasonEn);
  }

  static conflict(messageVi: string, messageEn: string): AccessException {
    return new AccessException(409, 'auth.conflict', messageVi, messageEn);
  }

  static invalid(messageVi: string, messageEn: string): AccessException {
    return new AccessException(400, 'auth.invalid', messageVi, messageEn);
  }

  static missing(what: string, whatEn: string): AccessException {
    return new AccessException(404, 'auth.not-found', `Không tìm thấy ${what}.`, `No such ${whatEn}.`);
  }
}
