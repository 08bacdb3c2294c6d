/**
 * The one theme of the app: every colour and size. CSS reads it through custom properties
 * (`applyTheme` writes them on the root element: `var(--color-text)`, `var(--font-kpi-value)`),
 * ECharts reads it directly. Sizes are in rem, and the root font size follows the viewport
 * (`global.css`: 16 px at 1920×1080, 32 px at 3840×2160), so the wall scales as a whole.
 */
export const theme = {
  color: {
    background: '#0a1020',
    surface: '#111a2e',
    surfaceRaised: '#17233d',
    border: '#2b3b63',
    text: '#eef3fb',
    textMuted: '#a9b8d4',
    accent: '#38bdf8',
    onAccent: '#0a1020',
    live: '#22c55e',
    warning: '#f59e0b',
    critical: '#f04444',
    onAlert: '#0a1020',
    /** Figures that went up where up is bad (overdue, backlog), and down where down is bad. */
    worse: '#fb7185',
    better: '#4ade80',
    overdue: '#f87171',
    withinDeadline: '#60a5fa',
    received: '#38bdf8',
    resolved: '#a3e635',
    noData: '#8391a7',
    noDataSurface: '#141c2e',
    silent: '#f59e0b',
    ratings: ['#ef4444', '#f97316', '#eab308', '#84cc16', '#22c55e'],
    chartGridLine: 'rgba(169, 184, 212, 0.18)',
    chartAxisPointer: 'rgba(169, 184, 212, 0.14)',
    mapBorder: '#0a1020',
    formerProvinceBorder: '#eef3fb',
  },
  /**
   * The graded scale of a unit's overdue share (overdue ÷ open dossiers), shared by the unit grid
   * and the map. `upTo` is exclusive; the last band is open-ended. Fixed bands, not quantiles, so a
   * colour means the same thing every day. Each band's surface keeps white text at WCAG AA.
   */
  overdueShareBands: [
    { upTo: 0.02, surface: '#1e3a5f', label: '< 2 %' },
    { upTo: 0.05, surface: '#2f5419', label: '2–5 %' },
    { upTo: 0.1, surface: '#7a4a0c', label: '5–10 %' },
    { upTo: 0.2, surface: '#9a3412', label: '10–20 %' },
    { upTo: Infinity, surface: '#b91c1c', label: '≥ 20 %' },
  ],
  /** A unit with data but nothing open: no share to grade. */
  nothingOpenSurface: '#243049',
  font: {
    family: "'Inter', 'Segoe UI', 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
  },
  /** rem */
  fontSize: {
    title: 1.6,
    clock: 2.1,
    small: 0.8,
    body: 0.95,
    banner: 1.45,
    panelTitle: 1.2,
    kpiLabel: 1.1,
    kpiValue: 3.5,
    kpiDetail: 0.95,
    /** With the tile's 2 px padding, every unit's name fits on two lines ("Xuân Trường - Đà Lạt" the widest). */
    tileName: 0.75,
    tileValue: 1.25,
    tileDetail: 0.8,
    listItem: 0.95,
    rankingCell: 1.2,
    chartAxis: 0.8,
    chartLabel: 0.8,
    chartLegend: 0.9,
    statusTitle: 2.4,
  },
  /**
   * Screens people work at rather than watch (administration): rem like the wall, with a floor in
   * px so that text stays readable at 1366×768 and on a tablet, where the wall's rem is small.
   */
  deskFontSize: {
    body: { rem: 1.05, minPx: 14 },
    small: { rem: 0.9, minPx: 12.5 },
    heading: { rem: 1.35, minPx: 18 },
    secret: { rem: 1.2, minPx: 15 },
  },
  /** rem */
  space: { xxs: 0.125, xs: 0.25, sm: 0.5, md: 0.75, lg: 1, xl: 1.75 },
  /** rem */
  size: { radius: 0.5, border: 0.0625, alertBorder: 0.2, wallAlertBorder: 0.5 },
  chart: { animationMs: 300 },
  staleContentOpacity: 0.4,
} as const;

export type OverdueShareBand = (typeof theme.overdueShareBands)[number];

/**
 * The theme as CSS custom properties: `--color-<name>`, `--font-<name>`, `--desk-font-<name>`,
 * `--space-<name>`, `--size-<name>`.
 */
export function themeVariables(): Record<string, string> {
  const variables: Record<string, string> = {};
  const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  for (const [name, value] of Object.entries(theme.color)) {
    if (typeof value === 'string') variables[`--color-${kebab(name)}`] = value;
  }
  theme.color.ratings.forEach((value, index) => (variables[`--color-rating-${index + 1}`] = value));
  theme.overdueShareBands.forEach((band, index) => (variables[`--color-band-${index}`] = band.surface));
  variables['--color-nothing-open'] = theme.nothingOpenSurface;
  variables['--font-family'] = theme.font.family;
  for (const [name, value] of Object.entries(theme.fontSize))
    variables[`--font-${kebab(name)}`] = `${value}rem`;
  for (const [name, { rem, minPx }] of Object.entries(theme.deskFontSize))
    variables[`--desk-font-${kebab(name)}`] = `max(${minPx}px, ${rem}rem)`;
  for (const [name, value] of Object.entries(theme.space)) variables[`--space-${name}`] = `${value}rem`;
  for (const [name, value] of Object.entries(theme.size)) variables[`--size-${kebab(name)}`] = `${value}rem`;
  variables['--stale-opacity'] = String(theme.staleContentOpacity);
  return variables;
}

export function applyTheme(root: HTMLElement): void {
  for (const [name, value] of Object.entries(themeVariables())) root.style.setProperty(name, value);
}

/** The band of an overdue share (0–1); null when there is no share (nothing open). */
export function overdueShareBand(share: number | null): number | null {
  if (share === null) return null;
  const index = theme.overdueShareBands.findIndex((band) => share < band.upTo);
  return index === -1 ? theme.overdueShareBands.length - 1 : index;
}
