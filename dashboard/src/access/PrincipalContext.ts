import type { CurrentPrincipal } from '@ioc/shared';
import { createContext, useContext } from 'react';

export interface SignedIn {
  principal: CurrentPrincipal;
  signOut: () => void;
}

export const PrincipalContext = createContext<SignedIn | null>(null);

/** Who uses the app (a person with a role, or a paired wall). */
export function useSignedIn(): SignedIn {
  const signedIn = useContext(PrincipalContext);
  if (!signedIn) throw new Error('useSignedIn needs the AccessGate above it');
  return signedIn;
}
