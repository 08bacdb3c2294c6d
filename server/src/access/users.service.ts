import { Injectable } from '@nestjs/common';
import type { CreateUserRequest, UpdateUserRequest, UserRole, UserSummary } from '@ioc/shared';
import { Clock } from '../common/clock';
import { ReferenceService } from '../reference/reference.service';
import { AccessException } from './access.exception';
import { AuditService, type AuditActor } from './audit.service';
import { hashPassword, passwordProblem } from './passwords';
import type { UserRecord } from './principal';
import { SessionsService } from './sessions.service';
import { UsersRepository, type UserChanges } from './users.repository';

/** People and their roles. Every change is audited; disabling or a new password ends sessions. */
@Injectable()
export class UsersService {
  constructor(
    private readonly repository: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  async create(request: CreateUserRequest, actor: AuditActor, address: string | null): Promise<UserRecord> {
    const scope = this.checkScope(request.role, request.fields, request.unitCode);
    this.checkPassword(request.password, request.login, request.displayName);
    const user = await this.repository.insert(
      {
        login: request.login,
        displayName: request.displayName,
        role: request.role,
        ...scope,
        passwordHash: await hashPassword(request.password),
      },
      new Date(this.clock.now()),
    );
    if (!user) {
      throw AccessException.conflict(
        `Tên đăng nhập '${request.login}' đã được dùng.`,
        `The login '${request.login}' is taken.`,
      );
    }
    await this.audit.record({
      action: 'user.create',
      actor,
      target: `user:${user.id}`,
      address,
      details: { login: user.login, role: user.role, fields: user.fields, unitCode: user.unitCode },
    });
    return user;
  }

  list(): Promise<UserRecord[]> {
    return this.repository.list();
  }

  async get(id: string): Promise<UserRecord> {
    const user = await this.repository.findById(id);
    if (!user) throw AccessException.missing('người dùng này', 'user');
    return user;
  }

  findByLogin(login: string): Promise<UserRecord | null> {
    return this.repository.findByLogin(login);
  }

  async update(
    id: string,
    request: UpdateUserRequest,
    actor: AuditActor,
    address: string | null,
  ): Promise<UserRecord> {
    const before = await this.get(id);
    const role = request.role ?? before.role;
    // A role change brings its scope: fields for a department head, a unit for a unit officer.
    const scope = this.checkScope(
      role,
      request.fields ?? (role === 'department-head' ? before.fields : []),
      request.unitCode !== undefined ? request.unitCode : role === 'unit-officer' ? before.unitCode : null,
    );
    if (
      actor.kind === 'user' &&
      actor.user.id === id &&
      (request.disabled || role !== 'admin') &&
      before.role === 'admin'
    ) {
      throw AccessException.invalid(
        'Quản trị viên không thể tự khóa hoặc tự bỏ quyền quản trị của mình.',
        'An administrator cannot disable or demote themselves.',
      );
    }
    const changes: UserChanges = {
      displayName: request.displayName,
      role: request.role,
      fields: scope.fields,
      unitCode: scope.unitCode,
      disabled: request.disabled,
    };
    const user = (await this.repository.update(id, changes, new Date(this.clock.now())))!;
    const scopeChanged =
      user.role !== before.role ||
      user.unitCode !== before.unitCode ||
      user.fields.join() !== before.fields.join();
    // What a session may see was decided with the old role; a disabled person is out at once.
    if (user.disabledAt || scopeChanged)
      await this.sessions.end({ userId: id }, user.disabledAt ? 'disabled' : 'revoked');
    await this.audit.record({
      action: 'user.update',
      actor,
      target: `user:${id}`,
      address,
      details: { changes: request, sessionsEnded: !!user.disabledAt || scopeChanged },
    });
    return user;
  }

  async resetPassword(
    id: string,
    password: string,
    actor: AuditActor,
    address: string | null,
  ): Promise<void> {
    const user = await this.get(id);
    this.checkPassword(password, user.login, user.displayName);
    await this.repository.update(
      id,
      { passwordHash: await hashPassword(password) },
      new Date(this.clock.now()),
    );
    await this.sessions.end({ userId: id }, 'password-changed');
    await this.audit.record({ action: 'user.password-reset', actor, target: `user:${id}`, address });
  }

  /** A person sets a new password: their other sessions end, the current one goes on. */
  async changeOwnPassword(user: UserRecord, newPassword: string, currentSessionId: string): Promise<void> {
    this.checkPassword(newPassword, user.login, user.displayName);
    await this.repository.update(
      user.id,
      { passwordHash: await hashPassword(newPassword) },
      new Date(this.clock.now()),
    );
    await this.sessions.end({ userId: user.id, exceptSessionId: currentSessionId }, 'password-changed');
  }

  async revokeSessions(id: string, actor: AuditActor, address: string | null): Promise<number> {
    await this.get(id);
    const ended = await this.sessions.end({ userId: id }, 'revoked');
    await this.audit.record({
      action: 'user.sessions-revoke',
      actor,
      target: `user:${id}`,
      address,
      details: { sessions: ended.length },
    });
    return ended.length;
  }

  recordFailure(id: string, maxFailures: number, lockUntil: Date): Promise<Date | null> {
    return this.repository.recordFailure(id, maxFailures, lockUntil);
  }

  recordSuccess(id: string): Promise<void> {
    return this.repository.recordSuccess(id);
  }

  private checkScope(
    role: UserRole,
    fields: readonly string[],
    unitCode: string | null,
  ): { fields: string[]; unitCode: string | null } {
    if (role === 'department-head') {
      const unique = [...new Set(fields)];
      if (unique.length === 0) {
        throw AccessException.invalid(
          'Trưởng phòng ban cần được giao ít nhất một lĩnh vực.',
          'A department head needs at least one field.',
        );
      }
      const unknown = unique.filter((field) => !this.reference.hasProcedureField(field));
      if (unknown.length > 0) {
        throw AccessException.invalid(
          `Lĩnh vực không tồn tại: ${unknown.join(', ')}.`,
          `Unknown fields: ${unknown.join(', ')}.`,
        );
      }
      return { fields: unique, unitCode: null };
    }
    if (role === 'unit-officer') {
      if (unitCode === null || !this.reference.hasUnit(unitCode)) {
        throw AccessException.invalid(
          'Cán bộ đơn vị cần một mã đơn vị (5 chữ số) trong số 124 đơn vị.',
          'A unit officer needs the code of one of the 124 units.',
        );
      }
      return { fields: [], unitCode };
    }
    return { fields: [], unitCode: null };
  }

  private checkPassword(password: string, login: string, displayName: string): void {
    const problem = passwordProblem(password, { login, displayName });
    if (problem) throw AccessException.weakPassword(problem.vi, problem.en);
  }
}

export function toUserSummary(user: UserRecord, now: number): UserSummary {
  return {
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    role: user.role,
    fields: user.fields,
    unitCode: user.unitCode,
    disabled: user.disabledAt !== null,
    lockedUntil: user.lockedUntil && user.lockedUntil.getTime() > now ? user.lockedUntil.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
