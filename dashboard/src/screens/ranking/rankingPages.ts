/** Units on one page of the ranking screen (two columns of 21, readable from across the room): 124 in three pages. */
export const RANKING_PAGE_SIZE = 42;

export function rankingPageCount(units: number): number {
  return Math.max(1, Math.ceil(units / RANKING_PAGE_SIZE));
}
