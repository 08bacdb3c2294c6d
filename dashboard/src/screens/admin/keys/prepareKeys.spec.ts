import { describe, expect, it } from '@jest/globals';
import { createTranslator } from '../../../i18n/messages';
import { checkKeyDraft, EMPTY_KEY_DRAFT, keyRequestOf } from './keyForm';
import { prepareKeys } from './prepareKeys';

const vi = createTranslator('vi');
const unitName = (code: string) => (code === '24781' ? 'Phường Xuân Hương - Đà Lạt' : code);
const key = (id: string, createdAt: string, unitCode: string | null, revokedAt: string | null = null) => ({
  id,
  name: `khóa ${id}`,
  unitCode,
  keyPrefix: `2083184${id}`,
  createdAt,
  revokedAt,
});

describe('prepareKeys', () => {
  it('lists the keys in use first, newest first, with their unit or the province', () => {
    const view = prepareKeys(
      [
        key('a', '2026-10-01T01:00:00Z', '24781'),
        key('b', '2026-10-02T01:00:00Z', null, '2026-11-01T02:00:00Z'),
        key('c', '2026-10-03T01:00:00Z', null),
      ],
      vi,
      unitName,
    );
    expect(view.rows.map((row) => [row.id, row.scope, row.created, row.stateText])).toEqual([
      ['c', 'Toàn tỉnh (gửi cho mọi đơn vị)', '03/10/2026', 'Đang dùng'],
      ['a', 'Phường Xuân Hương - Đà Lạt', '01/10/2026', 'Đang dùng'],
      ['b', 'Toàn tỉnh (gửi cho mọi đơn vị)', '02/10/2026', 'Đã thu hồi 09:00 01/11/2026'],
    ]);
    expect([view.active, view.revoked]).toEqual([2, 1]);
    // As the CLI lists it: the key's first characters, which the admin can match to the key.
    expect(view.rows[0]!.prefix).toBe('ioc_2083184c_…');
  });
});

describe('the key form', () => {
  it('needs a name, and a unit unless the key is provincial', () => {
    expect(checkKeyDraft(EMPTY_KEY_DRAFT)).toEqual({
      name: { key: 'form.nameRequired' },
      unitCode: { key: 'form.unitRequired' },
    });
    expect(checkKeyDraft({ name: 'Hệ thống tỉnh', scope: 'provincial', unitCode: '' })).toEqual({});
    expect(keyRequestOf({ name: ' iGate ', scope: 'provincial', unitCode: '24781' })).toEqual({
      name: 'iGate',
      unit: null,
    });
    expect(keyRequestOf({ name: 'iGate', scope: 'unit', unitCode: '24781' })).toEqual({
      name: 'iGate',
      unit: '24781',
    });
  });
});
