import { describe, expect, it } from '@jest/globals';
import { failureOf } from '../../../api/sendJson';
import { createTranslator } from '../../../i18n/messages';
import { buildUser } from '../../../testing/builders';
import {
  checkUserDraft,
  createRequestOf,
  draftOf,
  EMPTY_USER_DRAFT,
  fieldOfFailure,
  passwordProblem,
  updateRequestOf,
  type UserDraft,
} from './userForm';

const vi = createTranslator('vi');
const en = createTranslator('en');
const good: UserDraft = {
  ...EMPTY_USER_DRAFT,
  login: 'Lanhdao.Tinh',
  displayName: '  Nguyễn Văn A ',
  password: 'tám con mèo đen trên mái nhà',
};

describe('the user form', () => {
  it('accepts a complete draft and sends it as the server reads it', () => {
    expect(checkUserDraft(good, 'create')).toEqual({});
    expect(createRequestOf(good)).toEqual({
      login: 'lanhdao.tinh',
      displayName: 'Nguyễn Văn A',
      role: 'leader',
      fields: [],
      unitCode: null,
      password: 'tám con mèo đen trên mái nhà',
    });
  });

  it('says what is missing, field by field, in both languages', () => {
    const problems = checkUserDraft(
      { ...EMPTY_USER_DRAFT, login: 'a', role: 'department-head', password: 'ngắn quá' },
      'create',
    );
    expect(Object.keys(problems).sort()).toEqual(['displayName', 'fields', 'login', 'password']);
    expect(vi(problems.password!.key, problems.password!.params)).toBe(
      'Mật khẩu cần ít nhất 15 ký tự (còn thiếu 7)',
    );
    expect(en(problems.password!.key, problems.password!.params)).toBe(
      'A password needs at least 15 characters (7 more)',
    );
    expect(vi(problems.fields!.key)).toBe('Chọn ít nhất một lĩnh vực');
    expect(checkUserDraft({ ...good, role: 'unit-officer' }, 'create').unitCode?.key).toBe(
      'form.unitRequired',
    );
  });

  it('counts a password as the server does: characters, not bytes, at most 128', () => {
    expect(passwordProblem('đường về nhà ở Đà Lạt')).toBeNull();
    expect(passwordProblem('é'.repeat(14))?.params).toEqual({ min: 15, missing: 1 });
    expect(passwordProblem('x'.repeat(129))?.key).toBe('form.passwordTooLong');
  });

  it('checks neither login nor password when editing', () => {
    expect(checkUserDraft({ ...good, login: '', password: '' }, 'edit')).toEqual({});
  });

  it('sends only what changed, with the scope the new role needs', () => {
    const head = buildUser({ login: 'tp.tuphap', role: 'department-head', fields: ['civil-status', 'land'] });
    expect(updateRequestOf(head, draftOf(head))).toBeNull();
    expect(updateRequestOf(head, { ...draftOf(head), fields: ['land', 'civil-status'] })).toBeNull();
    expect(updateRequestOf(head, { ...draftOf(head), fields: ['land'] })).toEqual({ fields: ['land'] });
    expect(updateRequestOf(head, { ...draftOf(head), role: 'unit-officer', unitCode: '24781' })).toEqual({
      role: 'unit-officer',
      unitCode: '24781',
    });
    expect(updateRequestOf(head, { ...draftOf(head), role: 'leader', displayName: 'Trần Thị B' })).toEqual({
      displayName: 'Trần Thị B',
      role: 'leader',
    });
  });

  it("puts the server's refusal next to the field it is about", () => {
    const refusal = (code: string) =>
      failureOf(400, { statusCode: 400, code, message: 'vi', messageEn: 'en' });
    expect(fieldOfFailure(refusal('auth.weak-password'), 'leader')).toBe('password');
    expect(fieldOfFailure(refusal('auth.conflict'), 'leader')).toBe('login');
    expect(fieldOfFailure(refusal('auth.invalid'), 'department-head')).toBe('fields');
    expect(fieldOfFailure(refusal('auth.invalid'), 'unit-officer')).toBe('unitCode');
    expect(fieldOfFailure(refusal('auth.invalid'), 'leader')).toBeNull();
    expect(fieldOfFailure(failureOf(400, { message: ['displayName: Too big'] }), 'leader')).toBe(
      'displayName',
    );
    expect(fieldOfFailure(failureOf(500, null), 'leader')).toBeNull();
  });
});
