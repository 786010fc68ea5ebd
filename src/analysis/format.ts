/** Number and list wording shared by the explanations and the introduction sentences. */
import { formatCount } from '../domain/numbers';

/** A whole number with thousands separators: "2,000". */
export function count(n: number): string {
  return formatCount(n);
}

export function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "41%", "0.4%", "under 0.1%", "0%": precise enough to read, never "0.000123". */
export function percent(fraction: number): string {
  const p = fraction * 100;
  if (p === 0) return '0%';
  if (p >= 1) return `${Math.round(p)}%`;
  if (p >= 0.1) return `${p.toFixed(1)}%`;
  return 'under 0.1%';
}

export function ordinal(rank: number): string {
  const r = Math.max(1, Math.round(rank));
  const tens = r % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][r % 10] ?? 'th';
  return `${count(r)}${suffix}`;
}

/**
 * A place in a ranking where equal values share the average of their places: "3rd" when held
 * alone, "joint 1st–2nd" when `sharedBy` people hold it (their average place is `rank`).
 */
export function place(rank: number, sharedBy: number): string {
  if (sharedBy <= 1) return ordinal(rank);
  const first = Math.round(rank - (sharedBy - 1) / 2);
  return `joint ${ordinal(first)}–${ordinal(first + sharedBy - 1)}`;
}

const PLACES = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** A difference of places as the Metrics table shows it: "4", "4.5" (shared places average). */
export function places(difference: number): string {
  const v = Math.round(Math.abs(difference) * 2) / 2;
  return PLACES.format(v);
}

/** "Ana", "Ana and Ben", "Ana, Ben and Cho", "Ana, Ben and 3 others". */
export function listNames(names: string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const rest = names.length - (max - 1);
  return `${names.slice(0, max - 1).join(', ')} and ${plural(rest, 'other', 'others')}`;
}

/**
 * One formatter per number of digits, made once: Number#toLocaleString with options builds a new
 * Intl.NumberFormat on every call, which made the explanations of 20,000 people take seconds.
 */
const DECIMALS = new Map<number, Intl.NumberFormat>();

export function decimal(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '0';
  let format = DECIMALS.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    DECIMALS.set(digits, format);
  }
  return format.format(value);
}

/** "Informal influence (PageRank)" -> "informal influence (PageRank)", for use inside a sentence. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * "Betweenness estimated from 500 of 50,000 people (sampled sources); the top broker's score is
 * within ±8% (95% interval)." Shown in Insights, above the Metrics table and in the Metrics CSV.
 */
export function estimateSentence(estimate: { sources: number; people: number; relativeError: number }): string {
  const error = Math.max(1, Math.round(estimate.relativeError * 100));
  return `Betweenness estimated from ${count(estimate.sources)} of ${count(estimate.people)} people (shortest paths counted from a random sample; closeness and key-person risk of the others from paths to them); the top broker's score is within ±${error}% (95% interval).`;
}
