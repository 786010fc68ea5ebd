/** Number and list wording shared by the explanations and the introduction sentences. */

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
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
  return `${r}${suffix}`;
}

/** "Ana", "Ana and Ben", "Ana, Ben and Cho", "Ana, Ben and 3 others". */
export function listNames(names: string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const rest = names.length - (max - 1);
  return `${names.slice(0, max - 1).join(', ')} and ${plural(rest, 'other', 'others')}`;
}

export function decimal(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '0';
}
