import { resourcePanelState } from '../../../api/resourcePanelState';
import { displaySummarySchema, type CreatedDisplay } from '@ioc/shared';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { errorText } from '../../../api/sendJson';
import { useResource } from '../../../api/useResource';
import { useNow } from '../../../clock/useNow';
import { useI18n } from '../../../i18n/I18nContext';
import { ConfirmDialog } from '../../../ui/forms/ConfirmDialog';
import { CopyField } from '../../../ui/forms/CopyField';
import forms from '../../../ui/forms/forms.module.css';
import { Panel } from '../../../ui/Panel';
import { newDisplayToken, revokeDisplay, updateDisplay } from '../adminApi';
import { AdminLayout } from '../AdminLayout';
import styles from '../AdminLayout.module.css';
import { CreateByLinkForm, PairByCodeForm } from './DisplayForms';
import { wallLinks } from './displayLinks';
import { prepareDisplays, type DisplayRow, type DisplayState } from './prepareDisplays';

const displaysSchema = z.array(displaySummarySchema);
/** Last contact moves every 15 s for a connected wall: the list follows at this pace. */
const REFRESH_MS = 15_000;

const STATE_CLASS: Record<DisplayState, string> = {
  online: styles.good ?? '',
  offline: styles.warn ?? '',
  never: styles.off ?? '',
  revoked: styles.bad ?? '',
};

type Pending = { kind: 'revoke' | 'new-token'; row: DisplayRow } | null;

/** The link of a display just created (or given a new token): shown once, to be copied. */
function IssuedLink({ issued, onClose }: { issued: CreatedDisplay; onClose: () => void }) {
  const { t } = useI18n();
  const links = wallLinks(window.location.origin, issued.path);
  return (
    <section className={forms.secret} aria-live="polite" data-testid="display-link">
      <p className={forms.secretTitle}>{t('displays.linkFor', { name: issued.display.name })}</p>
      <p className={forms.warning}>{t('admin.shownOnce')}</p>
      <CopyField label={t('displays.pairedBy.token')} value={links.url} testId="display-link-url" />
      <CopyField
        label={t('displays.kioskLinkLabel')}
        hint={t('displays.kioskLink')}
        value={links.kioskUrl}
        testId="display-link-kiosk"
      />
      <div className={forms.actions}>
        <button type="button" className={forms.button} onClick={onClose}>
          {t('admin.close')}
        </button>
      </div>
    </section>
  );
}

/** Paired walls: last contact and state, comment text on or off, a new link, revocation; pairing and links. */
export default function DisplaysScreen() {
  const { t, language } = useI18n();
  const displays = useResource('/api/v1/admin/displays', displaysSchema, { refreshMs: REFRESH_MS });
  const now = useNow(REFRESH_MS);
  const [issued, setIssued] = useState<CreatedDisplay | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [rowFailure, setRowFailure] = useState<{ id: string; text: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const view = useMemo(
    () => (displays.data ? prepareDisplays(displays.data, now, t) : null),
    [displays.data, now, t],
  );

  /** A change to one display; a refusal shows in its row. */
  const act = async <T,>(row: DisplayRow, request: () => Promise<T>, done: (result: T) => void) => {
    setBusyId(row.id);
    setRowFailure(null);
    setNotice(null);
    try {
      done(await request());
      displays.retry();
    } catch (error) {
      setRowFailure({ id: row.id, text: errorText(error, language, t('admin.unreachable')) });
    } finally {
      setBusyId(null);
    }
  };

  const confirm = () => {
    if (!pending) return;
    const { kind, row } = pending;
    setPending(null);
    if (kind === 'revoke')
      void act(
        row,
        () => revokeDisplay(row.id),
        () => setNotice(t('displays.revoked', { name: row.name })),
      );
    else void act(row, () => newDisplayToken(row.id), setIssued);
  };

  const toggleComments = (row: DisplayRow, showComments: boolean) =>
    void act(
      row,
      () => updateDisplay(row.id, { showComments }),
      (display) =>
        setNotice(
          t('displays.commentsChanged', {
            name: display.name,
            state: t(display.showComments ? 'displays.commentsShown' : 'displays.commentsHidden'),
          }),
        ),
    );

  const state = resourcePanelState(displays, displays.retry, (data) =>
    data.length === 0 ? t('displays.empty') : null,
  );

  return (
    <AdminLayout screen="admin-displays">
      <div className={styles.split}>
        <Panel
          title={t('displays.title')}
          aside={
            view ? t('admin.countActiveRevoked', { active: view.active, revoked: view.revoked }) : undefined
          }
          state={state}
          desk
          testId="displays-panel"
        >
          {view && (
            <table className={styles.table} data-testid="displays-table">
              <thead>
                <tr>
                  <th scope="col">{t('displays.name')}</th>
                  <th scope="col">{t('displays.pairedBy')}</th>
                  <th scope="col">{t('displays.lastSeen')}</th>
                  <th scope="col">{t('admin.state')}</th>
                  <th scope="col">{t('displays.comments')}</th>
                  <th scope="col">
                    <span className={styles.muted}>{t('admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => (
                  <tr key={row.id} data-testid={`display-row-${row.name}`} data-state={row.state}>
                    <td>{row.name}</td>
                    <td className={styles.nowrap}>{row.pairedBy}</td>
                    <td
                      className={styles.nowrap}
                      title={row.lastSeenExact ?? undefined}
                      data-testid="display-last-seen"
                    >
                      {row.lastSeen}
                    </td>
                    <td>
                      <span className={`${styles.badge} ${STATE_CLASS[row.state]}`}>{row.stateText}</span>
                    </td>
                    <td>
                      <label className={forms.check}>
                        <input
                          type="checkbox"
                          checked={row.showComments}
                          disabled={!row.canRevoke || busyId !== null}
                          onChange={(event) => toggleComments(row, event.target.checked)}
                          aria-label={t('displays.showCommentsOn', { name: row.name })}
                          data-testid="display-show-comments"
                        />
                        {row.showComments ? t('admin.yes') : t('admin.no')}
                      </label>
                    </td>
                    <td>
                      <div className={styles.rowActions}>
                        {row.canReplaceToken && (
                          <button
                            type="button"
                            className={`${forms.button} ${forms.small}`}
                            disabled={busyId !== null}
                            onClick={() => setPending({ kind: 'new-token', row })}
                            data-testid="display-new-token"
                          >
                            {t('displays.newToken')}
                          </button>
                        )}
                        {row.canRevoke && (
                          <button
                            type="button"
                            className={`${forms.button} ${forms.small} ${forms.danger}`}
                            disabled={busyId !== null}
                            onClick={() => setPending({ kind: 'revoke', row })}
                            data-testid="display-revoke"
                          >
                            {t('displays.revoke')}
                          </button>
                        )}
                      </div>
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
          {issued && <IssuedLink issued={issued} onClose={() => setIssued(null)} />}
          <PairByCodeForm
            onPaired={(display) => {
              setNotice(t('displays.paired', { name: display.name }));
              displays.retry();
            }}
          />
          <CreateByLinkForm
            onCreated={(created) => {
              setIssued(created);
              setNotice(null);
              displays.retry();
            }}
          />
        </div>
      </div>
      <ConfirmDialog
        question={
          pending === null
            ? null
            : pending.kind === 'revoke'
              ? t('displays.revokeConfirm', { name: pending.row.name })
              : t('displays.newTokenConfirm', { name: pending.row.name })
        }
        confirmLabel={pending?.kind === 'new-token' ? t('displays.newToken') : t('displays.revoke')}
        danger
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      />
    </AdminLayout>
  );
}
