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

interface ToggleGroupProps<T extends string> {
  label: string;
  options: readonly T[];
  selected: T;
  labelOf: (option: T) => string;
  testIdPrefix: string;
  onSelect: (option: T) => void;
}

/** A row of buttons of which one is pressed (the screen, the language). */
function ToggleGroup<T extends string>({
  label,
  options,
  selected,
  labelOf,
  testIdPrefix,
  onSelect,
}: ToggleGroupProps<T>) {
  return (
    <div style={toggle} role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={option === selected}
          data-testid={`${testIdPrefix}-${option}`}
          style={toggleButton(option === selected)}
          onClick={() => onSelect(option)}
        >
          {labelOf(option)}
        </button>
      ))}
    </div>
  );
}

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
      <ToggleGroup
        label={t('view.label')}
        options={WALL_VIEWS}
        selected={view}
        labelOf={(option) => t(VIEW_LABEL_KEYS[option])}
        testIdPrefix="view"
        onSelect={onViewChange}
      />
      <ToggleGroup
        label={t('language.label')}
        options={LANGUAGES}
        selected={language}
        labelOf={(option) => t(LANGUAGE_LABEL_KEYS[option])}
        testIdPrefix="language"
        onSelect={onLanguageChange}
      />
    </header>
  );
}
