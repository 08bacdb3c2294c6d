const UNIT_TYPE_PREFIX = /^(Phường|Xã|Đặc khu)\s+/u;

/** "Phường Xuân Hương - Đà Lạt" → "Xuân Hương - Đà Lạt": the type is noise where space is short. */
export function shortUnitName(name: string): string {
  return name.replace(UNIT_TYPE_PREFIX, '');
}

const unitNameCollator = new Intl.Collator('vi');

/** Vietnamese alphabetical order (Đ after D, tones ignored first), as people look names up. */
export function compareUnitNames(a: string, b: string): number {
  return unitNameCollator.compare(a, b);
}
