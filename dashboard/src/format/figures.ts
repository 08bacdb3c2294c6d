/** Figures are always written the Vietnamese way (1.234 and 4,3), whatever the wall's language. */
const FIGURE_LOCALE = 'vi-VN';

export const MISSING_FIGURE = '—';

export function formatCount(count: number): string {
  return count.toLocaleString(FIGURE_LOCALE);
}

/** A 1–5 rating with one decimal; `null` means nobody rated, which is not the same as a low score. */
export function formatRating(rating: number | null): string {
  if (rating === null) return MISSING_FIGURE;
  return rating.toLocaleString(FIGURE_LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A 0–1 share as a whole percentage ("93 %" written "93%"); `null` (nothing to divide) is a dash. */
export function formatShare(share: number | null): string {
  if (share === null) return MISSING_FIGURE;
  return share.toLocaleString(FIGURE_LOCALE, { style: 'percent', maximumFractionDigits: 0 });
}

/** A change in a count: `+12`, `−5` (a real minus sign, as in print), `±0`. */
export function formatSignedCount(delta: number): string {
  if (delta === 0) return '±0';
  return `${delta > 0 ? '+' : '−'}${Math.abs(delta).toLocaleString(FIGURE_LOCALE)}`;
}
