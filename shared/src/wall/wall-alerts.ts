import { z } from 'zod';

/**
 * What needs a leader now, from rules kept as data (table `wall_alert_rules`, edited with the
 * admin API without a deploy). The leader process evaluates the enabled rules after live changes
 * and every minute, and sends the alerts in force on the realtime scope `alerts`, whole.
 */
export const ALERT_RULE_KINDS = ['unit-silent', 'overdue-surge', 'anomaly-storm'] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

export const ALERT_SEVERITIES = ['critical', 'warning'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

const windowMinutes = z
  .number()
  .int()
  .min(5)
  .max(24 * 60);

/** Per kind, what the rule measures and the threshold that raises it. */
export const alertRuleParamsSchemas = {
  /** At least `minUnits` units silent (no event for IOC_SILENT_AFTER_MINUTES of office time). */
  'unit-silent': z.strictObject({ minUnits: z.number().int().min(1).max(124) }),
  /**
   * Overdue dossiers grew by at least `minIncrease` and by at least `minIncreaseShare` (0.1 = 10 %)
   * over the last `windowMinutes` (against the 5-minute backlog sample at or before then, at most
   * 15 minutes older; no alert without one); `scope` says whether the province's total or each
   * unit's is watched (one alert per unit).
   */
  'overdue-surge': z.strictObject({
    scope: z.enum(['province', 'unit']),
    windowMinutes,
    minIncrease: z.number().int().min(1).max(100_000),
    minIncreaseShare: z.number().min(0).max(100),
  }),
  /** A unit with at least `minAnomalies` anomalies (events that made no sense) in the last `windowMinutes`. */
  'anomaly-storm': z.strictObject({ windowMinutes, minAnomalies: z.number().int().min(1).max(100_000) }),
} as const satisfies Record<AlertRuleKind, z.ZodType>;

export type AlertRuleParams<K extends AlertRuleKind = AlertRuleKind> = z.infer<
  (typeof alertRuleParamsSchemas)[K]
>;

const ruleFields = { enabled: z.boolean().default(true), severity: z.enum(ALERT_SEVERITIES) };

/** `PUT /api/v1/admin/alert-rules/:code`: the rule's kind, whether it is on, how severe, its thresholds. */
export const alertRuleInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('unit-silent'),
    ...ruleFields,
    params: alertRuleParamsSchemas['unit-silent'],
  }),
  z.strictObject({
    kind: z.literal('overdue-surge'),
    ...ruleFields,
    params: alertRuleParamsSchemas['overdue-surge'],
  }),
  z.strictObject({
    kind: z.literal('anomaly-storm'),
    ...ruleFields,
    params: alertRuleParamsSchemas['anomaly-storm'],
  }),
]);
export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;

export const ALERT_RULE_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `GET /api/v1/alert-rules`. */
export const alertRuleSchema = z.intersection(
  alertRuleInputSchema,
  z.object({ code: z.string().regex(ALERT_RULE_CODE_PATTERN), updatedAt: z.string() }),
);
export type AlertRule = z.infer<typeof alertRuleSchema>;
export const alertRulesSchema = z.array(alertRuleSchema);

/** One alert in force. The wall words it from these figures, in its own language. */
export interface WallAlert {
  /**
   * The rule's code. It identifies the alert while it lasts, with the unit for the rules raised
   * per unit (`overdue-surge` by unit, `anomaly-storm`); `unit-silent` is one alert whose list of
   * units changes while it lasts.
   */
  rule: string;
  kind: AlertRuleKind;
  severity: AlertSeverity;
  /** The units concerned (silent, surging, storming); empty for the province's total. */
  unitCodes: string[];
  /** What was measured: silent units, overdue now, anomalies in the window. */
  value: number;
  /** For `overdue-surge`: the overdue count `windowMinutes` ago; otherwise null. */
  baseline: number | null;
  /** The rule's threshold that the value reached (minUnits, minIncrease, minAnomalies). */
  threshold: number;
  windowMinutes: number | null;
  /** Since when this leader has seen the alert in force (ISO). */
  since: string;
}
