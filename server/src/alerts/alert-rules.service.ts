import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ALERT_RULE_CODE_PATTERN, alertRuleSchema, type AlertRule, type AlertRuleInput } from '@ioc/shared';
import { AlertRulesRepository, type StoredAlertRule } from './alert-rules.repository';

/**
 * The wall's alert rules (`wall_alert_rules`), edited by the province without a deploy. They are
 * read from the database at every evaluation, so an edit made on any server process counts at the
 * next one; the process that took the edit tells its listeners at once.
 */
@Injectable()
export class AlertRulesService {
  private readonly logger = new Logger(AlertRulesService.name);
  private readonly listeners = new Set<() => void>();

  constructor(private readonly repository: AlertRulesRepository) {}

  /** Every stored rule that is a valid rule; a row edited by hand into nonsense is left out, and said so. */
  async list(): Promise<AlertRule[]> {
    return (await this.repository.list()).flatMap((row) => this.checked(row));
  }

  async put(code: string, input: AlertRuleInput): Promise<AlertRule> {
    checkCode(code);
    const stored = await this.repository.upsert(code, input);
    this.notify();
    return { ...input, code: stored.code, updatedAt: stored.updatedAt };
  }

  async remove(code: string): Promise<void> {
    checkCode(code);
    if (!(await this.repository.remove(code)))
      throw new NotFoundException(`no alert rule has the code '${code}'`);
    this.notify();
  }

  /** Called after every edit this process makes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private checked(row: StoredAlertRule): AlertRule[] {
    const parsed = alertRuleSchema.safeParse(row);
    if (parsed.success) return [parsed.data];
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    this.logger.warn(`alert rule '${row.code}' ignored: ${problems}`);
    return [];
  }
}

function checkCode(code: string): void {
  if (!ALERT_RULE_CODE_PATTERN.test(code)) {
    throw new BadRequestException(
      `code: '${code}' is not a rule code (lower-case letters, digits and '-', at most 63, e.g. overdue-surge-unit)`,
    );
  }
}
