import { resourcePanelState } from '../../../api/resourcePanelState';
import { userSummarySchema, type UserSummary } from '@ioc/shared';
import { useCallback, useMemo, useState } from 'react';
import { z } from 'zod';
import { useSignedIn } from '../../../access/PrincipalContext';
import { useResource } from '../../../api/useResource';
import { useNow } from '../../../clock/useNow';
import { useI18n } from '../../../i18n/I18nContext';
import { useUnitDirectory } from '../../../units/UnitsContext';
import forms from '../../../ui/forms/forms.module.css';
import { Panel } from '../../../ui/Panel';
import { AdminLayout } from '../AdminLayout';
import styles from '../AdminLayout.module.css';
import { prepareUsers, type UserState } from './prepareUsers';
import { UserAccount } from './UserAccount';
import { UserForm } from './UserForm';

const usersSchema = z.array(userSummarySchema);
/** A lock runs out by itself: the list says so within a minute. */
const CLOCK_MS = 60_000;

const STATE_CLASS: Record<UserState, string> = {
  active: styles.good ?? '',
  disabled: styles.off ?? '',
  locked: styles.warn ?? '',
};

/** People and roles: the list, and beside it a new person's form or the one chosen to edit. */
export default function UsersScreen() {
  const { t } = useI18n();
  const { principal } = useSignedIn();
  const selfId = principal.kind === 'user' ? principal.user.id : null;
  const users = useResource('/api/v1/admin/users', usersSchema);
  const { byCode } = useUnitDirectory();
  const now = useNow(CLOCK_MS);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const view = useMemo(
    () =>
      users.data
        ? prepareUsers(users.data, {
            selfId,
            now,
            t,
            unitName: (code) => byCode.get(code)?.name ?? code,
          })
        : null,
    [users.data, selfId, now, t, byCode],
  );
  const selected = users.data?.find((user) => user.id === selectedId) ?? null;
  const { retry } = users;
  const saved = useCallback(
    (user: UserSummary, words: string) => {
      setNotice(words);
      // A new person's form stays open for the next one; an edited person stays chosen.
      setSelectedId((previous) => (previous === null ? null : user.id));
      retry();
    },
    [retry],
  );
  const changed = useCallback(
    (words: string) => {
      setNotice(words);
      retry();
    },
    [retry],
  );

  const state = resourcePanelState(users, users.retry, (data) =>
    data.length === 0 ? t('users.empty') : null,
  );

  return (
    <AdminLayout screen="admin-users">
      <div className={styles.split}>
        <Panel
          title={t('users.title')}
          aside={view ? t('users.count', { count: view.rows.length, disabled: view.disabled }) : undefined}
          state={state}
          desk
          testId="users-panel"
        >
          {view && (
            <table className={styles.table} data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">{t('users.login')}</th>
                  <th scope="col">{t('users.displayName')}</th>
                  <th scope="col">{t('users.role')}</th>
                  <th scope="col">{t('users.scope')}</th>
                  <th scope="col">{t('admin.state')}</th>
                  <th scope="col">
                    <span className={styles.muted}>{t('admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => (
                  <tr
                    key={row.id}
                    aria-selected={row.id === selectedId}
                    data-testid={`user-row-${row.login}`}
                  >
                    <td className={styles.mono}>{row.login}</td>
                    <td>
                      {row.displayName}
                      {row.self && <span className={styles.you}>({t('users.you')})</span>}
                    </td>
                    <td className={styles.nowrap}>{row.role}</td>
                    <td>{row.scope}</td>
                    <td>
                      <span className={`${styles.badge} ${STATE_CLASS[row.state]}`} data-state={row.state}>
                        {row.stateText}
                      </span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className={`${forms.button} ${forms.small}`}
                        aria-label={t('users.editTitle', { login: row.login })}
                        aria-pressed={row.id === selectedId}
                        onClick={() => {
                          setSelectedId(row.id);
                          setNotice(null);
                        }}
                        data-testid={`user-edit-${row.login}`}
                      >
                        {t('users.edit')}
                      </button>
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
          <section className={styles.card} aria-labelledby="user-form-title">
            <div className={styles.cardHeader}>
              <h3 className={styles.cardTitle} id="user-form-title">
                {selected ? t('users.editTitle', { login: selected.login }) : t('users.add')}
              </h3>
              {selected && (
                <button
                  type="button"
                  className={`${forms.button} ${forms.small}`}
                  onClick={() => {
                    setSelectedId(null);
                    setNotice(null);
                  }}
                  data-testid="user-add"
                >
                  {t('users.add')}
                </button>
              )}
            </div>
            <UserForm
              key={selected?.id ?? 'new'}
              user={selected}
              self={selected !== null && selected.id === selfId}
              onSaved={saved}
            />
          </section>
          {selected && (
            <UserAccount
              key={selected.id}
              user={selected}
              self={selected.id === selfId}
              onChanged={changed}
            />
          )}
        </div>
      </div>
    </AdminLayout>
  );
}
