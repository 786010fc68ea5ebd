/**
 * graphology keeps each node's neighbours in plain objects keyed by node id, so a person whose id
 * is "constructor" or "__proto__" (imported files keep their ids) looks already connected, or
 * breaks the graph. When a map has such ids, analysis runs on escaped ids ("\u0000constructor")
 * and every id in the result is turned back. Ids that already start with "\u0000" are escaped
 * too, so the mapping is one-to-one. Maps without such ids are passed through untouched.
 */
import type { AnalysisInput } from './types';

const ESC = '\u0000';

function risky(id: string): boolean {
  return id === '__proto__' || id in Object.prototype || id.startsWith(ESC);
}

const escape = (id: string): string => (risky(id) ? ESC + id : id);

export function needsSafeIds(input: AnalysisInput): boolean {
  return input.people.some((p) => risky(p.id)) || input.ties.some((t) => risky(t.id) || risky(t.source) || risky(t.target)) || (input.meId !== null && risky(input.meId));
}

export function toSafeInput(input: AnalysisInput): AnalysisInput {
  return {
    ...input,
    people: input.people.map((p) => ({ ...p, id: escape(p.id) })),
    ties: input.ties.map((t) => ({ ...t, id: escape(t.id), source: escape(t.source), target: escape(t.target) })),
    meId: input.meId === null ? null : escape(input.meId),
  };
}

const unescape = (value: string): string => (value.startsWith(ESC) ? value.slice(1) : value);

/** Turns every escaped id in `value` (strings, keys, arrays, Maps, Sets, nested) back. */
export function fromSafeIds<T>(value: T): T {
  return restoreValue(value) as T;
}

function restoreValue(value: unknown): unknown {
  if (typeof value === 'string') return unescape(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(restoreValue);
  if (ArrayBuffer.isView(value)) return value;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [restoreValue(k), restoreValue(v)]));
  if (value instanceof Set) return new Set([...value].map(restoreValue));
  const keys = Object.keys(value);
  // Records keyed by id lose their prototype, so "__proto__" or "constructor" are plain keys.
  const out: Record<string, unknown> = keys.some((k) => k.startsWith(ESC)) ? Object.create(null) : {};
  for (const k of keys) out[unescape(k)] = restoreValue((value as Record<string, unknown>)[k]);
  return out;
}
