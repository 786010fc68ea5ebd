/**
 * "What if ... leaves?" on the canvas: the people taken out are faded and crossed out, the ties of
 * the routes from Me that break or get longer are drawn as broken, and the other ties of the people
 * taken out fade. Only the overlay changes; the document is untouched.
 */
import type { WhatIfResult } from '../analysis/what-if';
import type { Id, MapDocument } from '../domain/types';
import type { Overlay } from './flow-mapping';
import { valuesOf } from '../domain/records';

export function withWhatIf(overlay: Overlay, doc: MapDocument, removedIds: readonly Id[], result: WhatIfResult | null): Overlay {
  if (removedIds.length === 0) return overlay;
  const removed = new Set(removedIds.filter((id) => id in doc.stakeholders));
  // A result for another set of people (still being worked out) draws no routes.
  const current = result && result.removedIds.length === removed.size && result.removedIds.every((id) => removed.has(id)) ? result : null;
  const broken = new Set<Id>(current ? current.brokenPathTieIds.filter((id) => id in doc.ties) : []);
  const fadedTies = new Set<Id>(overlay.fadedTies ?? []);
  for (const t of valuesOf(doc.ties)) if ((removed.has(t.source) || removed.has(t.target)) && !broken.has(t.id)) fadedTies.add(t.id);
  // Also faded / highlighted, so the zoomed-out level-of-detail layer (which draws only those) shows them.
  const faded = new Set<Id>(overlay.faded ?? []);
  for (const id of removed) faded.add(id);
  const highlightedTies = new Set<Id>(overlay.highlightedTies ?? []);
  for (const id of broken) highlightedTies.add(id);
  return { ...overlay, removed, broken, fadedTies, faded, highlightedTies };
}
