import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { hrefOf, type Route } from '../router/routes';
import { navigateTo, useDisplay } from '../router/useAppLocation';

export interface RouteLinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'> {
  route: Route;
  testId?: string;
}

/** A real link (a new tab, a copied address work), moving inside the app without a reload. */
export function RouteLink({ route, testId, children, ...anchor }: RouteLinkProps) {
  const display = useDisplay();
  const href = hrefOf(route, display);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigateTo(href);
  };
  return (
    <a {...anchor} href={href} data-testid={testId} onClick={onClick}>
      {children}
    </a>
  );
}
