import { DOSSIER_LIST_STATUSES, type DossierListStatus, type Unit } from '@ioc/shared';
import { fieldLabel } from '../../i18n/fieldLabel';
import type { MessageKey, Translate } from '../../i18n/messages';
import type { DossierListFilter } from '../../router/routes';
import { formerProvinceBySlug } from '../../units/formerProvinces';

export const STATUS_LABELS: Record<DossierListStatus, MessageKey> = {
  open: 'dossiers.status.open',
  overdue: 'dossiers.status.overdue',
  'due-soon': 'dossiers.status.due-soon',
  paused: 'dossiers.status.paused',
  'no-apology': 'dossiers.status.no-apology',
  resolved: 'dossiers.status.resolved',
  'resolved-late': 'dossiers.status.resolved-late',
  'resolved-on-time': 'dossiers.status.resolved-on-time',
  'resolved-early': 'dossiers.status.resolved-early',
  rejected: 'dossiers.status.rejected',
  withdrawn: 'dossiers.status.withdrawn',
};

const isStatus = (value: string): value is DossierListStatus =>
  (DOSSIER_LIST_STATUSES as readonly string[]).includes(value);

/**
 * The list's filter in words, for its title: "Hồ sơ quá hạn · Đất đai · Di Linh · tiếp nhận
 * 2026-12-07". Values the app does not know are shown as written (the server names a bad one).
 */
export function describeFilter(
  filter: DossierListFilter,
  units: ReadonlyMap<string, Unit>,
  t: Translate,
): string {
  const parts: string[] = [];
  const statuses = (filter.status ?? '').split(',').filter(Boolean);
  parts.push(
    statuses.length === 0
      ? t('dossiers.all')
      : statuses.map((status) => (isStatus(status) ? t(STATUS_LABELS[status]) : status)).join(', '),
  );
  if (filter.field)
    parts.push(
      filter.field
        .split(',')
        .map((field) => fieldLabel(field, t))
        .join(', '),
    );
  if (filter.unit)
    parts.push(
      filter.unit
        .split(',')
        .map((code) => units.get(code)?.name ?? code)
        .join(', '),
    );
  if (filter.formerProvince) {
    const province = formerProvinceBySlug(filter.formerProvince);
    parts.push(t('grid.formerProvince', { province: province?.name ?? filter.formerProvince }));
  }
  if (filter.received) parts.push(t('dossiers.receivedIn', { period: filter.received }));
  if (filter.resolved) parts.push(t('dossiers.resolvedIn', { period: filter.resolved }));
  if (filter.code) parts.push(t('dossiers.codeStarts', { code: filter.code }));
  return parts.join(' · ');
}
