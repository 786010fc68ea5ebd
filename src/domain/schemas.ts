/**
 * Validators that also restore: a record read from storage or a file keeps every field that is
 * valid, gets defaults for what is missing or malformed, and is rejected only when it cannot be
 * identified (no id) or would break the graph (a tie with no ends or an unknown kind).
 */
import { z } from 'zod';
import { defaultSettings, DEFAULT_LEVELS } from './defaults';
import { cutText, MAX_LEVELS, MAX_OTHER_EMAILS, MAX_STANCE_HISTORY, MAX_TIE_KINDS, TEXT_LIMITS, type TextLimitKey } from './limits';
import { INTERACTION_KINDS, STANCES, TIE_COLOUR_CHOICES, TIE_KINDS, TIE_LINE_STYLES, TIE_MEANINGS } from './types';
import type { CustomTieKind, MapMeta, MapSettings, Stakeholder, Tie } from './types';

// Over-long text is cut to its limit, never emptied: restoreDocument reports the cut.
const text = (limit: TextLimitKey, fallback = '') => z.string().catch(fallback).transform((s) => cutText(s, TEXT_LIMITS[limit]));
const finite = (fallback: number) => z.number().finite().catch(fallback);
const score = z.number().int().min(1).max(5).catch(3);
// An optional text field: absent when missing or not text, cut to its limit otherwise.
const optionalText = (limit: TextLimitKey) => z.string().transform((s) => cutText(s, TEXT_LIMITS[limit])).optional().catch(undefined);
/** A date as YYYY-MM-DD (the one pattern: domain/exact-records.ts checks with it too). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = z.string().regex(ISO_DATE);

export const InteractionSchema = z.object({
  id: z.string().min(1),
  date: isoDate,
  kind: z.enum(INTERACTION_KINDS).catch('other'),
  note: text('interactionNote'),
  ref: optionalText('ref'),
});

export const StanceChangeSchema = z.object({ date: isoDate, from: z.enum(STANCES), to: z.enum(STANCES) });

export const StakeholderSchema = z.object({
  id: z.string().min(1),
  name: text('personName'),
  title: text('title'),
  department: text('department'),
  seniority: z.number().int().min(0).max(50).catch(3),
  influence: score,
  interest: score,
  stance: z.enum(STANCES).catch('unknown'),
  // Optional: absent on maps from before targets and histories existed, and when never set.
  targetStance: z.enum(STANCES).optional().catch(undefined),
  // One unreadable change is dropped on its own; an empty history is left absent.
  stanceHistory: z
    .array(z.unknown())
    .transform((items) => {
      const kept = items.flatMap((item) => {
        const parsed = StanceChangeSchema.safeParse(item);
        return parsed.success && parsed.data.from !== parsed.data.to ? [parsed.data] : [];
      });
      return kept.length ? kept.slice(-MAX_STANCE_HISTORY) : undefined;
    })
    .optional()
    .catch(undefined),
  // One bad tag is dropped on its own (an over-long one is cut); the others stay.
  tags: z
    .array(z.unknown())
    .catch([])
    .transform((items) => items.filter((t): t is string => typeof t === 'string' && t.length > 0).map((t) => cutText(t, TEXT_LIMITS.tag))),
  notes: text('notes'),
  email: text('email'),
  otherEmails: z
    .array(z.unknown())
    .transform((items) => items.filter((e): e is string => typeof e === 'string' && e.trim().length > 0).slice(0, MAX_OTHER_EMAILS).map((e) => cutText(e, TEXT_LIMITS.email)))
    .optional()
    .catch(undefined),
  phone: optionalText('phone'),
  company: optionalText('company'),
  linkedinUrl: optionalText('url'),
  x: finite(0),
  y: finite(0),
  cadenceDays: z.number().int().min(1).max(3650).nullable().catch(null),
  nextFollowUp: isoDate.nullable().catch(null),
  // Bad log entries are dropped one by one rather than losing the whole log.
  interactions: z
    .array(z.unknown())
    .catch([])
    .transform((items) => items.flatMap((item) => {
      const parsed = InteractionSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    })),
}) satisfies z.ZodType<Stakeholder, unknown>;

export const TieSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  // A built-in kind or a custom kind's id; restoreDocument keeps a tie whose kind the map does not
  // define (as a kind of its own, shown only) and reports it.
  kind: z.string().min(1).transform((k) => cutText(k, TEXT_LIMITS.tieKind)),
  strength: z.union([z.literal(1), z.literal(2), z.literal(3)]).catch(2),
  mutual: z.boolean().catch(false),
  note: text('tieNote'),
}) satisfies z.ZodType<Tie, unknown>;

export const CustomTieKindSchema = z.object({
  id: z
    .string()
    .min(1)
    .transform((k) => cutText(k, TEXT_LIMITS.tieKind))
    .refine((k) => !(TIE_KINDS as readonly string[]).includes(k), 'a custom kind cannot take a built-in kind\'s id'),
  name: text('tieKindName', 'Unnamed kind'),
  colour: z.enum(TIE_COLOUR_CHOICES).catch('slate'),
  line: z.enum(TIE_LINE_STYLES).catch('solid'),
  mutual: z.boolean().catch(false),
  meaning: z.enum(TIE_MEANINGS).catch('shown'),
}) satisfies z.ZodType<CustomTieKind, unknown>;

/** A map's own tie kinds: bad entries and repeated ids dropped one by one, at most MAX_TIE_KINDS. */
export function readTieKinds(value: unknown): CustomTieKind[] {
  if (!Array.isArray(value)) return [];
  const out: CustomTieKind[] = [];
  const seen = new Set<string>();
  for (const item of value) {
    if (out.length >= MAX_TIE_KINDS) break;
    const parsed = CustomTieKindSchema.safeParse(item);
    if (!parsed.success || seen.has(parsed.data.id)) continue;
    seen.add(parsed.data.id);
    out.push(parsed.data);
  }
  return out;
}

