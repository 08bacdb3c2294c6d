import type { MessageKey, Translate } from './messages';

const FIELD_KEYS: Record<string, MessageKey> = {
  'civil-status': 'field.civil-status',
  certification: 'field.certification',
  land: 'field.land',
  construction: 'field.construction',
  'household-business': 'field.household-business',
  'social-protection': 'field.social-protection',
  'meritorious-people': 'field.meritorious-people',
  education: 'field.education',
  agriculture: 'field.agriculture',
};

/** The fields (lĩnh vực) of the procedure catalogue, in the catalogue's order. */
export const KNOWN_FIELDS: readonly string[] = Object.keys(FIELD_KEYS);

/** A field (lĩnh vực) of the catalogue by its name; a field the catalogue does not name by its code. */
export function fieldLabel(field: string, t: Translate): string {
  const key = FIELD_KEYS[field];
  return key ? t(key) : field;
}
