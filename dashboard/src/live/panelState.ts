import { useI18n } from '../i18n/I18nContext';
import { useIsPast } from '../clock/useIsPast';
import type { PanelState } from '../ui/Panel';
import { STALE_AFTER_MS, type FiguresScopeState, type WholeScopeState } from './scopeState';

const READY: PanelState = { kind: 'ready' };
const LOADING: PanelState = { kind: 'loading' };

/** When the copy turns stale: its last message plus the grace; null before any message. */
const staleAt = (lastMessageAt: number | null) =>
  lastMessageAt === null ? null : lastMessageAt + STALE_AFTER_MS;

/** A panel fed by a figures scope: loading until the snapshot, stale once it falls behind. */
export function useFiguresPanelState(scope: FiguresScopeState): PanelState {
  const { t } = useI18n();
  const silent = useIsPast(staleAt(scope.lastMessageAt));
  if (scope.denied) return { kind: 'empty', message: t('panel.notInScope') };
  if (scope.data === null)
    return scope.refusal === null ? LOADING : { kind: 'error', message: scope.refusal };
  const behind = scope.awaitingSnapshotSince !== null || silent;
  return behind ? { kind: 'stale', detail: t('panel.staleDetail') } : READY;
}

/** A panel fed by a whole scope (`feed`, `alerts`, `ranking`). */
export function useWholePanelState(scope: WholeScopeState): PanelState {
  const { t } = useI18n();
  const silent = useIsPast(staleAt(scope.lastMessageAt));
  if (scope.denied) return { kind: 'empty', message: t('panel.notInScope') };
  if (scope.update === null)
    return scope.refusal === null ? LOADING : { kind: 'error', message: scope.refusal };
  return silent ? { kind: 'stale', detail: t('panel.staleDetail') } : READY;
}
