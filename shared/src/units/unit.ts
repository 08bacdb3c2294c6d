/** A commune-level unit (phường, xã, đặc khu) of Lam Dong since 1 July 2025. `code` is the GSO 5-digit code. */
export interface Unit {
  code: string;
  name: string;
  type: string;
  typeEn: string;
  formerProvince: string;
  lat: number;
  lon: number;
  mergedFrom: string;
}

export const UNIT_CODE_PATTERN = /^\d{5}$/;
