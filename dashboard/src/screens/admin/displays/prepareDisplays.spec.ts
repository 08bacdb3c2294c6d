import { describe, expect, it } from '@jest/globals';
import { createTranslator } from '../../../i18n/messages';
import { buildDisplay } from '../../../testing/builders';
import { displayState, prepareDisplays } from './prepareDisplays';

const vi = createTranslator('vi');
const now = Date.parse('2026-11-20T03:00:00Z');
const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

describe('prepareDisplays', () => {
  it('says when each wall was last in contact, and whether it is connected', () => {
    const view = prepareDisplays(
      [
        buildDisplay({ name: 'Sảnh', lastSeenAt: minutesAgo(0.25) }),
        buildDisplay({ name: 'Phòng họp', lastSeenAt: minutesAgo(5), pairing: 'token' }),
        buildDisplay({ name: 'Mới', lastSeenAt: null }),
        buildDisplay({
          name: 'Cũ',
          lastSeenAt: minutesAgo(600),
          revokedAt: minutesAgo(60),
          pairing: 'token',
        }),
      ],
      now,
      vi,
    );
    expect(view.rows.map((row) => [row.name, row.lastSeen, row.state, row.stateText])).toEqual([
      ['Sảnh', 'vừa xong', 'online', 'Đang kết nối'],
      ['Phòng họp', '5 phút trước', 'offline', 'Mất liên lạc'],
      ['Mới', 'chưa có', 'never', 'Chưa kết nối'],
      ['Cũ', '10 giờ trước', 'revoked', 'Đã thu hồi 09:00 20/11/2026'],
    ]);
    expect(view.rows[1]!.lastSeenExact).toBe('09:55:00 20/11/2026');
    expect([view.active, view.revoked]).toEqual([3, 1]);
  });

  it('offers a new link only to a token-paired wall still in use, and revocation to any in use', () => {
    const view = prepareDisplays(
      [
        buildDisplay({ name: 'code', pairing: 'code' }),
        buildDisplay({ name: 'token', pairing: 'token' }),
        buildDisplay({ name: 'revoked', pairing: 'token', revokedAt: minutesAgo(1) }),
      ],
      now,
      vi,
    );
    expect(view.rows.map((row) => [row.canReplaceToken, row.canRevoke])).toEqual([
      [false, true],
      [true, true],
      [false, false],
    ]);
  });

  it('counts a wall seen within two minutes as connected (it is seen every 15 s)', () => {
    expect(displayState(buildDisplay({ name: 'x', lastSeenAt: minutesAgo(2) }), now)).toBe('online');
    expect(displayState(buildDisplay({ name: 'x', lastSeenAt: minutesAgo(2.1) }), now)).toBe('offline');
  });
});
