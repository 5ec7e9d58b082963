// The EdgeApi the pages talk to, given once at the root (tests give an in-memory one).
import { createContext, useContext } from 'react';
import type { EdgeApi } from '../../../shared/api/contract.ts';

export const ApiContext = createContext<EdgeApi | null>(null);

export function useApi(): EdgeApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}
