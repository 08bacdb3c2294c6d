import { FIELD_NAMES } from '@ioc/shared';
import type { Translate } from './messages';

/** The fields (lĩnh vực) of the procedure catalogue, in the catalogue's order. */
export const KNOWN_FIELDS: readonly string[] = Object.keys(FIELD_NAMES);

/** A field (lĩnh vực) of the catalogue by its name; a field the catalogue does not name by its code. */
export function fieldLabel(field: string, t: Translate): string {
  return FIELD_NAMES[field]?.[t.language] ?? field;
}
