/** The former provinces merged into Lam Dong on 1 July 2025, as URLs name them, with the name `units.json` gives. */
export const FORMER_PROVINCES = [
  { slug: 'lam-dong', name: 'Lâm Đồng' },
  { slug: 'binh-thuan', name: 'Bình Thuận' },
  { slug: 'dak-nong', name: 'Đắk Nông' },
] as const;
export type FormerProvinceSlug = (typeof FORMER_PROVINCES)[number]['slug'];
