import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Unit } from '@ioc/shared';
import { Access } from '../access/access.decorator';
import { ReferenceService } from './reference.service';

@ApiTags('units')
@Controller('api/v1/units')
export class UnitsController {
  constructor(private readonly reference: ReferenceService) {}

  @Get()
  @Access('province')
  @ApiOkResponse({ description: 'The 124 commune-level units of Lam Dong, by former province and code.' })
  list(): Unit[] {
    return this.reference.units();
  }
}
