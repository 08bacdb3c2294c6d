import { fieldLabel, KNOWN_FIELDS } from '../../i18n/fieldLabel';
import { useI18n } from '../../i18n/I18nContext';
import { FORMER_PROVINCES } from '../../units/formerProvinces';

interface FilterSelectProps {
  value: string;
  onChange: (value: string) => void;
  className?: string;
  testId?: string;
}

/** A filter's choice: "all" first (the value `''`), then each choice by its label. */
export function FilterSelect({
  value,
  onChange,
  className,
  testId,
  all,
  choices,
}: FilterSelectProps & { all: string; choices: readonly { value: string; label: string }[] }) {
  return (
    <select
      className={className}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      data-testid={testId}
    >
      <option value="">{all}</option>
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}

/** A filter's field (lĩnh vực): every field of the catalogue by its name. */
export function FieldSelect(props: FilterSelectProps) {
  const { t } = useI18n();
  const choices = KNOWN_FIELDS.map((field) => ({ value: field, label: fieldLabel(field, t) }));
  return <FilterSelect {...props} all={t('dossiers.allFields')} choices={choices} />;
}

/** A filter's former province by its slug, the whole province first. */
export function FormerProvinceSelect(props: FilterSelectProps) {
  const { t } = useI18n();
  const choices = FORMER_PROVINCES.map((province) => ({
    value: province.slug,
    label: t('grid.formerProvince', { province: province.name }),
  }));
  return <FilterSelect {...props} all={t('ranking.province')} choices={choices} />;
}
