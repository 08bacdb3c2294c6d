import { fieldLabel, KNOWN_FIELDS } from '../../i18n/fieldLabel';
import { useI18n } from '../../i18n/I18nContext';

/** A filter's field (lĩnh vực): every field of the catalogue by its name, "all fields" first (`''`). */
export function FieldSelect({
  value,
  onChange,
  className,
  testId,
}: {
  value: string;
  onChange: (field: string) => void;
  className?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <select
      className={className}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      data-testid={testId}
    >
      <option value="">{t('dossiers.allFields')}</option>
      {KNOWN_FIELDS.map((field) => (
        <option key={field} value={field}>
          {fieldLabel(field, t)}
        </option>
      ))}
    </select>
  );
}
