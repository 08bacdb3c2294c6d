import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { ADMIN_SCREENS, adminRoute, type AdminScreenName } from '../../router/routes';
import { RouteLink } from '../../ui/RouteLink';
import styles from './AdminLayout.module.css';

const TAB_LABELS: Record<AdminScreenName, MessageKey> = {
  'admin-users': 'admin.tab.users',
  'admin-displays': 'admin.tab.displays',
  'admin-keys': 'admin.tab.keys',
  'admin-audit': 'admin.tab.audit',
};

/** Every administration screen: its tabs, then its content, scrolling on its own. */
export function AdminLayout({ screen, children }: { screen: AdminScreenName; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <main className={styles.screen} data-testid={screen}>
      <nav className={styles.tabs} aria-label={t('admin.sections')}>
        {ADMIN_SCREENS.map((tab) => (
          <RouteLink
            key={tab}
            route={adminRoute(tab)}
            className={styles.tab}
            aria-current={tab === screen ? 'page' : undefined}
            testId={`tab-${tab}`}
          >
            {t(TAB_LABELS[tab])}
          </RouteLink>
        ))}
      </nav>
      <div className={styles.content}>{children}</div>
    </main>
  );
}
