import { Component, type ErrorInfo, type ReactNode } from 'react';

/** An unattended wall tries again by itself after this long. */
const RETRY_AFTER_MS = 15_000;

interface ErrorBoundaryProps {
  /** What to show instead of the children while they are broken. */
  fallback: (message: string) => ReactNode;
  children: ReactNode;
}

/**
 * Keeps a rendering error inside the part that broke (a panel, a screen): the rest of the wall
 * stays live, and the broken part is rendered again after a while, since new data may mend it.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { message: string | null }> {
  override state = { message: null as string | null };
  private timer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(error: unknown): { message: string } {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('panel failed to render', error, info.componentStack);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.setState({ message: null }), RETRY_AFTER_MS);
  }

  override componentWillUnmount(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  override render(): ReactNode {
    return this.state.message === null ? this.props.children : this.props.fallback(this.state.message);
  }
}
