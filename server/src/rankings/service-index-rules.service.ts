import { BadRequestException, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import {
  serviceIndexRulesSchema,
  serviceIndexRulesVersionSchema,
  sortRulesVersions,
  type ServiceIndexRulesVersion,
} from '@ioc/shared';
import { RankingsRepository } from './rankings.repository';

/**
 * The versions of the service index rules, read at boot and held in memory (every ranking reads
 * them). Stored versions are validated like an admin's edit: a bad row stops the start and says why.
 */
@Injectable()
export class ServiceIndexRulesService implements OnModuleInit {
  private rules: ServiceIndexRulesVersion[] = [];
  private loaded = 0;

  constructor(private readonly repository: RankingsRepository) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  get versions(): readonly ServiceIndexRulesVersion[] {
    return this.rules;
  }

  /** Changes whenever the rules are (re)loaded: results computed under older rules are stale. */
  get revision(): number {
    return this.loaded;
  }

  async reload(): Promise<void> {
    const parsed = serviceIndexRulesSchema.safeParse(await this.repository.rulesVersions());
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new Error(`the stored service index rules are invalid:\n  ${problems.join('\n  ')}`);
    }
    this.rules = sortRulesVersions(parsed.data);
    this.loaded += 1;
  }

  /** Adds or replaces the version in force from `effectiveFrom`; rankings use it at once. */
  async put(effectiveFrom: string, input: unknown): Promise<ServiceIndexRulesVersion> {
    const parsed = serviceIndexRulesVersionSchema.safeParse(input);
    if (!parsed.success) {
      throw new BadRequestException(
        parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'body'}: ${i.message}`),
      );
    }
    if (parsed.data.effectiveFrom !== effectiveFrom) {
      throw new BadRequestException(
        `effectiveFrom: '${parsed.data.effectiveFrom}' differs from the date in the path ('${effectiveFrom}')`,
      );
    }
    await this.repository.upsertRulesVersion(parsed.data);
    await this.reload();
    return parsed.data;
  }

  async remove(effectiveFrom: string): Promise<void> {
    if (this.rules.length === 1 && this.rules[0]!.effectiveFrom === effectiveFrom) {
      throw new BadRequestException('the only version of the rules cannot be removed');
    }
    if (!(await this.repository.deleteRulesVersion(effectiveFrom))) {
      throw new NotFoundException(`no service index rules take effect on ${effectiveFrom}`);
    }
    await this.reload();
  }
}
