/**
 * The one way a count is written in text: whole numbers with thousands separators ("50,000
 * people"), the same whatever the browser's language, since every sentence around it is English.
 */
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "50,000". */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** "1 person", "50,000 people" (`many` defaults to `one` + "s"). */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
