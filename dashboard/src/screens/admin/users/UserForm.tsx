import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USER_ROLES,
  type UserRole,
  type UserSummary,
} from '@ioc/shared';
import { useState, type FormEvent } from 'react';
import { failureText } from '../../../api/sendJson';
import { useI18n } from '../../../i18n/I18nContext';
import { fieldLabel, KNOWN_FIELDS } from '../../../i18n/fieldLabel';
import { ChoiceGroup, Field } from '../../../ui/forms/Field';
import forms from '../../../ui/forms/forms.module.css';
import { createUser, updateUser } from '../adminApi';
import { hasProblems, type Problem } from '../problem';
import { UnitSelect } from '../../../ui/forms/UnitSelect';
import { useSubmission } from '../useSubmission';
import {
  checkUserDraft,
  createRequestOf,
  draftOf,
  EMPTY_USER_DRAFT,
  fieldOfFailure,
  updateRequestOf,
  type UserDraft,
  type UserFormField,
} from './userForm';

export interface UserFormProps {
  /** The person edited; null: a new one. */
  user: UserSummary | null;
  /** The signed-in admin edits themselves: no role change (the server refuses to demote them). */
  self: boolean;
  onSaved: (user: UserSummary, notice: string) => void;
}

/**
 * A person's login, name, role and what the role needs (fields, unit); a password when created.
 * Problems show next to their field once the admin tries to send; the server's refusal too.
 */
export function UserForm({ user, self, onSaved }: UserFormProps) {
  const { t, language } = useI18n();
  const mode = user === null ? 'create' : 'edit';
  const [draft, setDraft] = useState<UserDraft>(() => (user ? draftOf(user) : EMPTY_USER_DRAFT));
  const [tried, setTried] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const submission = useSubmission();

  const problems = tried ? checkUserDraft(draft, mode) : {};
  const refusedField = submission.failure ? fieldOfFailure(submission.failure, draft.role) : null;
  const refusal = submission.failure
    ? failureText(submission.failure, language, t('admin.unreachable'))
    : null;
  const errorOf = (field: UserFormField): string | null => {
    const problem: Problem | undefined = problems[field];
    if (problem) return t(problem.key, problem.params);
    return refusedField === field ? refusal : null;
  };
  const change = <F extends UserFormField>(field: F, value: UserDraft[F]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    setUnchanged(false);
    if (refusedField === field) submission.clear();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (hasProblems(checkUserDraft(draft, mode))) return;
    if (user === null) {
      const created = await submission.run(() => createUser(createRequestOf(draft)));
      if (created) {
        setDraft(EMPTY_USER_DRAFT);
        setTried(false);
        onSaved(created, t('users.createdDone', { login: created.login }));
      }
      return;
    }
    const request = updateRequestOf(user, draft);
    if (request === null) return setUnchanged(true);
    const saved = await submission.run(() => updateUser(user.id, request));
    if (saved) onSaved(saved, t('users.saved', { login: saved.login }));
  };

  const toggleField = (field: string, on: boolean) =>
    change('fields', on ? [...draft.fields, field] : draft.fields.filter((f) => f !== field));
  const fields = [...KNOWN_FIELDS, ...draft.fields.filter((field) => !KNOWN_FIELDS.includes(field))];

  return (
    <form
      className={forms.form}
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid={mode === 'create' ? 'user-create-form' : 'user-edit-form'}
    >
      {mode === 'create' && (
        <Field label={t('users.login')} error={errorOf('login')}>
          {(control) => (
            <input
              {...control}
              className={forms.input}
              value={draft.login}
              onChange={(event) => change('login', event.target.value)}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              data-testid="user-login"
            />
          )}
        </Field>
      )}
      <Field label={t('users.displayName')} error={errorOf('displayName')}>
        {(control) => (
          <input
            {...control}
            className={forms.input}
            value={draft.displayName}
            onChange={(event) => change('displayName', event.target.value)}
            autoComplete="off"
            data-testid="user-display-name"
          />
        )}
      </Field>
      <Field label={t('users.role')} error={errorOf('role')}>
        {(control) => (
          <select
            {...control}
            className={forms.select}
            value={draft.role}
            disabled={self}
            onChange={(event) => change('role', event.target.value as UserRole)}
            data-testid="user-role"
          >
            {USER_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.role === 'department-head' && (
        <ChoiceGroup
          legend={t('users.fields')}
          hint={t('users.fieldsHint')}
          error={errorOf('fields')}
          testId="user-fields"
        >
          {fields.map((field) => (
            <label key={field} className={forms.check}>
              <input
                type="checkbox"
                checked={draft.fields.includes(field)}
                onChange={(event) => toggleField(field, event.target.checked)}
              />
              {fieldLabel(field, t)}
            </label>
          ))}
        </ChoiceGroup>
      )}
      {draft.role === 'unit-officer' && (
        <Field label={t('users.unit')} hint={t('users.unitHint')} error={errorOf('unitCode')}>
          {(control) => (
            <UnitSelect
              control={control}
              value={draft.unitCode}
              onChange={(unitCode) => change('unitCode', unitCode)}
              testId="user-unit"
            />
          )}
        </Field>
      )}
      {mode === 'create' && (
        <Field
          label={t('users.password')}
          hint={t('users.passwordHint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
          error={errorOf('password')}
        >
          {(control) => (
            <input
              {...control}
              className={forms.input}
              type={showPassword ? 'text' : 'password'}
              value={draft.password}
              onChange={(event) => change('password', event.target.value)}
              autoComplete="new-password"
              spellCheck={false}
              data-testid="user-password"
            />
          )}
        </Field>
      )}
      {mode === 'create' && (
        <label className={forms.check}>
          <input
            type="checkbox"
            checked={showPassword}
            onChange={(event) => setShowPassword(event.target.checked)}
          />
          {t('users.showPassword')}
        </label>
      )}
      {mode === 'edit' && <p className={forms.hint}>{t('users.scopeChangeNote')}</p>}
      {refusal !== null && refusedField === null && (
        <p className={forms.failed} role="alert" data-testid="user-form-error">
          {t('admin.failed', { detail: refusal })}
        </p>
      )}
      {unchanged && (
        <p className={forms.hint} role="status">
          {t('users.nothingChanged')}
        </p>
      )}
      <div className={forms.actions}>
        <button
          type="submit"
          className={`${forms.button} ${forms.primary}`}
          disabled={submission.busy}
          data-testid={mode === 'create' ? 'user-create' : 'user-save'}
        >
          {submission.busy ? t('admin.sending') : mode === 'create' ? t('users.create') : t('users.save')}
        </button>
      </div>
    </form>
  );
}
