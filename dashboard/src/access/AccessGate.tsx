import type { CurrentPrincipal, LiveRevoked } from '@ioc/shared';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { UNAUTHORIZED_EVENT } from '../api/fetchJson';
import { useI18n } from '../i18n/I18nContext';
import { createLiveClient } from '../live/createLiveClient';
import { LiveClientContext } from '../live/useLive';
import { StatusView } from '../ui/StatusView';
import { AccessFailure, currentPrincipal, signOut as endSession, startDisplaySession } from './accessApi';
import { rememberDisplay, wasDisplay } from './displayMemory';
import { PairingScreen } from './PairingScreen';
import { PrincipalContext } from './PrincipalContext';
import { SignInScreen } from './SignInScreen';

type GateState =
  | { kind: 'checking' }
  | { kind: 'signed-in'; principal: CurrentPrincipal; session: number }
  | { kind: 'signed-out'; notice: string | null }
  | { kind: 'pairing'; notice: string | null }
  | { kind: 'unreachable'; message: string };

/** While the server cannot be reached, ask again this often (a wall comes back by itself). */
const RETRY_MS = 5_000;
const DISPLAY_PARAM = 'display';

/** Removes `?display=<token>` from the address bar once used: the token is a credential. */
function takeDisplayToken(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get(DISPLAY_PARAM);
  if (token === null) return null;
  url.searchParams.delete(DISPLAY_PARAM);
  window.history.replaceState(null, '', url.pathname + url.search);
  return token;
}

/**
 * Nothing is shown without a credential: a person signs in; a wall is paired (by the token in its
 * URL, or by a code an administrator confirms) and never sees a sign-in form, even after it was
 * revoked. The live connection exists only for a signed-in session and ends with it.
 */
export function AccessGate({ children }: { children: ReactNode }) {
  const { t, language } = useI18n();
  const [state, setState] = useState<GateState>({ kind: 'checking' });
  /** Each sign-in gets a live connection of its own. */
  const sessions = useRef(0);
  const started = useRef(false);

  const check = useCallback(async (notice: string | null = null): Promise<void> => {
    try {
      const principal = await currentPrincipal();
      if (principal) {
        rememberDisplay(principal.kind === 'display');
        sessions.current += 1;
        setState({ kind: 'signed-in', principal, session: sessions.current });
      } else {
        setState(wasDisplay() ? { kind: 'pairing', notice } : { kind: 'signed-out', notice });
      }
    } catch (error) {
      setState({ kind: 'unreachable', message: (error as Error).message });
    }
  }, []);

  // First, once: a wall's URL token, then who this browser is.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const token = takeDisplayToken();
    const start = async () => {
      if (token !== null) {
        try {
          await startDisplaySession(token);
        } catch (error) {
          rememberDisplay(true);
          const message =
            error instanceof AccessFailure && error.error
              ? language === 'vi'
                ? error.error.message
                : error.error.messageEn
              : null;
          setState({ kind: 'pairing', notice: message ?? t('access.displayTokenRefused') });
          return;
        }
      }
      await check();
    };
    void start();
  }, [check, language, t]);

  useEffect(() => {
    if (state.kind !== 'unreachable') return;
    const timer = setTimeout(() => void check(), RETRY_MS);
    return () => clearTimeout(timer);
  }, [state, check]);

  // A REST answer 401: the session ended (expired, revoked); ask who we are now.
  useEffect(() => {
    const onUnauthorized = () => void check(t('access.sessionEnded'));
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [check, t]);

  const onRevoked = useCallback(
    (revoked: LiveRevoked | null) => {
      const words = revoked
        ? language === 'vi'
          ? revoked.message
          : revoked.messageEn
        : t('access.sessionEnded');
      if (revoked?.reason === 'display-revoked') {
        rememberDisplay(true);
        setState({ kind: 'pairing', notice: words });
      } else void check(words);
    },
    [check, language, t],
  );

  const signedInKey = state.kind === 'signed-in' ? state.session : null;
  const live = useMemo(
    () => (signedInKey === null ? null : createLiveClient(onRevoked)),
    [signedInKey, onRevoked],
  );
  useEffect(() => () => live?.close(), [live]);

  const signOut = useCallback(() => {
    void endSession()
      .catch(() => undefined)
      .then(() => {
        rememberDisplay(false);
        setState({ kind: 'signed-out', notice: null });
      });
  }, []);

  switch (state.kind) {
    case 'checking':
      return <StatusView headline={t('status.connecting')} testId="connecting-view" />;
    case 'unreachable':
      return (
        <StatusView
          error
          headline={t('access.unreachable')}
          detail={state.message}
          onRetry={() => void check()}
          testId="unreachable-view"
        />
      );
    case 'signed-out':
      return (
        <SignInScreen
          notice={state.notice}
          onSignedIn={() => void check()}
          onPairDisplay={() => setState({ kind: 'pairing', notice: null })}
        />
      );
    case 'pairing':
      return <PairingScreen notice={state.notice} onPaired={() => void check()} />;
    case 'signed-in':
      return (
        <PrincipalContext.Provider value={{ principal: state.principal, signOut }}>
          <LiveClientContext.Provider value={live}>{children}</LiveClientContext.Provider>
        </PrincipalContext.Provider>
      );
  }
}
