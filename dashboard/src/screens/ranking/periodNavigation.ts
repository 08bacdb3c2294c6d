/** The months before and after a month label (`2026-11`); nothing for other periods. */
export function neighbourMonths(label: string | null | undefined): {
  previous: string | null;
  next: string | null;
} {
  const match = /^(\d{4})-(\d{2})$/.exec(label ?? '');
  if (!match) return { previous: null, next: null };
  const index = Number(match[1]) * 12 + Number(match[2]) - 1;
  const labelOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  return { previous: labelOf(index - 1), next: labelOf(index + 1) };
}
