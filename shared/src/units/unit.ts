import { z } from 'zod';

export const UNIT_CODE_PATTERN = /^\d{5}$/;

/** A commune-level unit (phường, xã, đặc khu) of Lam Dong since 1 July 2025. `code` is the GSO 5-digit code. */
export const unitSchema = z.object({
  code: z.string().regex(UNIT_CODE_PATTERN),
  name: z.string(),
  type: z.string(),
  typeEn: z.string(),
  formerProvince: z.string(),
  lat: z.number(),
  lon: z.number(),
  mergedFrom: z.string(),
});
export type Unit = z.infer<typeof unitSchema>;

/** `GET /api/v1/units`: the 124 units, by former province and code. */
export const unitsSchema = z.array(unitSchema);
