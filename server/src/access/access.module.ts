import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ReferenceModule } from '../reference/reference.module';
import { AccessEvents } from './access-events';
import { AccessGuard } from './access.guard';
import { AccessRulesCheck } from './access-rules.check';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuthController } from './auth.controller';
import { CredentialsService } from './credentials.service';
import { DisplayPairingController, DisplaysAdminController } from './displays.controller';
import { DisplaysRepository } from './displays.repository';
import { DisplaysService } from './displays.service';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { SignInService } from './sign-in.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * People, displays, sessions, the audit, and the one policy every route and live scope asks
 * (issue 13). Global: the audit and the credentials are used by other features.
 */
@Global()
@Module({
  imports: [DiscoveryModule, ReferenceModule],
  controllers: [
    AuthController,
    DisplayPairingController,
    DisplaysAdminController,
    UsersController,
    AuditController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    AccessRulesCheck,
    AccessEvents,
    AuditRepository,
    AuditService,
    CredentialsService,
    DisplaysRepository,
    DisplaysService,
    SessionsRepository,
    SessionsService,
    SignInService,
    UsersRepository,
    UsersService,
  ],
  exports: [AccessEvents, AuditService, CredentialsService, DisplaysService, SessionsService, UsersService],
})
export class AccessModule {}
