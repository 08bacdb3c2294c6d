import { useI18n } from '../i18n/I18nContext';
import type { Route } from '../router/routes';
import styles from './Breadcrumb.module.css';
import { RouteLink } from './RouteLink';

export interface Crumb {
  label: string;
  /** Null for the page itself. */
  route: Route | null;
}

/** Where a screen sits: province › former province › unit › field › list › dossier; each step a link back. */
export function Breadcrumb({ crumbs }: { crumbs: Crumb[] }) {
  const { t } = useI18n();
  return (
    <ol className={styles.trail} aria-label={t('unit.breadcrumb')} data-testid="breadcrumb">
      {crumbs.map((crumb, index) => (
        <li key={`${index}-${crumb.label}`}>
          {crumb.route ? (
            <RouteLink route={crumb.route} className={styles.link}>
              {crumb.label}
            </RouteLink>
          ) : (
            <span className={styles.current} aria-current="page">
              {crumb.label}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
