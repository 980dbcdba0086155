import { createContext, useContext } from 'react';

/** The per-request CSP nonce (app/entry.server.tsx): only scripts carrying it may run. Empty in the browser. */
export const NonceContext = createContext('');

export function useNonce(): string {
  return useContext(NonceContext);
}