export const MapSettingsSchema = z
  .object({
    // One bad level name does not reset the others: it is cut, or named after its place.
    levels: z
      .array(z.unknown())
      .min(1)
      .catch([...DEFAULT_LEVELS])
      .transform((levels) => levels.slice(0, MAX_LEVELS).map((l, i) => (typeof l === 'string' ? cutText(l, TEXT_LIMITS.levelName) : `Level ${i + 1}`))),
    leadershipLevel: z.number().int().min(0).catch(1),
    cadenceDays: z.array(z.unknown()).catch([]),
    tieKinds: z.unknown().optional(),
  })
  .transform((s): MapSettings => {
    const defaults = defaultSettings();
    const leadershipLevel = Math.min(s.leadershipLevel, s.levels.length - 1);
    const validCadence = (d: unknown): d is number => typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= 3650;
    const cadenceDays = s.levels.map((_, i) => {
      const d = s.cadenceDays[i];
      return validCadence(d) ? d : defaults.cadenceDays[Math.min(i, 3)];
    });
    const settings: MapSettings = { levels: s.levels, leadershipLevel, cadenceDays };
    const tieKinds = readTieKinds(s.tieKinds);
    if (tieKinds.length) settings.tieKinds = tieKinds;
    return settings;
  })
  .catch(defaultSettings);

export const MapMetaSchema = z.object({
  id: z.string().min(1),
  name: text('mapName', 'Untitled map'),
  createdAt: finite(0),
  updatedAt: finite(0),
  settings: MapSettingsSchema,
  meId: z.string().min(1).nullable().catch(null),
}) satisfies z.ZodType<MapMeta, unknown>;

/** Restores a record or explains in one line why it cannot be used. */
export function restore<T>(schema: z.ZodType<T, unknown>, value: unknown): { ok: true; value: T } | { ok: false; error: string } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'record';
  return { ok: false, error: `${where}: ${issue?.message ?? 'invalid'}` };
}
