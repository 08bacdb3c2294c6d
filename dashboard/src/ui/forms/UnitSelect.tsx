import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { compareFormerProvinces } from '../../units/formerProvinces';
import { compareUnitNames } from '../../units/unitName';
import { useUnitDirectory } from '../../units/UnitsContext';
import type { ControlProps } from './Field';
import forms from './forms.module.css';

/** The 124 units by former province, alphabetical within each: a select types ahead by name. */
export function UnitSelect({
  value,
  onChange,
  control,
  testId,
  emptyLabel = 'users.unitChoose',
}: {
  value: string;
  onChange: (unitCode: string) => void;
  control: ControlProps;
  testId?: string;
  /** What the empty choice says: "choose a unit", or "all units" for a filter. */
  emptyLabel?: MessageKey;
}) {
  const { t } = useI18n();
  const { units } = useUnitDirectory();
  const groups = useMemo(() => {
    const byProvince = new Map<string, { code: string; name: string }[]>();
    for (const unit of units) {
      const list = byProvince.get(unit.formerProvince) ?? [];
      list.push({ code: unit.code, name: unit.name });
      byProvince.set(unit.formerProvince, list);
    }
    return [...byProvince.entries()]
      .sort(([a], [b]) => compareFormerProvinces(a, b))
      .map(([province, list]) => ({
        province,
        units: list.sort((a, b) => compareUnitNames(a.name, b.name)),
      }));
  }, [units]);
  return (
    <select
      {...control}
      className={forms.select}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      data-testid={testId}
    >
      <option value="">{t(emptyLabel)}</option>
      {groups.map((group) => (
        <optgroup key={group.province} label={t('grid.formerProvince', { province: group.province })}>
          {group.units.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {unit.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
