import { useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import styles from './forms.module.css';

/** Copies through the clipboard API where the page may (a secure context), else by selection. */
async function copyText(field: HTMLTextAreaElement): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(field.value);
      return true;
    }
  } catch {
    // fall back to the selection below
  }
  field.focus();
  field.select();
  // execCommand is deprecated but the only way on a page served over plain http on a LAN.
  return document.execCommand('copy');
}

/**
 * A value to copy (a link, a key), shown whole (it wraps rather than scrolls, so the admin sees
 * what they copy), read-only, selected on focus, with its copy button.
 */
export function CopyField({
  label,
  hint,
  value,
  testId,
}: {
  label: string;
  hint?: string;
  value: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className={styles.hint} id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className={styles.secretRow}>
        <textarea
          ref={field}
          id={id}
          className={`${styles.input} ${styles.secretValue}`}
          value={value}
          readOnly
          rows={Math.min(4, Math.ceil(value.length / 36))}
          spellCheck={false}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(event) => event.target.select()}
          data-testid={testId}
        />
        <button
          type="button"
          className={`${styles.button} ${styles.primary}`}
          onClick={() => {
            if (field.current) void copyText(field.current).then(setCopied);
          }}
        >
          {copied ? t('admin.copied') : t('admin.copy')}
        </button>
      </div>
      {copied === false && (
        <p className={styles.error} role="alert">
          {t('admin.copyFailed')}
        </p>
      )}
    </div>
  );
}
