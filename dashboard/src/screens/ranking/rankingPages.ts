/** Units on one page of the ranking screen (two columns of 31): all 124 in two pages. */
export const RANKING_PAGE_SIZE = 62;

export function rankingPageCount(units: number): number {
  return Math.max(1, Math.ceil(units / RANKING_PAGE_SIZE));
}
