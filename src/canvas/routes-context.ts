import { createContext } from 'react';
import type { Id } from '../domain/types';
import type { TieRoute } from './routing';

/** Bends for ties that would run under other cards (routing.ts); empty where positions are a view's own. */
export const TieRoutesContext = createContext<ReadonlyMap<Id, TieRoute>>(new Map());
