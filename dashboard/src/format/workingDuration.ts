import type { Language } from '../i18n/messages';

/** Office time as the API gives it: whole working days of 8 hours, then hours and minutes. */
export interface WorkingDuration {
  workingMinutes: number;
  days: number;
  hours: number;
  minutes: number;
}

const WORDS: Record<Language, { day: string; days: string; hour: string; minute: string; none: string }> = {
  vi: { day: 'ngày', days: 'ngày', hour: 'giờ', minute: 'phút', none: 'dưới 1 phút' },
  en: { day: 'day', days: 'days', hour: 'h', minute: 'min', none: 'under a minute' },
};

/**
 * "1 ngày 2 giờ", "2 giờ 30 phút", "45 phút": the two largest parts, as people say a delay.
 * Working days are days of office time (8 hours), not calendar days.
 */
export function formatWorkingDuration(duration: WorkingDuration, language: Language): string {
  const words = WORDS[language];
  const parts: string[] = [];
  if (duration.days > 0) parts.push(`${duration.days} ${duration.days === 1 ? words.day : words.days}`);
  if (duration.hours > 0) parts.push(`${duration.hours} ${words.hour}`);
  if (duration.minutes > 0 && parts.length < 2) parts.push(`${duration.minutes} ${words.minute}`);
  return parts.length === 0 ? words.none : parts.slice(0, 2).join(' ');
}
