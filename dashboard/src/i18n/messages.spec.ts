import { describe, expect, it } from '@jest/globals';
import { createTranslator, LANGUAGES, messages, type MessageKey } from './messages';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
const keys = Object.keys(messages.vi) as MessageKey[];

describe('message catalogue', () => {
  it('has every key, non-empty, in both languages', () => {
    expect(LANGUAGES).toEqual(['vi', 'en']);
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.vi).sort());
    for (const language of LANGUAGES) {
      expect(Object.keys(messages[language]).sort()).toEqual([...keys].sort());
      for (const key of keys) expect(messages[language][key].trim()).not.toBe('');
    }
  });

  it('uses the same placeholders in Vietnamese and English', () => {
    for (const key of keys)
      expect([key, placeholders(messages.en[key])]).toEqual([key, placeholders(messages.vi[key])]);
  });

  it('writes Vietnamese with its diacritics', () => {
    expect(messages.vi['app.title']).toBe('Trung tâm Điều hành Thông minh — tỉnh Lâm Đồng');
    expect(messages.vi['kpi.rating']).toBe('Hài lòng TB (30 ngày)');
  });

  it('switches every headline when the language is switched', () => {
    const vi = createTranslator('vi');
    const en = createTranslator('en');
    const headlines: MessageKey[] = [
      'app.title',
      'kpi.backlog',
      'kpi.overdue',
      'grid.title',
      'grid.silent',
      'late.turnedOverdue',
      'feedback.title',
      'banner.reconnecting',
      'connection.stale',
    ];
    for (const key of headlines) expect(en(key)).not.toBe(vi(key));
    expect(en('kpi.backlog')).toBe('Dossiers in progress');
  });

  it('fills placeholders and leaves an unfilled one visible', () => {
    const vi = createTranslator('vi');
    expect(vi('banner.reconnecting', { time: '14:05' })).toBe('Mất kết nối — số liệu lúc 14:05');
    expect(vi('banner.reconnecting')).toBe('Mất kết nối — số liệu lúc {time}');
    expect(createTranslator('en')('banner.reconnecting', { time: '14:05' })).toBe(
      'Connection lost — figures as of 14:05',
    );
  });

  it('names the silent state in both languages', () => {
    expect(createTranslator('vi')('grid.silent')).toBe('mất tín hiệu');
    expect(createTranslator('en')('grid.silent')).toBe('silent');
    expect(createTranslator('vi')('grid.lastEvent', { time: '14:05 23/11' })).toBe(
      'Sự kiện cuối: 14:05 23/11',
    );
  });
});
