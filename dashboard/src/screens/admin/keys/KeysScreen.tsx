import { resourcePanelState } from '../../../api/resourcePanelState';
import { ingestKeySummarySchema, type CreatedIngestKey } from '@ioc/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { errorText, failureText } from '../../../api/sendJson';
import { useResource } from '../../../api/useResource';
import { useI18n } from '../../../i18n/I18nContext';
import { useUnitDirectory } from '../../../units/UnitsContext';
import { ConfirmDialog } from '../../../ui/forms/ConfirmDialog';
import { CopyField } from '../../../ui/forms/CopyField';
import { ChoiceGroup, Field } from '../../../ui/forms/Field';
import forms from '../../../ui/forms/forms.module.css';
import { Panel } from '../../../ui/Panel';
import { createKey, revokeKey } from '../adminApi';
import { AdminLayout } from '../AdminLayout';
import styles from '../AdminLayout.module.css';
import { hasProblems } from '../problem';
import { UnitSelect } from '../../../ui/forms/UnitSelect';
import { useSubmission } from '../useSubmission';
import { checkKeyDraft, EMPTY_KEY_DRAFT, keyRequestOf, type KeyDraft } from './keyForm';
import { prepareKeys, type KeyRow } from './prepareKeys';

const keysSchema = z.array(ingestKeySummarySchema);

