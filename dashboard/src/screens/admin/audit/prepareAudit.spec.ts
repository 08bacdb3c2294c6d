import { describe, expect, it } from '@jest/globals';
import { createTranslator } from '../../../i18n/messages';
import { buildAuditEntry } from '../../../testing/builders';
import { describeDetails, prepareAudit, type AuditNames } from './prepareAudit';

const vi = createTranslator('vi');
const en = createTranslator('en');
const names: AuditNames = {
  users: new Map([['u-1', 'lanhdao.demo']]),
  displays: new Map([['d-1', 'Sảnh Trung tâm']]),
  keys: new Map(),
  unitName: (code) => (code === '24781' ? 'Phường Xuân Hương - Đà Lạt' : code),
};

describe('prepareAudit', () => {
  it('writes each entry in words: when (Vietnam time), what, who, on what', () => {
    const [row] = prepareAudit(
      [
        buildAuditEntry({
          id: '7',
          action: 'display.revoke',
          target: 'display:d-1',
          details: { name: 'Sảnh Trung tâm', sessions: 1 },
        }),
      ],
      names,
      vi,
    );
    expect(row).toMatchObject({
      at: '10:04:05 20/11/2026',
      action: 'Thu hồi màn hình',
      outcomeText: 'Thành công',
      actor: 'quantri',
      target: 'Màn hình Sảnh Trung tâm',
      details: 'Tên: Sảnh Trung tâm · Phiên kết thúc: 1',
    });
  });

  it('names a failed sign-in by the login tried and its reason', () => {
    const [row] = prepareAudit(
      [
        buildAuditEntry({
          id: '8',
          action: 'auth.sign-in',
          outcome: 'failure',
          actorKind: 'anonymous',
          actorName: 'lanhdao.demo',
          target: 'user:u-1',
          details: { reason: 'wrong password' },
        }),
      ],
      names,
      vi,
    );
    expect([row!.actor, row!.target, row!.details, row!.outcomeText]).toEqual([
      'lanhdao.demo (chưa đăng nhập)',
      'Người dùng lanhdao.demo',
      'sai mật khẩu',
      'Thất bại',
    ]);
  });

  it('names machine actors and keeps an unknown id short', () => {
    const [row] = prepareAudit(
      [
        buildAuditEntry({
          id: '9',
          action: 'key.create',
          actorKind: 'admin-token',
          actorName: 'admin token',
          target: 'key:0123456789abcdef',
        }),
      ],
      names,
      en,
    );
    expect([row!.actor, row!.target, row!.action]).toEqual([
      'Admin token (command line)',
      'Key 01234567…',
      'Ingest key created',
    ]);
    const [system] = prepareAudit(
      [buildAuditEntry({ id: '10', action: 'user.create', actorKind: 'system', actorName: 'launcher' })],
      names,
      vi,
    );
    expect(system!.actor).toBe('launcher (hệ thống)');
  });
});

describe('describeDetails', () => {
  it('writes the changes made to a person with the words of the forms', () => {
    expect(
      describeDetails(
        { changes: { role: 'unit-officer', unitCode: '24781', disabled: false }, sessionsEnded: true },
        names,
        vi,
      ),
    ).toBe(
      'Vai trò: Cán bộ đơn vị · Đơn vị: Phường Xuân Hương - Đà Lạt · Đã vô hiệu hóa: không · Phiên kết thúc: có',
    );
    expect(
      describeDetails({ login: 'tp.tuphap', role: 'department-head', fields: ['civil-status'] }, names, vi),
    ).toBe('Tên đăng nhập: tp.tuphap · Vai trò: Trưởng phòng, sở · Lĩnh vực phụ trách: Hộ tịch');
  });

  it('leaves out session ids, says a replaced link, and shows unknown keys as they are', () => {
    expect(describeDetails({ session: 'f00', token: 'replaced', rows: 12 }, names, vi)).toBe(
      'đã cấp đường dẫn mới · rows: 12',
    );
  });
});
