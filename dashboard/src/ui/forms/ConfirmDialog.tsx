import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import styles from './forms.module.css';

export interface ConfirmDialogProps {
  /** What will happen, in words; null: the dialog is closed. */
  question: string | null;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before something that cannot be undone (a revocation, ending sessions). A modal `<dialog>`:
 * focus stays in it, Escape cancels, focus returns where it was.
 */
export function ConfirmDialog({
  question,
  confirmLabel,
  danger = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (question !== null && !element.open) element.showModal();
    if (question === null && element.open) element.close();
  }, [question]);

  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      data-testid="confirm-dialog"
    >
      {question !== null && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            onConfirm();
          }}
        >
          <p className={styles.dialogText}>{question}</p>
          <div className={styles.actions}>
            <button
              type="submit"
              className={`${styles.button} ${danger ? styles.danger : styles.primary}`}
              data-testid="confirm-yes"
            >
              {confirmLabel}
            </button>
            <button type="button" className={styles.button} onClick={onCancel} autoFocus>
              {t('admin.cancel')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