/** A new key's form; the key comes back once, in the answer. */
function CreateKeyForm({ onCreated }: { onCreated: (created: CreatedIngestKey) => void }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<KeyDraft>(EMPTY_KEY_DRAFT);
  const [tried, setTried] = useState(false);
  const submission = useSubmission();
  const problems = tried ? checkKeyDraft(draft) : {};
  const refusal = submission.failure
    ? failureText(submission.failure, language, t('admin.unreachable'))
    : null;
  const refusalAtUnit = submission.failure?.issues[0]?.path === 'unit';
  const change = (changes: Partial<KeyDraft>) => {
    setDraft((previous) => ({ ...previous, ...changes }));
    submission.clear();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (hasProblems(checkKeyDraft(draft))) return;
    const created = await submission.run(() => createKey(keyRequestOf(draft)));
    if (created) {
      setDraft(EMPTY_KEY_DRAFT);
      setTried(false);
      onCreated(created);
    }
  };

  return (
    <section className={styles.card} aria-labelledby="create-key-title">
      <h3 className={styles.cardTitle} id="create-key-title">
        {t('keys.createTitle')}
      </h3>
      <p className={styles.cardHint}>{t('keys.createHint')}</p>
      <form
        className={forms.form}
        onSubmit={(event) => void submit(event)}
        noValidate
        data-testid="create-key-form"
      >
        <Field
          label={t('keys.name')}
          error={problems.name ? t(problems.name.key) : refusal !== null && !refusalAtUnit ? refusal : null}
        >
          {(control) => (
            <input
              {...control}
              className={forms.input}
              value={draft.name}
              onChange={(event) => change({ name: event.target.value })}
              placeholder={t('keys.namePlaceholder')}
              autoComplete="off"
              data-testid="key-name"
            />
          )}
        </Field>
        <ChoiceGroup legend={t('keys.scope')}>
          <label className={forms.check}>
            <input
              type="radio"
              name="key-scope"
              checked={draft.scope === 'unit'}
              onChange={() => change({ scope: 'unit' })}
            />
            {t('keys.oneUnit')}
          </label>
          <label className={forms.check}>
            <input
              type="radio"
              name="key-scope"
              checked={draft.scope === 'provincial'}
              onChange={() => change({ scope: 'provincial' })}
              data-testid="key-provincial"
            />
            {t('keys.provincial')}
          </label>
        </ChoiceGroup>
        {draft.scope === 'unit' && (
          <Field
            label={t('users.unit')}
            error={problems.unitCode ? t(problems.unitCode.key) : refusalAtUnit ? refusal : null}
          >
            {(control) => (
              <UnitSelect
                control={control}
                value={draft.unitCode}
                onChange={(unitCode) => change({ unitCode })}
                testId="key-unit"
              />
            )}
          </Field>
        )}
        <div className={forms.actions}>
          <button
            type="submit"
            className={`${forms.button} ${forms.primary}`}
            disabled={submission.busy}
            data-testid="key-create"
          >
            {submission.busy ? t('admin.sending') : t('keys.create')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Ingest keys: which software may send for which unit, created (shown once) and revoked here. */
export default function KeysScreen() {
  const { t, language } = useI18n();
  const keys = useResource('/api/v1/admin/keys', keysSchema);
  const { byCode } = useUnitDirectory();
  const [issued, setIssued] = useState<CreatedIngestKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<KeyRow | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rowFailure, setRowFailure] = useState<{ id: string; text: string } | null>(null);
  const view = useMemo(
    () => (keys.data ? prepareKeys(keys.data, t, (code) => byCode.get(code)?.name ?? code) : null),
    [keys.data, t, byCode],
  );

  const revoke = async (row: KeyRow) => {
    setPending(null);
    setBusyId(row.id);
    setRowFailure(null);
    setNotice(null);
    try {
      await revokeKey(row.id);
      setNotice(t('keys.revoked', { name: row.name }));
      keys.retry();
    } catch (error) {
      setRowFailure({ id: row.id, text: errorText(error, language, t('admin.unreachable')) });
    } finally {
      setBusyId(null);
    }
  };

  const state = resourcePanelState(keys, keys.retry, (data) => (data.length === 0 ? t('keys.empty') : null));

  return (
    <AdminLayout screen="admin-keys">
      <div className={styles.split}>
        <Panel
          title={t('keys.title')}
          aside={
            view ? t('admin.countActiveRevoked', { active: view.active, revoked: view.revoked }) : undefined
          }
          state={state}
          desk
          testId="keys-panel"
        >
          {view && (
            <table className={styles.table} data-testid="keys-table">
              <thead>
                <tr>
                  <th scope="col">{t('keys.name')}</th>
                  <th scope="col">{t('keys.scope')}</th>
                  <th scope="col">{t('keys.prefix')}</th>
                  <th scope="col">{t('admin.created')}</th>
                  <th scope="col">{t('admin.state')}</th>
                  <th scope="col">
                    <span className={styles.muted}>{t('admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => (
                  <tr key={row.id} data-testid={`key-row-${row.name}`} data-revoked={row.revoked}>
                    <td>{row.name}</td>
                    <td>{row.scope}</td>
                    <td className={styles.mono}>{row.prefix}</td>
                    <td className={styles.nowrap}>{row.created}</td>
                    <td>
                      <span className={`${styles.badge} ${row.revoked ? styles.off : styles.good}`}>
                        {row.stateText}
                      </span>
                    </td>
                    <td>
                      {!row.revoked && (
                        <button
                          type="button"
                          className={`${forms.button} ${forms.small} ${forms.danger}`}
                          disabled={busyId !== null}
                          onClick={() => setPending(row)}
                          data-testid="key-revoke"
                        >
                          {t('keys.revoke')}
                        </button>
                      )}
                      {rowFailure?.id === row.id && (
                        <p className={forms.error} role="alert">
                          {t('admin.failed', { detail: rowFailure.text })}
                        </p>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
        <div className={styles.side}>
          {notice && (
            <p className={forms.done} role="status" data-testid="admin-notice">
              {notice}
            </p>
          )}
          {issued && (
            <section className={forms.secret} aria-live="polite" data-testid="issued-key">
              <p className={forms.secretTitle}>{t('keys.createdKey', { name: issued.name })}</p>
              <p className={forms.warning}>{t('admin.shownOnce')}</p>
              <CopyField label={t('admin.tab.keys')} value={issued.key} testId="issued-key-value" />
              <p className={forms.hint}>{t('keys.usage')}</p>
              <div className={forms.actions}>
                <button type="button" className={forms.button} onClick={() => setIssued(null)}>
                  {t('admin.close')}
                </button>
              </div>
            </section>
          )}
          <CreateKeyForm
            onCreated={(created) => {
              setIssued(created);
              setNotice(null);
              keys.retry();
            }}
          />
        </div>
      </div>
      <ConfirmDialog
        question={
          pending === null ? null : t('keys.revokeConfirm', { name: pending.name, prefix: pending.prefix })
        }
        confirmLabel={t('keys.revoke')}
        danger
        onConfirm={() => {
          if (pending) void revoke(pending);
        }}
        onCancel={() => setPending(null)}
      />
    </AdminLayout>
  );
}
