import type { ReactNode } from 'react';
import { useDisplay } from '../router/useAppLocation';
import { useI18n } from '../i18n/I18nContext';
import { ErrorBoundary } from './ErrorBoundary';
import styles from './Panel.module.css';

/**
 * What a panel can show besides its figures. `stale`: the figures are shown, faded and tagged,
 * because they are older than they should be; `empty`: the data says there is nothing (which is
 * not zero); `error`: the data could not be had.
 */
export type PanelState =
  | { kind: 'ready' }
  | { kind: 'loading' }
  | { kind: 'empty'; message: string }
  | { kind: 'stale'; detail?: string }
  | { kind: 'error'; message: string; onRetry?: () => void };

export const READY: PanelState = { kind: 'ready' };

export interface PanelProps {
  title: string;
  /** Right of the title: a subtitle, a count, a legend. */
  aside?: ReactNode;
  state?: PanelState;
  className?: string;
  testId?: string;
  /** On a screen people work at (administration): the desk sizes, readable at 1366×768. */
  desk?: boolean;
  children?: ReactNode;
}

/** The frame every panel sits in, with its own loading, empty, stale and error views. */
export function Panel({
  title,
  aside,
  state = READY,
  className,
  testId,
  desk = false,
  children,
}: PanelProps) {
  const { t } = useI18n();
  const { kiosk } = useDisplay();
  const classes = [
    styles.panel,
    state.kind === 'stale' ? styles.stale : '',
    desk ? styles.desk : '',
    className ?? '',
  ].join(' ');
  return (
    <section className={classes} aria-label={title} data-testid={testId} data-state={state.kind}>
      <header className={styles.heading}>
        <h2 className={styles.title}>{title}</h2>
        {state.kind === 'stale' && (
          <span className={styles.staleTag} title={state.detail}>
            {t('panel.stale')}
          </span>
        )}
        {aside !== undefined && <div className={styles.aside}>{aside}</div>}
      </header>
      <div className={styles.body}>
        {state.kind === 'loading' && (
          <div className={styles.state} role="status">
            {t('panel.loading')}
          </div>
        )}
        {state.kind === 'empty' && <div className={styles.state}>{state.message}</div>}
        {state.kind === 'error' && (
          <div className={styles.state} role="alert">
            <span className={styles.error}>{t('panel.error')}</span>
            <span>{state.message}</span>
            {state.onRetry && !kiosk && (
              <button type="button" className={styles.retry} onClick={state.onRetry}>
                {t('panel.retry')}
              </button>
            )}
          </div>
        )}
        {(state.kind === 'ready' || state.kind === 'stale') && (
          <ErrorBoundary
            fallback={(message) => (
              <div className={styles.state} role="alert">
                <span className={styles.error}>{t('panel.broken')}</span>
                <span>{message}</span>
              </div>
            )}
          >
            {children}
          </ErrorBoundary>
        )}
      </div>
    </section>
  );
}
