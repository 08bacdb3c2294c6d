import type { IngestKeySummary } from '@ioc/shared';
import { formatVietnamDate, formatVietnamDateTime } from '../../../format/vietnamTime';
import type { Translate } from '../../../i18n/messages';

export interface KeyRow {
  id: string;
  name: string;
  /** The unit it sends for, or "provincial". */
  scope: string;
  /** How the key begins, as the CLI lists it: `ioc_20831840_…`. */
  prefix: string;
  created: string;
  revoked: boolean;
  stateText: string;
}

export interface KeysView {
  rows: KeyRow[];
  active: number;
  revoked: number;
}

/** The keys in use first, newest first within each. */
export function prepareKeys(
  keys: readonly IngestKeySummary[],
  t: Translate,
  unitName: (code: string) => string,
): KeysView {
  const rows = [...keys]
    .sort(
      (a, b) =>
        Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt),
    )
    .map((key): KeyRow => ({
      id: key.id,
      name: key.name,
      scope: key.unitCode === null ? t('keys.provincial') : unitName(key.unitCode),
      prefix: `ioc_${key.keyPrefix}_…`,
      created: formatVietnamDate(Date.parse(key.createdAt)),
      revoked: key.revokedAt !== null,
      stateText:
        key.revokedAt === null
          ? t('keys.inUse')
          : t('keys.revokedOn', { time: formatVietnamDateTime(Date.parse(key.revokedAt)) }),
    }));
  const revoked = rows.filter((row) => row.revoked).length;
  return { rows, active: rows.length - revoked, revoked };
}
