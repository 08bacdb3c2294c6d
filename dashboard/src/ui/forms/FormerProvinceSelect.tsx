import { useI18n } from '../../i18n/I18nContext';
import { FORMER_PROVINCES } from '../../units/formerProvinces';

/** A filter's former province by its slug, the whole province first (`''`). */
export function FormerProvinceSelect({
  value,
  onChange,
  className,
  testId,
}: {
  value: string;
  onChange: (slug: string) => void;
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
      <option value="">{t('ranking.province')}</option>
      {FORMER_PROVINCES.map((province) => (
        <option key={province.slug} value={province.slug}>
          {t('grid.formerProvince', { province: province.name })}
        </option>
      ))}
    </select>
  );
}
