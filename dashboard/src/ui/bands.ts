import bands from './bands.module.css';

/** The class of each band of the theme's overdue-share scale, band 0 (calm) first. */
export const BAND_CLASSES: readonly string[] = [
  bands.band0!,
  bands.band1!,
  bands.band2!,
  bands.band3!,
  bands.band4!,
];
export const NOTHING_OPEN_CLASS = bands.nothingOpen!;
export const NO_DATA_CLASS = bands.noData!;
