import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditQuerySchema, type AuditPage, type AuditQuery } from '@ioc/shared';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { Access } from './access.decorator';
import { AuditService } from './audit.service';

/** The access audit, for administrators. */
@ApiTags('admin')
@Controller('api/v1/admin/audit')
@Access('administration')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary:
      'Sign-ins, sign-outs, user, key and display changes, exports, snapshots: newest first, paged by `before`',
  })
  page(@Query(new ZodValidationPipe(auditQuerySchema)) query: AuditQuery): Promise<AuditPage> {
    return this.audit.page(query);
  }
}
