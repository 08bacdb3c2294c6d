import { useSignedIn } from '../../access/PrincipalContext';
import { useI18n } from '../../i18n/I18nContext';
import { RouteLink } from '../../ui/RouteLink';
import styles from './NotAllowed.module.css';

/** What someone who is not an administrator sees at an administration URL. */
export function NotAllowed() {
  const { t } = useI18n();
  const { principal } = useSignedIn();
  return (
    <main className={styles.centre} role="alert" data-testid="admin-not-allowed">
      <p className={styles.headline}>{t('admin.notAllowed')}</p>
      <p className={styles.detail}>{t('admin.notAllowedDetail', { role: t(`role.${principal.role}`) })}</p>
      <RouteLink route={{ screen: 'operations' }} className={styles.back}>
        {t('admin.backToOperations')}
      </RouteLink>
    </main>
  );
}
