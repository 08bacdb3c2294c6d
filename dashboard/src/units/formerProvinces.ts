import { FORMER_PROVINCES, type FormerProvinceSlug } from '@ioc/shared';

/** The three provinces merged into Lam Dong on 1 July 2025, the seat's first, with their URL slugs. */
export { FORMER_PROVINCES, type FormerProvinceSlug };

export const FORMER_PROVINCE_ORDER: readonly string[] = FORMER_PROVINCES.map((province) => province.name);

export function formerProvinceBySlug(slug: string): (typeof FORMER_PROVINCES)[number] | null {
  return FORMER_PROVINCES.find((province) => province.slug === slug) ?? null;
}

/** Former provinces in the wall's order; an unknown one (a future merger) after them, by name. */
export function compareFormerProvinces(a: string, b: string): number {
  const rank = (name: string) => {
    const index = FORMER_PROVINCE_ORDER.indexOf(name);
    return index === -1 ? FORMER_PROVINCE_ORDER.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b, 'vi');
}
