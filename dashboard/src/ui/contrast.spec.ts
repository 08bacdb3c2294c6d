import { describe, expect, it } from '@jest/globals';
import { AA_LARGE_TEXT, AA_TEXT, contrastRatio } from './contrast';
import { theme } from './theme';

const { color } = theme;

describe('the dark theme meets WCAG AA', () => {
  it('computes contrast as WCAG defines it', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each([
    ['text on the background', color.text, color.background],
    ['text on a panel', color.text, color.surface],
    ['text on a raised panel', color.text, color.surfaceRaised],
    ['muted text on the background', color.textMuted, color.background],
    ['muted text on a panel', color.textMuted, color.surface],
    ['muted text on a raised panel', color.textMuted, color.surfaceRaised],
    ['no-data text on its tile', color.noData, color.noDataSurface],
    ['text on a unit with nothing open', color.text, theme.nothingOpenSurface],
    ['overdue figures on a panel', color.overdue, color.surface],
    ['worse changes on a panel', color.worse, color.surface],
    ['better changes on a panel', color.better, color.surface],
    ['banner text on the warning colour', color.onAlert, color.warning],
    ['banner text on the critical colour', color.onAlert, color.critical],
    ['pressed buttons', color.onAccent, color.accent],
    ['silent badge', color.onAlert, color.silent],
    ...theme.overdueShareBands.map(
      (band) => [`text on the ${band.label} band`, color.text, band.surface] as [string, string, string],
    ),
  ])('%s', (_, foreground, background) => {
    expect(contrastRatio(foreground, background)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it.each([
    ['the live dot', color.live],
    ['received bars', color.received],
    ['resolved bars', color.resolved],
    ['within-deadline bars', color.withinDeadline],
    ...color.ratings.map((rating, index) => [`rating ${index + 1} bars`, rating] as [string, string]),
  ])('%s stand out from a panel', (_, graphic) => {
    expect(contrastRatio(graphic, color.surface)).toBeGreaterThanOrEqual(AA_LARGE_TEXT);
  });

  it('tells the bands apart by lightness too, lowest share darkest (not by hue alone)', () => {
    const onBlack = theme.overdueShareBands.map((band) => contrastRatio(band.surface, '#000000'));
    expect(onBlack.slice(1).every((ratio, index) => ratio > onBlack[index]!)).toBe(true);
  });
});
