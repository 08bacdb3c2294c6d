import type { CreateIngestKeyRequest } from '@ioc/shared';
import type { Problems } from '../problem';

/** A key for one unit (`unitCode` '' until chosen) or for the whole province. */
export interface KeyDraft {
  name: string;
  scope: 'unit' | 'provincial';
  unitCode: string;
}

export type KeyFormField = 'name' | 'unitCode';

export const EMPTY_KEY_DRAFT: KeyDraft = { name: '', scope: 'unit', unitCode: '' };

export function checkKeyDraft(draft: KeyDraft): Problems<KeyFormField> {
  const problems: Problems<KeyFormField> = {};
  const name = draft.name.trim();
  if (name === '') problems.name = { key: 'form.nameRequired' };
  else if (name.length > 200) problems.name = { key: 'form.nameTooLong' };
  if (draft.scope === 'unit' && draft.unitCode === '') problems.unitCode = { key: 'form.unitRequired' };
  return problems;
}

export function keyRequestOf(draft: KeyDraft): CreateIngestKeyRequest {
  return { name: draft.name.trim(), unit: draft.scope === 'unit' ? draft.unitCode : null };
}
