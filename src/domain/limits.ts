/**
 * The one table of text limits. The editor's fields refuse (and say) what goes beyond them, and
 * restoring a document from anywhere cuts an over-long value to the same limit and reports it:
 * a value the editor accepted is never thrown away on the next load.
 */
import { formatCount } from './numbers';

export const TEXT_LIMITS = {
  mapName: 500,
  levelName: 200,
  personName: 500,
  title: 500,
  department: 500,
  email: 500,
  phone: 100,
  company: 500,
  url: 2_000,
  ref: 1_000,
  notes: 100_000,
  tag: 200,
  tieNote: 100_000,
  interactionNote: 100_000,
  tieKindName: 100,
  /** A tie's kind as read (a built-in kind or a custom kind's id). */
  tieKind: 200,
} as const;

export type TextLimitKey = keyof typeof TEXT_LIMITS;

/** Words used for each limited field in messages ("Notes can be at most ..."). */
export const TEXT_LIMIT_LABELS: Record<TextLimitKey, string> = {
  mapName: 'A map name',
  levelName: 'A level name',
  personName: 'A name',
  title: 'A title',
  department: 'A department',
  email: 'An e-mail',
  phone: 'A phone number',
  company: 'A company',
  url: 'A URL',
  ref: 'A source reference',
  notes: 'Notes',
  tag: 'A tag',
  tieNote: 'A tie note',
  interactionNote: 'A catch-up note',
  tieKindName: 'A tie kind name',
  tieKind: 'A tie kind',
};

/** At most this many further e-mail addresses per person (`otherEmails`). */
export const MAX_OTHER_EMAILS = 20;
/** The most stance changes kept per person (domain/stance-history.ts); older ones are dropped first. */
export const MAX_STANCE_HISTORY = 200;

/** At most this many seniority levels. */
export const MAX_LEVELS = 50;

/** At most this many tie kinds of a map's own (besides the four built-in kinds). */
export const MAX_TIE_KINDS = 30;

/** Which fields of a person are limited by which entry of the table. */
export const STAKEHOLDER_TEXT_FIELDS = {
  name: 'personName',
  title: 'title',
  department: 'department',
  email: 'email',
  phone: 'phone',
  company: 'company',
  linkedinUrl: 'url',
  notes: 'notes',
} as const satisfies Record<string, TextLimitKey>;

export { formatCount };

/** `value` cut to `max` UTF-16 units without splitting a surrogate pair. */
export function cutText(value: string, max: number): string {
  if (value.length <= max) return value;
  let cut = value.slice(0, max);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut;
}

/** What a field says when it refuses text beyond its limit. */
export function limitMessage(key: TextLimitKey): string {
  return `${TEXT_LIMIT_LABELS[key]} can be at most ${formatCount(TEXT_LIMITS[key])} characters; the rest was not kept.`;
}
