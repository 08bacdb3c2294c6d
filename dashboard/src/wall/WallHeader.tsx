import type { CSSProperties } from 'react';
import { readVietnamClock } from '../format/vietnamTime';
import { useI18n } from '../i18n/I18nContext';
import { LANGUAGE_LABEL_KEYS, LANGUAGES, WEEKDAY_KEYS, type Language } from '../i18n/messages';
import type { ConnectionState } from '../live/liveState';
import { theme } from '../theme';
import { connectionLook } from './connectionLook';

const bar: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: theme.space.xl,
  padding: `${theme.space.md}px ${theme.space.xl}px`,
  background: theme.color.surface,
  borderBottom: `${theme.size.borderWidth}px solid ${theme.color.border}`,
};
const title: CSSProperties = {
  flex: 1,
  margin: 0,
  fontSize: theme.fontSize.title,
  fontWeight: theme.font.weightBold,
  color: theme.color.text,
};
const clock: CSSProperties = { display: 'flex', flexDirection: 'column', alignItems: 'flex-end' };
const clockTime: CSSProperties = {
  fontSize: theme.fontSize.clock,
  fontWeight: theme.font.weightBold,
  fontVariantNumeric: 'tabular-nums',
  lineHeight: theme.lineHeight.solid,
  color: theme.color.text,
};
const clockDetail: CSSProperties = { fontSize: theme.fontSize.clockDetail, color: theme.color.textMuted };
const pill = (color: string): CSSProperties => ({
  display: 'flex',
  alignItems: 'center',
  gap: theme.space.sm,
  padding: `${theme.space.sm}px ${theme.space.lg}px`,
  borderRadius: theme.size.radius,
  border: `${theme.size.alertBorderWidth}px solid ${color}`,
  color,
  fontSize: theme.fontSize.connection,
  fontWeight: theme.font.weightBold,
  whiteSpace: 'nowrap',
});
const dot = (color: string): CSSProperties => ({
  width: theme.size.connectionDot,
  height: theme.size.connectionDot,
  borderRadius: '50%',
  background: color,
});
const toggle: CSSProperties = { display: 'flex', gap: theme.space.xs };
const toggleButton = (active: boolean): CSSProperties => ({
  padding: `${theme.space.xs}px ${theme.space.md}px`,
  fontSize: theme.fontSize.languageToggle,
  fontWeight: theme.font.weightBold,
  fontFamily: theme.font.family,
  cursor: 'pointer',
  borderRadius: theme.size.radius,
  border: `${theme.size.borderWidth}px solid ${active ? theme.color.accent : theme.color.border}`,
  background: active ? theme.color.accent : 'transparent',
  color: active ? theme.color.onAlert : theme.color.textMuted,
});

export const WALL_VIEWS = ['operations', 'ranking'] as const;
export type WallView = (typeof WALL_VIEWS)[number];
const VIEW_LABEL_KEYS = { operations: 'view.operations', ranking: 'view.ranking' } as const;

export interface WallHeaderProps {
  now: number;
  connection: ConnectionState;
  view: WallView;
  onViewChange: (view: WallView) => void;
  onLanguageChange: (language: Language) => void;
}

export function WallHeader({ now, connection, view, onViewChange, onLanguageChange }: WallHeaderProps) {
  const { t, language } = useI18n();
  const reading = readVietnamClock(now);
  const look = connectionLook[connection];
  return (
    <header style={bar}>
      <h1 style={title}>{t('app.title')}</h1>
      <div
        style={pill(look.color)}
        role="status"
        aria-live="polite"
        data-testid="connection-state"
        data-state={connection}
      >
        <span style={dot(look.color)} />
        {t(look.label)}
      </div>
      <div style={clock}>
        <time style={clockTime} dateTime={new Date(now).toISOString()}>
          {reading.time}
        </time>
        <span style={clockDetail}>
          {t(WEEKDAY_KEYS[reading.weekday])}, {reading.date} · {t('clock.zone')}
        </span>
      </div>
      <div style={toggle} role="group" aria-label={t('view.label')}>
        {WALL_VIEWS.map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={option === view}
            data-testid={`view-${option}`}
            style={toggleButton(option === view)}
            onClick={() => onViewChange(option)}
          >
            {t(VIEW_LABEL_KEYS[option])}
          </button>
        ))}
      </div>
      <div style={toggle} role="group" aria-label={t('language.label')}>
        {LANGUAGES.map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={option === language}
            style={toggleButton(option === language)}
            onClick={() => onLanguageChange(option)}
          >
            {t(LANGUAGE_LABEL_KEYS[option])}
          </button>
        ))}
      </div>
    </header>
  );
}
