import type { CurrentPrincipal } from '@ioc/shared';

/**
 * What the app offers a principal. The server decides every access (its policy module); these
 * only spare a person links that would lead to a refusal. Dossier lists and details are for
 * people (each within his scope, which the server applies), never for a wall.
 */
export function canSeeDossiers(principal: CurrentPrincipal): boolean {
  return principal.kind === 'user';
}
