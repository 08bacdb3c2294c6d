import type { Translate } from '../i18n/messages';
import type { PanelState } from '../ui/Panel';
import { STALE_AFTER_MS, type FiguresScopeState, type WholeScopeState } from './scopeState';

/** A panel fed by a figures scope: loading until the snapshot, stale once it falls behind. */
export function figuresPanelState(scope: FiguresScopeState, now: number, t: Translate): PanelState {
  if (scope.denied) return { kind: 'empty', message: t('panel.notInScope') };
  if (scope.data === null) {
    return scope.refusal === null ? { kind: 'loading' } : { kind: 'error', message: scope.refusal };
  }
  const behind =
    scope.awaitingSnapshotSince !== null ||
    scope.lastMessageAt === null ||
    now - scope.lastMessageAt > STALE_AFTER_MS;
  return behind ? { kind: 'stale', detail: t('panel.staleDetail') } : { kind: 'ready' };
}

/** A panel fed by a whole scope (`feed`, `alerts`, `ranking`). */
export function wholePanelState(scope: WholeScopeState, now: number, t: Translate): PanelState {
  if (scope.denied) return { kind: 'empty', message: t('panel.notInScope') };
  if (scope.update === null) {
    return scope.refusal === null ? { kind: 'loading' } : { kind: 'error', message: scope.refusal };
  }
  const behind = scope.lastMessageAt === null || now - scope.lastMessageAt > STALE_AFTER_MS;
  return behind ? { kind: 'stale', detail: t('panel.staleDetail') } : { kind: 'ready' };
}
