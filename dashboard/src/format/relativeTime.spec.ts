import { describe, expect, it } from '@jest/globals';
import { createTranslator } from '../i18n/messages';
import { formatAgo } from './relativeTime';

const vi = createTranslator('vi');
const en = createTranslator('en');
const now = Date.parse('2026-11-20T08:00:00Z');
const ago = (ms: number) => now - ms;

describe('formatAgo', () => {
  it('says how long ago as people do, rounded down', () => {
    expect(formatAgo(ago(20_000), now, vi)).toBe('vừa xong');
    expect(formatAgo(ago(5 * 60_000 + 59_000), now, vi)).toBe('5 phút trước');
    expect(formatAgo(ago(59 * 60_000), now, vi)).toBe('59 phút trước');
    expect(formatAgo(ago(3 * 3_600_000 + 10), now, vi)).toBe('3 giờ trước');
    expect(formatAgo(ago(2 * 86_400_000), now, vi)).toBe('2 ngày trước');
  });

  it('gives the Vietnam date past a month', () => {
    expect(formatAgo(Date.parse('2026-09-30T18:00:00Z'), now, vi)).toBe('01/10/2026');
  });

  it('reads an instant ahead of this clock (the server leads) as just now', () => {
    expect(formatAgo(now + 4_000, now, vi)).toBe('vừa xong');
  });

  it('speaks English too', () => {
    expect(formatAgo(ago(5 * 60_000), now, en)).toBe('5 min ago');
    expect(formatAgo(ago(1_000), now, en)).toBe('just now');
  });
});
