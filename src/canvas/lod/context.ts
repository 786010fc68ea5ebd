/**
 * Whether the canvas is drawing the level of detail (marks on the canvas layer) instead of cards.
 * The canvas computes it once from React Flow's zoom and provides it here, so the thousands of
 * nodes of a large map do not each subscribe to React Flow's store (each subscription runs on
 * every pan and drag frame); they re-render only when the zoom crosses the threshold.
 */
import { createContext, useContext } from 'react';

export const LodContext = createContext(false);

export const useLod = (): boolean => useContext(LodContext);
