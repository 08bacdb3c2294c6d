import type { PairingStatus } from '@ioc/shared';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { pairingStatus, requestPairing } from './accessApi';
import styles from './AccessScreens.module.css';

/** How often a waiting wall asks whether its code was confirmed. */
const POLL_MS = 3_000;
/** After a failure (server away), ask again after this long. */
const RETRY_MS = 10_000;

/**
 * A wall without a credential: it shows a short code that an administrator confirms in the
 * displays screen, then it is a wall again. No sign-in form ever: nobody types at a wall.
 */
export function PairingScreen({ notice, onPaired }: { notice: string | null; onPaired: () => void }) {
  const { t } = useI18n();
  const [pairing, setPairing] = useState<PairingStatus | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = (step: () => Promise<void>, ms: number) => {
      if (!cancelled) timer = setTimeout(() => void step(), ms);
    };
    const ask = async (): Promise<void> => {
      try {
        const fresh = await requestPairing();
        if (cancelled) return;
        setFailed(false);
        setPairing(fresh);
        later(poll, POLL_MS);
      } catch {
        setFailed(true);
        later(ask, RETRY_MS);
      }
    };
    const poll = async (): Promise<void> => {
      try {
        const status = await pairingStatus();
        if (cancelled) return;
        if (status === null) return void (await ask()); // the code expired: a new one
        if (status.status === 'paired') return onPaired();
        setPairing(status);
        later(poll, POLL_MS);
      } catch {
        later(poll, RETRY_MS);
      }
    };
    void ask();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [onPaired]);

  return (
    <main className={styles.wall} data-testid="pairing-screen">
      {notice && (
        <p className={styles.revoked} role="alert" data-testid="display-revoked">
          {notice}
        </p>
      )}
      <p className={styles.instructions}>{t('access.pairingInstructions')}</p>
      <div className={styles.code} data-testid="pairing-code">
        {pairing?.status === 'pending' ? pairing.code : '…'}
      </div>
      {failed && <p className={styles.instructions}>{t('access.unreachable')}</p>}
    </main>
  );
}
