import {
  AUDIT_ACTIONS,
  auditPageSchema,
  displaySummarySchema,
  ingestKeySummarySchema,
  userSummarySchema,
  type AuditAction,
} from '@ioc/shared';
import { useMemo } from 'react';
import { z } from 'zod';
import { useResource } from '../../../api/useResource';
import { useNow } from '../../../clock/useNow';
import { useI18n } from '../../../i18n/I18nContext';
import { AUDIT_OUTCOMES, NO_AUDIT_FILTER, type AuditFilter, type AuditOutcome } from '../../../router/routes';
import { useNavigate } from '../../../router/useAppLocation';
import { useUnitDirectory } from '../../../units/UnitsContext';
import { Field } from '../../../ui/forms/Field';
import forms from '../../../ui/forms/forms.module.css';
import { Panel, type PanelState } from '../../../ui/Panel';
import { RouteLink } from '../../../ui/RouteLink';
import { AdminLayout } from '../AdminLayout';
import styles from '../AdminLayout.module.css';
import audit from './AuditScreen.module.css';
import { auditFilterProblem, auditUrl, vietnamToday } from './auditQuery';
import { prepareAudit, type AuditNames } from './prepareAudit';

const usersSchema = z.array(userSummarySchema);
const displaysSchema = z.array(displaySummarySchema);
const keysSchema = z.array(ingestKeySummarySchema);
const DAY_MS = 86_400_000;

/** Names for the ids the audit records (who was changed), from the lists the admin may read. */
function useAuditNames(): AuditNames {
  const users = useResource('/api/v1/admin/users', usersSchema);
  const displays = useResource('/api/v1/admin/displays', displaysSchema);
  const keys = useResource('/api/v1/admin/keys', keysSchema);
  const { byCode } = useUnitDirectory();
  return useMemo(
    () => ({
      users: new Map((users.data ?? []).map((user) => [user.id, user.login])),
      displays: new Map((displays.data ?? []).map((display) => [display.id, display.name])),
      keys: new Map((keys.data ?? []).map((key) => [key.id, key.name])),
      unitName: (code: string) => byCode.get(code)?.name ?? code,
    }),
    [users.data, displays.data, keys.data, byCode],
  );
}

/**
 * The access audit, newest first: filters by action, outcome and Vietnam days, all in the URL
 * (`/admin/audit?action=auth.sign-in&outcome=failure&from=2026-11-01`), and "older" pages by the
 * keyset the server gives (`before`), so a link shows the same page again.
 */
export default function AuditScreen({ filter }: { filter: AuditFilter }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const today = vietnamToday(useNow(DAY_MS / 24));
  const problem = auditFilterProblem(filter);
  const page = useResource(problem ? null : auditUrl(filter), auditPageSchema);
  const names = useAuditNames();
  const rows = useMemo(
    () => (page.data ? prepareAudit(page.data.items, names, t) : null),
    [page.data, names, t],
  );

  /** A new filter starts again from the newest entry. */
  const refine = (changes: Partial<AuditFilter>) =>
    navigate({ screen: 'admin-audit', filter: { ...filter, ...changes, before: null } }, { replace: true });
  const filtered =
    filter.action !== null || filter.outcome !== null || filter.from !== null || filter.to !== null;

  const state: PanelState = problem
    ? { kind: 'empty', message: t(problem.key) }
    : page.status === 'loading'
      ? { kind: 'loading' }
      : page.data === null
        ? { kind: 'error', message: page.error ?? '', onRetry: page.retry }
        : page.data.items.length === 0
          ? { kind: 'empty', message: filter.before === null ? t('audit.empty') : t('audit.noMore') }
          : { kind: 'ready' };

  return (
    <AdminLayout screen="admin-audit">
      <div className={audit.layout}>
        <form
          className={audit.filters}
          aria-label={t('audit.filters')}
          onSubmit={(event) => event.preventDefault()}
          data-testid="audit-filters"
        >
          <Field label={t('audit.action')}>
            {(control) => (
              <select
                {...control}
                className={forms.select}
                value={filter.action ?? ''}
                onChange={(event) =>
                  refine({ action: event.target.value === '' ? null : (event.target.value as AuditAction) })
                }
                data-testid="audit-action"
              >
                <option value="">{t('audit.allActions')}</option>
                {AUDIT_ACTIONS.map((action) => (
                  <option key={action} value={action}>
                    {t(`audit.action.${action}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('audit.outcome')}>
            {(control) => (
              <select
                {...control}
                className={forms.select}
                value={filter.outcome ?? ''}
                onChange={(event) =>
                  refine({ outcome: event.target.value === '' ? null : (event.target.value as AuditOutcome) })
                }
                data-testid="audit-outcome"
              >
                <option value="">{t('audit.allOutcomes')}</option>
                {AUDIT_OUTCOMES.map((outcome) => (
                  <option key={outcome} value={outcome}>
                    {t(`audit.outcome.${outcome}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('audit.from')} error={problem ? t(problem.key) : null}>
            {(control) => (
              <input
                {...control}
                type="date"
                className={forms.input}
                value={filter.from ?? ''}
                max={today}
                onChange={(event) => refine({ from: event.target.value || null })}
                data-testid="audit-from"
              />
            )}
          </Field>
          <Field label={t('audit.to')}>
            {(control) => (
              <input
                {...control}
                type="date"
                className={forms.input}
                value={filter.to ?? ''}
                max={today}
                onChange={(event) => refine({ to: event.target.value || null })}
                data-testid="audit-to"
              />
            )}
          </Field>
          {filtered && (
            <div className={audit.clear}>
              <RouteLink
                route={{ screen: 'admin-audit', filter: NO_AUDIT_FILTER }}
                className={`${forms.button} ${forms.small}`}
                testId="audit-clear"
              >
                {t('audit.clear')}
              </RouteLink>
            </div>
          )}
        </form>
        <Panel
          title={t('audit.title')}
          aside={rows ? t('audit.shown', { count: rows.length }) : undefined}
          state={state}
          desk
          testId="audit-panel"
        >
          {rows && (
            <table className={styles.table} data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('audit.at')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.outcome')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.target')}</th>
                  <th scope="col">{t('audit.address')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} data-testid="audit-row" data-outcome={row.outcome}>
                    <td className={styles.nowrap}>
                      <time dateTime={row.atIso}>{row.at}</time>
                    </td>
                    <td>{row.action}</td>
                    <td>
                      <span
                        className={`${styles.badge} ${row.outcome === 'success' ? styles.good : styles.bad}`}
                      >
                        {row.outcomeText}
                      </span>
                    </td>
                    <td>{row.actor}</td>
                    <td>{row.target}</td>
                    <td className={styles.mono}>{row.address}</td>
                    <td className={audit.details}>{row.details}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
        <nav className={audit.paging} aria-label={t('audit.olderPage')}>
          {filter.before !== null && (
            <RouteLink
              route={{ screen: 'admin-audit', filter: { ...filter, before: null } }}
              className={`${forms.button} ${forms.small}`}
              testId="audit-newest"
            >
              ‹ {t('audit.newest')}
            </RouteLink>
          )}
          {page.data?.next && (
            <RouteLink
              route={{ screen: 'admin-audit', filter: { ...filter, before: page.data.next } }}
              className={`${forms.button} ${forms.small}`}
              testId="audit-older"
            >
              {t('audit.older')} ›
            </RouteLink>
          )}
        </nav>
      </div>
    </AdminLayout>
  );
}
