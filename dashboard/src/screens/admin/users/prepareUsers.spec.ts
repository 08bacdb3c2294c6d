import { describe, expect, it } from '@jest/globals';
import { createTranslator } from '../../../i18n/messages';
import { buildUser } from '../../../testing/builders';
import { prepareUsers } from './prepareUsers';

const now = Date.parse('2026-11-20T03:00:00Z');
const context = {
  selfId: null,
  now,
  t: createTranslator('vi'),
  unitName: (code: string) => (code === '24781' ? 'Phường Xuân Hương - Đà Lạt' : code),
};

describe('prepareUsers', () => {
  it('writes each role and what it sees', () => {
    const view = prepareUsers(
      [
        buildUser({ login: 'quantri', role: 'admin' }),
        buildUser({ login: 'tp.tuphap', role: 'department-head', fields: ['civil-status', 'land'] }),
        buildUser({ login: 'cb.xuanhuong', role: 'unit-officer', unitCode: '24781' }),
      ],
      context,
    );
    expect(view.rows.map((row) => [row.role, row.scope])).toEqual([
      ['Quản trị', 'Toàn tỉnh'],
      ['Trưởng phòng, sở', 'Lĩnh vực: Hộ tịch, Đất đai'],
      ['Cán bộ đơn vị', 'Đơn vị: Phường Xuân Hương - Đà Lạt'],
    ]);
  });

  it('tells a disabled account from one locked for a while, in Vietnam time', () => {
    const view = prepareUsers(
      [
        buildUser({ login: 'a.disabled', disabled: true, lockedUntil: '2026-11-20T03:10:00Z' }),
        buildUser({ login: 'b.locked', lockedUntil: '2026-11-20T03:10:00Z' }),
        buildUser({ login: 'c.lock-over', lockedUntil: '2026-11-20T02:59:00Z' }),
      ],
      context,
    );
    expect(view.rows.map((row) => [row.state, row.stateText])).toEqual([
      ['disabled', 'Đã vô hiệu hóa'],
      ['locked', 'Tạm khóa đến 10:10 20/11/2026'],
      ['active', 'Đang hoạt động'],
    ]);
    expect(view.disabled).toBe(1);
  });

  it('marks the signed-in admin', () => {
    const self = buildUser({ login: 'quantri', role: 'admin' });
    const view = prepareUsers([self, buildUser({ login: 'lanhdao' })], { ...context, selfId: self.id });
    expect(view.rows.map((row) => row.self)).toEqual([true, false]);
  });
});
