import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { AccessFailure, signIn } from './accessApi';
import styles from './AccessScreens.module.css';

export interface SignInScreenProps {
  /** Why the person is here again (their session ended), when known. */
  notice: string | null;
  onSignedIn: () => void;
  /** This browser is a wall: show a pairing code instead. */
  onPairDisplay: () => void;
}

/** A person signs in with login and password; the server's refusal (locked, wrong) is shown as it says it. */
export function SignInScreen({ notice, onSignedIn, onPairDisplay }: SignInScreenProps) {
  const { t, language } = useI18n();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(login, password);
      setPassword('');
      onSignedIn();
    } catch (failure) {
      const words =
        failure instanceof AccessFailure && failure.error
          ? language === 'vi'
            ? failure.error.message
            : failure.error.messageEn
          : t('access.signInFailed');
      setError(words);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className={styles.screen} data-testid="sign-in-screen">
      <form className={styles.card} onSubmit={(event) => void submit(event)}>
        <h1 className={styles.title}>{t('app.title')}</h1>
        <p className={styles.subtitle}>{t('access.signInTitle')}</p>
        {notice && <p className={styles.notice}>{notice}</p>}
        <label className={styles.label}>
          {t('access.login')}
          <input
            className={styles.input}
            name="login"
            autoComplete="username"
            value={login}
            onChange={(event) => setLogin(event.target.value)}
            required
          />
        </label>
        <label className={styles.label}>
          {t('access.password')}
          <input
            className={styles.input}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        {error && (
          <p className={styles.error} role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" className={styles.primary} disabled={busy} data-testid="sign-in-submit">
          {t('access.signIn')}
        </button>
        <button
          type="button"
          className={styles.secondary}
          onClick={onPairDisplay}
          data-testid="pair-this-screen"
        >
          {t('access.pairThisScreen')}
        </button>
      </form>
    </main>
  );
}
