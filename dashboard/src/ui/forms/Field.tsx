import { useId, type ReactNode } from 'react';
import styles from './forms.module.css';

/** What a control needs to be named by its label and described by its hint and error. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

export interface FieldProps {
  label: string;
  hint?: string;
  /** Shown beneath the control, read with it by a screen reader. */
  error?: string | null;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control with its hint and its error next to it. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {hint && (
        <p className={styles.hint} id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className={styles.error} id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A group of choices (checkboxes, radios) under one legend, with its hint and error. */
export function ChoiceGroup({
  legend,
  hint,
  error,
  testId,
  children,
}: {
  legend: string;
  hint?: string;
  error?: string | null;
  testId?: string;
  children: ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset
      className={styles.field}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
      data-testid={testId}
    >
      <legend className={styles.label}>{legend}</legend>
      <div className={styles.choices}>{children}</div>
      {hint && (
        <p className={styles.hint} id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className={styles.error} id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
