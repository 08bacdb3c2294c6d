import type { MessageKey, MessageParams } from '../../i18n/messages';

/** What is wrong with a value the admin typed, as a message of the catalogue. */
export interface Problem {
  key: MessageKey;
  params?: MessageParams;
}

export type Problems<F extends string> = Partial<Record<F, Problem>>;

export function hasProblems<F extends string>(problems: Problems<F>): boolean {
  return Object.keys(problems).length > 0;
}
