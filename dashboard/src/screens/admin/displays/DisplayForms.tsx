import type { CreatedDisplay, DisplaySummary } from '@ioc/shared';
import { useState, type FormEvent } from 'react';
import { failureText } from '../../../api/sendJson';
import { useI18n } from '../../../i18n/I18nContext';
import { Field } from '../../../ui/forms/Field';
import forms from '../../../ui/forms/forms.module.css';
import { createDisplay, pairDisplay } from '../adminApi';
import styles from '../AdminLayout.module.css';
import { useSubmission } from '../useSubmission';
import { displayNameProblem, normalisePairingCode, pairingCodeProblem } from './displayLinks';

/** The comment-text switch both forms have: off by default (citizens' words stay off the walls). */
function ShowComments({
  checked,
  onChange,
  testId,
}: {
  checked: boolean;
  onChange: (on: boolean) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <label className={forms.check}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        data-testid={testId}
      />
      {t('displays.showComments')}
    </label>
  );
}

/** The admin types the code a wall shows and names the wall: it shows the figures at its next poll. */
export function PairByCodeForm({ onPaired }: { onPaired: (display: DisplaySummary) => void }) {
  const { t, language } = useI18n();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [showComments, setShowComments] = useState(false);
  const [tried, setTried] = useState(false);
  const submission = useSubmission();
  const codeProblem = tried ? pairingCodeProblem(code) : null;
  const nameProblem = tried ? displayNameProblem(name) : null;
  // The server's refusal here is about the code (unknown, expired) unless it names the name.
  const refusal = submission.failure
    ? failureText(submission.failure, language, t('admin.unreachable'))
    : null;
  const refusalAtName = submission.failure?.issues[0]?.path === 'name';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (pairingCodeProblem(code) || displayNameProblem(name)) return;
    const paired = await submission.run(() =>
      pairDisplay({ code: normalisePairingCode(code), name: name.trim(), showComments }),
    );
    if (paired) {
      setCode('');
      setName('');
      setShowComments(false);
      setTried(false);
      onPaired(paired);
    }
  };

  return (
    <section className={styles.card} aria-labelledby="pair-title">
      <h3 className={styles.cardTitle} id="pair-title">
        {t('displays.pairTitle')}
      </h3>
      <p className={styles.cardHint}>{t('displays.pairHint')}</p>
      <form
        className={forms.form}
        onSubmit={(event) => void submit(event)}
        noValidate
        data-testid="pair-form"
      >
        <Field
          label={t('displays.code')}
          error={codeProblem ? t(codeProblem.key) : refusalAtName ? null : refusal}
        >
          {(control) => (
            <input
              {...control}
              className={`${forms.input} ${forms.code}`}
              value={code}
              onChange={(event) => {
                setCode(event.target.value);
                submission.clear();
              }}
              placeholder="K7QX-M3PD"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={20}
              data-testid="pair-code"
            />
          )}
        </Field>
        <Field
          label={t('displays.name')}
          error={nameProblem ? t(nameProblem.key) : refusalAtName ? refusal : null}
        >
          {(control) => (
            <input
              {...control}
              className={forms.input}
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder={t('displays.namePlaceholder')}
              autoComplete="off"
              data-testid="pair-name"
            />
          )}
        </Field>
        <ShowComments checked={showComments} onChange={setShowComments} testId="pair-show-comments" />
        <div className={forms.actions}>
          <button
            type="submit"
            className={`${forms.button} ${forms.primary}`}
            disabled={submission.busy}
            data-testid="pair-submit"
          >
            {submission.busy ? t('admin.sending') : t('displays.pair')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A display opened by a link (a wall nobody types at): its token is in the answer, shown once. */
export function CreateByLinkForm({ onCreated }: { onCreated: (created: CreatedDisplay) => void }) {
  const { t, language } = useI18n();
  const [name, setName] = useState('');
  const [showComments, setShowComments] = useState(false);
  const [tried, setTried] = useState(false);
  const submission = useSubmission();
  const problem = tried ? displayNameProblem(name) : null;
  const refusal = submission.failure
    ? failureText(submission.failure, language, t('admin.unreachable'))
    : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (displayNameProblem(name)) return;
    const created = await submission.run(() => createDisplay({ name: name.trim(), showComments }));
    if (created) {
      setName('');
      setShowComments(false);
      setTried(false);
      onCreated(created);
    }
  };

  return (
    <section className={styles.card} aria-labelledby="create-display-title">
      <h3 className={styles.cardTitle} id="create-display-title">
        {t('displays.createTitle')}
      </h3>
      <p className={styles.cardHint}>{t('displays.createHint')}</p>
      <form
        className={forms.form}
        onSubmit={(event) => void submit(event)}
        noValidate
        data-testid="create-display-form"
      >
        <Field label={t('displays.name')} error={problem ? t(problem.key) : refusal}>
          {(control) => (
            <input
              {...control}
              className={forms.input}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                submission.clear();
              }}
              placeholder={t('displays.namePlaceholder')}
              autoComplete="off"
              data-testid="create-display-name"
            />
          )}
        </Field>
        <ShowComments
          checked={showComments}
          onChange={setShowComments}
          testId="create-display-show-comments"
        />
        <div className={forms.actions}>
          <button
            type="submit"
            className={`${forms.button} ${forms.primary}`}
            disabled={submission.busy}
            data-testid="create-display-submit"
          >
            {submission.busy ? t('admin.sending') : t('displays.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
