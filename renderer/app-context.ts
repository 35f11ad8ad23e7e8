import { createContext, useContext } from 'react';
import type { AppContext } from './workflows/context';

export const AppCtx = createContext<AppContext | null>(null);

/** The engine, host and store of the running app (provided by App). */
export function useApp(): AppContext {
  const ctx = useContext(AppCtx);
  if (ctx === null) throw new Error('useApp outside <App>');
  return ctx;
}
