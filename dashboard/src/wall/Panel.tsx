import type { CSSProperties, ReactNode } from 'react';
import { theme } from '../theme';

const frame: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  minHeight: 0,
  minWidth: 0,
  padding: theme.space.lg,
  gap: theme.space.md,
  background: theme.color.surface,
  border: `${theme.size.borderWidth}px solid ${theme.color.border}`,
  borderRadius: theme.size.radius,
};
const heading: CSSProperties = {
  display: 'flex',
  alignItems: 'baseline',
  justifyContent: 'space-between',
  gap: theme.space.lg,
  flexWrap: 'wrap',
};
const title: CSSProperties = {
  margin: 0,
  fontSize: theme.fontSize.panelTitle,
  fontWeight: theme.font.weightBold,
  color: theme.color.text,
};
const body: CSSProperties = { flex: 1, minHeight: 0, position: 'relative' };

export interface PanelProps {
  title: string;
  /** Right of the title: a subtitle, a count, a legend. */
  aside?: ReactNode;
  style?: CSSProperties;
  children: ReactNode;
}

/** The frame every panel of the wall sits in. */
export function Panel({ title: text, aside, style, children }: PanelProps) {
  return (
    <section style={{ ...frame, ...style }} aria-label={text}>
      <header style={heading}>
        <h2 style={title}>{text}</h2>
        {aside}
      </header>
      <div style={body}>{children}</div>
    </section>
  );
}
