import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type UserSummary } from '@ioc/shared';
import { useState, type FormEvent } from 'react';
import { failureText } from '../../../api/sendJson';
import { useI18n } from '../../../i18n/I18nContext';
import { ConfirmDialog } from '../../../ui/forms/ConfirmDialog';
import { Field } from '../../../ui/forms/Field';
import forms from '../../../ui/forms/forms.module.css';
import { endSessions, resetPassword, updateUser } from '../adminApi';
import styles from '../AdminLayout.module.css';
import { useSubmission } from '../useSubmission';
import { passwordProblem } from './userForm';

type Confirming = 'disable' | 'end-sessions' | null;

/** What an admin does to an account besides its scope: disable or enable it, set a password, end its sessions. */
export function UserAccount({
  user,
  self,
  onChanged,
}: {
  user: UserSummary;
  self: boolean;
  onChanged: (notice: string) => void;
}) {
  const { t, language } = useI18n();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [password, setPassword] = useState('');
  const [triedPassword, setTriedPassword] = useState(false);
  const account = useSubmission();
  const reset = useSubmission();
  const words = (failure: NonNullable<typeof account.failure>) =>
    failureText(failure, language, t('admin.unreachable'));

  const setDisabled = async (disabled: boolean) => {
    setConfirming(null);
    const saved = await account.run(() => updateUser(user.id, { disabled }));
    if (saved) onChanged(t(disabled ? 'users.disabledDone' : 'users.enabledDone', { login: saved.login }));
  };
  const endAll = async () => {
    setConfirming(null);
    const ended = await account.run(() => endSessions(user.id));
    if (ended !== null) onChanged(t('users.sessionsEnded', { count: ended, login: user.login }));
  };
  const submitPassword = async (event: FormEvent) => {
    event.preventDefault();
    setTriedPassword(true);
    if (passwordProblem(password)) return;
    const done = await reset.run(async () => {
      await resetPassword(user.id, password);
      return true;
    });
    if (done) {
      setPassword('');
      setTriedPassword(false);
      onChanged(t('users.resetDone', { login: user.login }));
    }
  };
  const problem = triedPassword ? passwordProblem(password) : null;
  const passwordError = problem
    ? t(problem.key, problem.params)
    : reset.failure
      ? words(reset.failure)
      : null;

  return (
    <>
      <section className={styles.card} aria-labelledby="user-account-title">
        <h3 className={styles.cardTitle} id="user-account-title">
          {t('users.account')}
        </h3>
        <div className={forms.actions}>
          {user.disabled ? (
            <button
              type="button"
              className={`${forms.button} ${forms.primary}`}
              disabled={account.busy}
              onClick={() => void setDisabled(false)}
              data-testid="user-enable"
            >
              {t('users.enable')}
            </button>
          ) : (
            !self && (
              <button
                type="button"
                className={`${forms.button} ${forms.danger}`}
                disabled={account.busy}
                onClick={() => setConfirming('disable')}
                data-testid="user-disable"
              >
                {t('users.disable')}
              </button>
            )
          )}
          <button
            type="button"
            className={forms.button}
            disabled={account.busy}
            onClick={() => setConfirming('end-sessions')}
            data-testid="user-end-sessions"
          >
            {t('users.endSessions')}
          </button>
        </div>
        {account.failure && (
          <p className={forms.failed} role="alert">
            {t('admin.failed', { detail: words(account.failure) })}
          </p>
        )}
      </section>
      <section className={styles.card} aria-labelledby="user-password-title">
        <h3 className={styles.cardTitle} id="user-password-title">
          {t('users.resetPassword')}
        </h3>
        <form className={forms.form} onSubmit={(event) => void submitPassword(event)} noValidate>
          <Field
            label={t('users.newPassword')}
            hint={t('users.passwordHint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
            error={passwordError}
          >
            {(control) => (
              <input
                {...control}
                className={forms.input}
                type="password"
                value={password}
                onChange={(event) => {
                  setPassword(event.target.value);
                  reset.clear();
                }}
                autoComplete="new-password"
                data-testid="user-new-password"
              />
            )}
          </Field>
          <div className={forms.actions}>
            <button
              type="submit"
              className={`${forms.button} ${forms.primary}`}
              disabled={reset.busy}
              data-testid="user-reset-password"
            >
              {reset.busy ? t('admin.sending') : t('users.resetPassword')}
            </button>
          </div>
        </form>
      </section>
      <ConfirmDialog
        question={
          confirming === 'disable'
            ? t('users.disableConfirm', { login: user.login })
            : confirming === 'end-sessions'
              ? t('users.endSessionsConfirm', { login: user.login })
              : null
        }
        confirmLabel={confirming === 'disable' ? t('users.disable') : t('users.endSessions')}
        danger
        onConfirm={() => void (confirming === 'disable' ? setDisabled(true) : endAll())}
        onCancel={() => setConfirming(null)}
      />
    </>
  );
}
